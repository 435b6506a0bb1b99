import { withUser } from '@/lib/auth/route';
import { publicOrigin } from '@/lib/http/request-facts';
import { json } from '@/lib/images/wire';
import { nextRunCursor, parseRunListQuery, readRunRequests } from '@/lib/runs/api';
import { runJson } from '@/lib/runs/run-json';
import { runner } from '@/lib/runs/runner';
import { listRuns, queuePositions } from '@/lib/runs/store';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * `POST /api/v1/runs`: a generation (JSON), an edit or variation (multipart with
 * `endpoint`), or a group (`compare`, `batch`), answered at once with 202 and the run(s).
 * Checked, budgeted and refused exactly as the Images API routes are.
 */
export const POST = withUser('runs create', async (request, who) => {
  const { requests, group } = await readRunRequests(request);
  const runs = await (await runner()).create(who, requests, publicOrigin(request));
  const queued = runs.filter((r) => r.status === 'queued').map((r) => r.id);
  const positions = queued.length ? await queuePositions((await runner()).db, queued) : new Map<string, number>();
  const data = runs.map((r) => runJson(r, positions.get(r.id) ?? null));
  return json(group ? { object: 'list', group, data } : data[0], { status: 202 });
});

/** `GET /api/v1/runs?limit&cursor&status&group`: the caller's runs, newest first. */
export const GET = withUser('runs list', async (request, who) => {
  const { limit, cursor, statuses, groupId } = parseRunListQuery(new URL(request.url).searchParams);
  const { db } = await runner();
  const page = await listRuns(db, { creator: who.id, statuses, groupId }, limit, cursor);
  const positions = await queuePositions(db, page.filter((r) => r.status === 'queued').map((r) => r.id));
  return json({ object: 'list', data: page.map((r) => runJson(r, positions.get(r.id) ?? null)), next_cursor: nextRunCursor(page, limit) });
});
