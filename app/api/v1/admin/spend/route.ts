import { isAdmin } from '@/lib/auth/require';
import { withUser } from '@/lib/auth/route';
import { spendReport } from '@/lib/budget/report';
import { serverConfig } from '@/lib/config';
import { gallery } from '@/lib/gallery/instance';
import { forbidden, invalidRequest } from '@/lib/images/errors';
import { json } from '@/lib/images/wire';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** `GET /api/v1/admin/spend?days=14`: spend per person per UTC day, and the limits in force. */
export const GET = withUser('admin spend', async (request, who) => {
  if (!isAdmin(who)) throw forbidden('Only the admins named in STUDIO_ADMINS can see spending.');
  const raw = new URL(request.url).searchParams.get('days') ?? '14';
  const days = Number(raw);
  if (!Number.isInteger(days) || days < 1 || days > 92) throw invalidRequest('days must be a whole number from 1 to 92.', 'days', 'invalid_value');
  return json(await spendReport((await gallery()).db, days, serverConfig().limits));
});
