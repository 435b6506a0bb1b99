import { authSettings } from '@/lib/auth/settings';
import { isAdmin } from '@/lib/auth/require';
import { withUser } from '@/lib/auth/route';
import { endAllSessions } from '@/lib/auth/sessions';
import { gallery } from '@/lib/gallery/instance';
import { forbidden } from '@/lib/images/errors';
import { json } from '@/lib/images/wire';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * Ends every session of one person (a lost laptop, someone who left). Only for admins
 * named in STUDIO_ADMINS: without that list nobody may sign others out. Their personal
 * API tokens are not touched; they revoke those in Settings.
 */
export const DELETE = withUser('admin end sessions', async (_request, who, { params }: { params: Promise<{ person: string }> }) => {
  const settings = authSettings();
  if (settings.admins === null || !isAdmin(who, settings)) throw forbidden('Only the admins named in STUDIO_ADMINS can sign other people out.');
  const { person } = await params;
  const ended = await endAllSessions((await gallery()).db, person);
  return json({ object: 'person.sessions', person_id: person, ended });
});
