import { withUser } from '@/lib/auth/route';
import { serverConfig } from '@/lib/config';
import { methodNotAllowed } from '@/lib/http/method-not-allowed';
import { ownRun, startingAfter } from '@/lib/runs/api';
import { runner } from '@/lib/runs/runner';
import { watchRun } from '@/lib/runs/watch';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

/**
 * `GET /api/v1/runs/<id>/events`: server-sent events, each with its sequence number as
 * its id. `Last-Event-ID` or `?starting_after=N` resumes after N.
 */
export const GET = withUser('run events', async (request, who, { params }: Params) => {
  const after = startingAfter(request);
  const run = await ownRun((await runner()).db, (await params).id, who);
  return watchRun((await runner()).hub, run.id, after, { signal: request.signal, heartbeatMs: serverConfig().heartbeatMs });
});

export const POST = methodNotAllowed('GET');
