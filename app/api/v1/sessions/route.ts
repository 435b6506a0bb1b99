import { withUser } from '@/lib/auth/route';
import { sessionJson } from '@/lib/auth/session-api';
import { listSessions } from '@/lib/auth/sessions';
import { gallery } from '@/lib/gallery/instance';
import { json } from '@/lib/images/wire';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** The caller's live sign-in sessions (password and OIDC modes), most recently seen first. */
export const GET = withUser('sessions list', async (_request, who) =>
  json({ object: 'list', data: (await listSessions((await gallery()).db, who.id)).map((s) => sessionJson(s, who.sessionId)) }),
);
