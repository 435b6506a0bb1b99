import 'server-only';
import { randomBytes } from 'node:crypto';
import * as client from 'openid-client';
import type { Sql } from '../db/types';
import { storedDigest } from '../http/same-secret';
import { normaliseName } from './names';
import type { SessionPerson } from './sessions';
import type { OidcSettings } from './settings';

/**
 * Sign-in with the team's identity provider: OpenID Connect's authorization code flow
 * with PKCE, state and nonce, through `openid-client` (discovery, the token exchange and
 * every check of the ID token: signature, issuer, audience, expiry, nonce). The studio
 * keeps each sign-in in flight in `oidc_logins`, named by a random cookie, and deletes it
 * when the provider calls back, so a callback is good once and only in the browser that
 * started it.
 */
export const CALLBACK_PATH = '/api/auth/oidc/callback';
const LOGIN_TTL_SECONDS = 600;
const DISCOVERY_TTL_MS = 60 * 60 * 1000;

/** Why a sign-in was refused; the sign-in page explains each. */
export type OidcRefusal = 'expired' | 'denied' | 'failed' | 'outsider' | 'unavailable';
export class OidcSignInError extends Error {
  constructor(readonly reason: OidcRefusal, detail: string) {
    super(detail);
  }
}

const configurations = new Map<string, { at: number; config: Promise<client.Configuration> }>();

/** The provider's configuration from its discovery document, cached for an hour. */
export function oidcConfiguration(settings: OidcSettings): Promise<client.Configuration> {
  const key = `${settings.issuer}\u0000${settings.clientId}\u0000${settings.clientSecret ?? ''}`;
  const cached = configurations.get(key);
  if (cached && Date.now() - cached.at < DISCOVERY_TTL_MS) return cached.config;
  const issuer = new URL(settings.issuer);
  // Plain http is accepted only for a provider on this machine (settings.ts refuses others).
  const insecure = issuer.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : undefined;
  const config = client
    .discovery(issuer, settings.clientId, undefined, settings.clientSecret ? client.ClientSecretBasic(settings.clientSecret) : client.None(), insecure)
    .catch((error: unknown) => {
      configurations.delete(key);
      throw new OidcSignInError('unavailable', `discovery at ${settings.issuer} failed: ${(error as Error).message}`);
    });
  if (configurations.size > 8) configurations.clear();
  configurations.set(key, { at: Date.now(), config });
  return config;
}


/** Starts a sign-in: the address to send the browser to, and the cookie that ties the callback to it. */
export async function beginOidcSignIn(sql: Sql, settings: OidcSettings, redirectUri: string, returnTo: string): Promise<{ url: URL; loginId: string; maxAgeSeconds: number }> {
  const config = await oidcConfiguration(settings);
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const loginId = randomBytes(32).toString('base64url');
  await sql.query('delete from oidc_logins where created_at < clock_timestamp() - make_interval(secs => $1)', [LOGIN_TTL_SECONDS]);
  await sql.query('insert into oidc_logins (id_sha256, state, nonce, code_verifier, return_to) values ($1, $2, $3, $4, $5)', [storedDigest(loginId), state, nonce, verifier, returnTo]);
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: settings.scopes,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { url, loginId, maxAgeSeconds: LOGIN_TTL_SECONDS };
}

type Claims = Record<string, unknown>;

/** The sign-in in flight that this browser's cookie names, taken (deleted) so it is used once. */
export async function takeLogin(sql: Sql, loginId: string | undefined) {
  if (!loginId || !/^[A-Za-z0-9_-]{43}$/.test(loginId)) return null;
  const { rows } = await sql.query<{ state: string; nonce: string; code_verifier: string; return_to: string }>(
    'delete from oidc_logins where id_sha256 = $1 and created_at > clock_timestamp() - make_interval(secs => $2) returning state, nonce, code_verifier, return_to',
    [storedDigest(loginId), LOGIN_TTL_SECONDS],
  );
  return rows[0] ?? null;
}

/**
 * Finishes a sign-in from the provider's callback: exchanges the code (PKCE), checks the
 * ID token (and state and nonce), reads the person, applies the domain and group rules.
 */
export async function finishOidcSignIn(
  settings: OidcSettings,
  login: { state: string; nonce: string; code_verifier: string },
  callbackUrl: URL,
): Promise<SessionPerson> {
  const providerError = callbackUrl.searchParams.get('error');
  if (providerError) throw new OidcSignInError('denied', `${providerError}: ${callbackUrl.searchParams.get('error_description') ?? ''}`.slice(0, 300));
  const config = await oidcConfiguration(settings);
  let claims: Claims;
  try {
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: login.code_verifier,
      expectedState: login.state,
      expectedNonce: login.nonce,
      idTokenExpected: true,
    });
    claims = { ...(tokens.claims() as Claims) };
    // Providers that follow the spec to the letter (Okta, oidc-provider) put profile
    // claims in the ID token only when no access token is issued: ask userinfo for them.
    const userinfo = config.serverMetadata().userinfo_endpoint;
    if (userinfo && (!claims.email || !claims.name || (settings.allowedGroups && !claims[settings.groupsClaim]))) {
      const more = await client.fetchUserInfo(config, tokens.access_token, String(claims.sub));
      claims = { ...more, ...claims };
    }
  } catch (error) {
    if (error instanceof OidcSignInError) throw error;
    throw new OidcSignInError('failed', (error as Error).message);
  }
  return personFromClaims(claims, settings);
}

/** Who the claims say this is, if the studio's rules let them in. */
export function personFromClaims(claims: Claims, settings: OidcSettings): SessionPerson {
  const sub = typeof claims.sub === 'string' ? claims.sub : '';
  if (!sub) throw new OidcSignInError('failed', 'the ID token has no subject');
  const email = typeof claims.email === 'string' && claims.email_verified !== false ? claims.email.toLowerCase() : null;
  if (settings.allowedDomains) {
    const domain = email?.split('@')[1];
    if (!domain || !settings.allowedDomains.includes(domain)) throw new OidcSignInError('outsider', `${email ?? 'no verified email'} is not in ${settings.allowedDomains.join(', ')}`);
  }
  if (settings.allowedGroups) {
    const raw = claims[settings.groupsClaim];
    const groups = Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? [raw] : [];
    if (!groups.some((g) => settings.allowedGroups!.includes(g))) throw new OidcSignInError('outsider', `not in any of ${settings.allowedGroups.join(', ')}`);
  }
  const name =
    [claims.name, claims.preferred_username, email, sub].map((v) => normaliseName(typeof v === 'string' ? v : null)).find((v): v is string => Boolean(v)) ??
    sub.slice(0, 64);
  return { personId: `oidc:${sub}`, name, email };
}

/** Keeps the name and email the provider gave, so what a person made shows who they are. */
export async function rememberPerson(sql: Sql, person: SessionPerson): Promise<void> {
  await sql.query(
    `insert into people (id, name, email) values ($1, $2, $3)
     on conflict (id) do update set name = excluded.name, email = excluded.email, updated_at = clock_timestamp()`,
    [person.personId, person.name, person.email ?? null],
  );
}
