import 'server-only';
import { gallery } from '../gallery/instance';
import { publicOrigin } from '../http/request-facts';
import { crossOrigin, StudioError } from '../images/errors';
import { bearerOf, identityFromHeaders, sessionCookieOf, type Identity } from './identity';
import { sessionOwner, sessionRealm } from './sessions';
import { authSettings, usesSessions, type AuthSettings } from './settings';
import { looksLikeToken, tokenOwner } from './tokens';

/**
 * The route handlers' door: every `/api/v1` handler asks here who is calling before it
 * does anything. A personal API token (`Authorization: Bearer isk_…`) wins over the
 * browser's session or SSO header; a token that is unknown or revoked is refused even
 * in open mode. Mutations made with a browser's credentials must come from the
 * studio's own origin (CSRF).
 */
/** 401 with what to do to get in, in this mode. */
const unauthorized = (settings: AuthSettings, message?: string, code = 'unauthorized') =>
  new StudioError(
    401,
    {
      message:
        message ??
        (settings.mode === 'header'
          ? 'Your sign-in proxy did not say who you are. Open the studio through it, or send a personal API token as "Authorization: Bearer isk_…".'
          : 'Sign in to use the studio, or send a personal API token as "Authorization: Bearer isk_…" (create one under Settings).'),
      type: 'invalid_request_error',
      param: null,
      code,
    },
    { 'www-authenticate': 'Bearer realm="image-studio"', 'cache-control': 'no-store' },
  );

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function assertSameOrigin(request: Request, who: Identity): void {
  if (SAFE_METHODS.has(request.method) || who.via === 'token') return;
  const origin = request.headers.get('origin');
  // Browsers send Origin with every cross-site POST and DELETE, so a forged request
  // always shows itself. Only a session cookie rides along on its own, so only it
  // needs an Origin present; the SSO proxy and open mode also serve curl and scripts.
  if (!origin && who.via !== 'session') return;
  if (origin !== publicOrigin(request)) throw crossOrigin('This request did not come from the studio itself, so it was refused. Reload the studio and try again.');
}

/** The person a browser's session cookie names, if the session is live (password and OIDC modes). */
export async function sessionIdentity(headers: Headers, settings: AuthSettings): Promise<Identity | null> {
  if (!usesSessions(settings)) return null;
  const token = sessionCookieOf(headers);
  if (!token) return null;
  const owner = await sessionOwner((await gallery()).db, token, sessionRealm(settings));
  return owner ? { id: owner.personId, name: owner.name, email: owner.email, via: 'session', sessionId: owner.sessionId } : null;
}

export async function requireUser(request: Request): Promise<Identity> {
  const settings = authSettings();
  const bearer = bearerOf(request.headers);
  let who: Identity | null = null;
  if (bearer && looksLikeToken(bearer)) {
    const owner = await tokenOwner((await gallery()).db, bearer);
    if (!owner) throw unauthorized(settings, 'This API token is not valid: it may have been revoked. Create a new one under Settings.', 'invalid_api_key');
    who = { id: owner.creator, name: owner.name, via: 'token', tokenId: owner.tokenId };
  } else {
    who = identityFromHeaders(request.headers, settings) ?? (await sessionIdentity(request.headers, settings));
  }
  if (!who) throw unauthorized(settings);
  assertSameOrigin(request, who);
  return who;
}

/**
 * Whether this person may delete or manage what `creator` (a person id) made: its
 * creator, an admin, or anyone in open mode (where everyone is the same person).
 */
export function mayManage(who: Identity, creator: string, settings: AuthSettings = authSettings()): boolean {
  return who.via === 'open' || who.id === creator || (settings.admins !== null && isAdmin(who, settings));
}

/**
 * Whether this person is an admin: STUDIO_ADMINS names them by id (their name, outside
 * OIDC) or, with an identity provider, by their verified email. Unset: everyone.
 */
export function isAdmin(who: Identity, settings: AuthSettings = authSettings()): boolean {
  if (settings.admins === null) return true;
  const email = who.email?.toLowerCase();
  return settings.admins.some((entry) => entry === who.id || (email !== undefined && entry.toLowerCase() === email));
}
