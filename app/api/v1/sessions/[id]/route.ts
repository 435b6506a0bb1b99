import { withUser } from '@/lib/auth/route';
import { endSession } from '@/lib/auth/sessions';
import { gallery } from '@/lib/gallery/instance';
import { invalidRequest } from '@/lib/images/errors';
import { json } from '@/lib/images/wire';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Ends one of the caller's own sessions: that browser is signed out on its next request. */
export const DELETE = withUser('session end', async (_request, who, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  if (!(await endSession((await gallery()).db, who.id, id))) throw invalidRequest('No such live session of yours.', null, 'not_found', 404);
  return json({ id, object: 'session', ended: true });
});
