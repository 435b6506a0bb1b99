import { isAdmin } from '@/lib/auth/require';
import { withUser } from '@/lib/auth/route';
import { sessionsByPerson } from '@/lib/auth/sessions';
import { gallery } from '@/lib/gallery/instance';
import { forbidden } from '@/lib/images/errors';
import { json } from '@/lib/images/wire';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Who has live sessions, for the admins: one row a person. */
export const GET = withUser('admin sessions', async (_request, who) => {
  if (!isAdmin(who)) throw forbidden('Only the admins named in STUDIO_ADMINS can see everyone’s sessions.');
  const people = await sessionsByPerson((await gallery()).db);
  return json({ object: 'list', data: people.map((p) => ({ person_id: p.personId, name: p.name, sessions: p.sessions, last_seen_at: p.lastSeenAt.toISOString() })) });
});
