import 'server-only';
import { gallery } from '../gallery/instance';
import { clientAddress, publicOrigin } from '../http/request-facts';
import { setCookie, SESSION_COOKIE } from './cookies';
import { createSession, sessionRealm, type SessionPerson } from './sessions';
import type { AuthSettings } from './settings';

/**
 * Opens a server-side session for a person who has just proved who they are (the team
 * password, or the identity provider's ID token) and returns the cookie to set.
 */
export async function startSession(request: Request, person: SessionPerson, settings: AuthSettings): Promise<string> {
  const session = await createSession((await gallery()).db, {
    ...person,
    realm: sessionRealm(settings),
    userAgent: request.headers.get('user-agent'),
    address: clientAddress(request.headers),
    days: settings.sessionDays,
  });
  return setCookie(SESSION_COOKIE, session.token, { maxAgeSeconds: session.maxAgeSeconds, secure: publicOrigin(request).startsWith('https:') });
}

/** The cookie that forgets the session in the browser. */
export const clearSessionCookie = (request: Request) => setCookie(SESSION_COOKIE, '', { maxAgeSeconds: 0, secure: publicOrigin(request).startsWith('https:') });
