import 'server-only';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { identityFromHeaders, type Identity } from './identity';
import { authSettings } from './settings';

/**
 * The signed-in person, for server components. The proxy has already sent anyone
 * without a user to sign-in; this is the same check again, close to the data.
 */
export async function pageUser(): Promise<Identity> {
  const who = identityFromHeaders(await headers(), authSettings());
  if (!who) redirect('/sign-in');
  return who;
}
