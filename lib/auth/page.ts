import 'server-only';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { identityFromHeaders, type Identity } from './identity';
import { sessionIdentity } from './require';
import { authSettings } from './settings';

/**
 * The signed-in person, for server components. The proxy has already sent anyone
 * without a user (or a session cookie) to sign-in; this checks the session itself, so
 * an ended or expired one is sent to sign-in here. Cached for the render: the layout and
 * the page ask once between them.
 */
export const pageUser = cache(async (): Promise<Identity> => {
  const settings = authSettings();
  const all = await headers();
  const who = identityFromHeaders(all, settings) ?? (await sessionIdentity(all, settings));
  if (!who) redirect('/sign-in');
  return who;
});
