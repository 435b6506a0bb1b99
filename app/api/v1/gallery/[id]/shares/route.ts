import { z } from 'zod';
import { withUser } from '@/lib/auth/route';
import { readJsonAs } from '@/lib/http/read-json';
import { imageOrNotFound } from '@/lib/gallery/lookup';
import { createShare, listShares, shareJson } from '@/lib/gallery/shares';
import { invalidRequest } from '@/lib/images/errors';
import { publicOrigin } from '@/lib/http/request-facts';
import { json } from '@/lib/images/wire';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

const createSchema = z.strictObject({
  /** Hours until the link stops working; absent or null for a link that does not expire. */
  expires_in_hours: z.number().positive().max(24 * 365).nullable().optional(),
  hide_prompt: z.boolean().optional(),
});

export const GET = withUser('shares list', async (request, _who, { params }: Params) => {
  const { id } = await params;
  const { gallery: g } = await imageOrNotFound(id);
  const origin = publicOrigin(request);
  return json({ object: 'list', data: (await listShares(g.db, id)).map((s) => shareJson(s, origin)) });
});

/** Anyone on the team may share an image they can see; the link remembers who made it. */
export const POST = withUser('share create', async (request, who, { params }: Params) => {
  const { id } = await params;
    const body = await readJsonAs(request, createSchema, 4096);
    const { gallery: g } = await imageOrNotFound(id);
    const hours = body.expires_in_hours ?? null;
    const share = await createShare(g.db, id, { expiresAt: hours === null ? null : new Date(Date.now() + hours * 3600_000), hidePrompt: body.hide_prompt ?? false, createdBy: who.id });
    return json(shareJson(share, publicOrigin(request)), { status: 201 });
});
