import { withUser } from '@/lib/auth/route';
import { methodNotAllowed } from '@/lib/http/method-not-allowed';
import { json } from '@/lib/images/wire';
import { ownRun } from '@/lib/runs/api';
import { runJson } from '@/lib/runs/run-json';
import { runner } from '@/lib/runs/runner';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

/**
 * `POST /api/v1/runs/<id>/cancel`: stops the run wherever it executes. It ends
 * `cancelled`, keeps nothing and costs nothing. Cancelling an ended run changes nothing.
 */
export const POST = withUser('run cancel', async (_request, who, { params }: Params) => {
  const run = await ownRun((await runner()).db, (await params).id, who);
  const after = run.status === 'queued' || run.status === 'running' ? await (await runner()).cancel(run.id) : run;
  return json(runJson(after ?? run));
});

export const GET = methodNotAllowed('POST');
