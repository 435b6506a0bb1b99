import { withUser } from '@/lib/auth/route';
import { methodNotAllowed } from '@/lib/http/method-not-allowed';
import { json } from '@/lib/images/wire';
import { ownRun } from '@/lib/runs/api';
import { runner } from '@/lib/runs/runner';
import { runJson } from '@/lib/runs/run-json';
import { queuePositions } from '@/lib/runs/store';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

/** `GET /api/v1/runs/<id>`: the run as it stands. */
export const GET = withUser('run read', async (_request, who, { params }: Params) => {
  const { db } = await runner();
  const run = await ownRun(db, (await params).id, who);
  const positions = await queuePositions(db, [run.id]);
  return json(runJson(run, positions.get(run.id) ?? null));
});

export const POST = methodNotAllowed('GET');
