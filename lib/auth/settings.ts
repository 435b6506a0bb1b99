/**
 * How people sign in, chosen by configuration (read on each call so tests can vary it):
 * - `oidc`: the team's identity provider (OpenID Connect: Google Workspace, Entra ID,
 *   Okta, Keycloak, Authentik…); a person is the provider's subject, names are real;
 * - `password`: a shared team password; people give a display name (not verified);
 * - `header`: a trusted header set by an SSO reverse proxy (oauth2-proxy and the like)
 *   names the person; the header is ignored unless its name is configured;
 * - `open`: no sign-in, for one person on their own machine; the UI says so.
 * Password and OIDC sign-ins make server-side sessions (`sessions.ts`).
 * A mode asked for but not fully configured refuses to start rather than fall open.
 */
export type AuthMode = 'open' | 'password' | 'header' | 'oidc';
const MODES: readonly AuthMode[] = ['open', 'password', 'header', 'oidc'];

export class AuthConfigError extends Error {}

export type OidcSettings = {
  issuer: string;
  clientId: string;
  /** Absent for a public client (PKCE alone). */
  clientSecret?: string;
  scopes: string;
  /** Lower-case email domains allowed in; null lets every account of the provider in. */
  allowedDomains: string[] | null;
  /** Groups (any of) allowed in, read from `groupsClaim`; null: no group rule. */
  allowedGroups: string[] | null;
  groupsClaim: string;
  /** What the sign-in button says: "Sign in with …". */
  label: string;
};

export type AuthSettings = {
  mode: AuthMode;
  password?: string;
  /** Lower-case header name, in header mode. */
  header?: string;
  oidc?: OidcSettings;
  /** Mixed into the password mode's realm; set the same on every instance. */
  sessionSecret?: string;
  sessionDays: number;
  /** Names (or, with OIDC, emails or person ids) allowed on the admin page; null lets every signed-in person see it. */
  admins: string[] | null;
  /** Failed sign-ins allowed per client address, and for everyone, per window. */
  signInLimit: { perAddress: number; total: number; windowSeconds: number };
};

const positive = (value: string | undefined, fallback: number) => {
  const n = Number(value);
  return value && Number.isFinite(n) && n > 0 ? n : fallback;
};
const list = (value: string | undefined) => {
  const items = (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return items.length ? items : null;
};

function oidcSettings(env: Record<string, string | undefined>): OidcSettings | undefined {
  const issuer = env.STUDIO_OIDC_ISSUER?.trim();
  if (!issuer) return undefined;
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new AuthConfigError(`STUDIO_OIDC_ISSUER "${issuer}" is not a URL.`);
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) throw new AuthConfigError('STUDIO_OIDC_ISSUER must be an https:// URL.');
  const clientId = env.STUDIO_OIDC_CLIENT_ID?.trim();
  if (!clientId) throw new AuthConfigError('STUDIO_OIDC_ISSUER needs STUDIO_OIDC_CLIENT_ID (and usually STUDIO_OIDC_CLIENT_SECRET).');
  return {
    issuer,
    clientId,
    clientSecret: env.STUDIO_OIDC_CLIENT_SECRET || undefined,
    scopes: env.STUDIO_OIDC_SCOPES?.trim() || 'openid email profile',
    allowedDomains: list(env.STUDIO_OIDC_ALLOWED_DOMAINS)?.map((d) => d.toLowerCase().replace(/^@/, '')) ?? null,
    allowedGroups: list(env.STUDIO_OIDC_ALLOWED_GROUPS),
    groupsClaim: env.STUDIO_OIDC_GROUPS_CLAIM?.trim() || 'groups',
    label: env.STUDIO_OIDC_LABEL?.trim() || url.host,
  };
}

export function authSettings(env: Record<string, string | undefined> = process.env): AuthSettings {
  const password = env.STUDIO_TEAM_PASSWORD || undefined;
  const header = env.STUDIO_AUTH_HEADER?.trim().toLowerCase() || undefined;
  const oidc = oidcSettings(env);
  const asked = env.STUDIO_AUTH_MODE?.trim().toLowerCase() || undefined;
  if (asked && !MODES.includes(asked as AuthMode)) throw new AuthConfigError(`STUDIO_AUTH_MODE must be open, password, header or oidc, not "${asked}".`);
  const mode: AuthMode = (asked as AuthMode | undefined) ?? (header ? 'header' : oidc ? 'oidc' : password ? 'password' : 'open');
  if (mode === 'password' && !password) throw new AuthConfigError('STUDIO_AUTH_MODE=password needs STUDIO_TEAM_PASSWORD.');
  if (mode === 'header' && !header) throw new AuthConfigError('STUDIO_AUTH_MODE=header needs STUDIO_AUTH_HEADER (for example X-Forwarded-User).');
  if (mode === 'oidc' && !oidc) throw new AuthConfigError('STUDIO_AUTH_MODE=oidc needs STUDIO_OIDC_ISSUER and STUDIO_OIDC_CLIENT_ID.');
  if (header && !/^[a-z0-9-]+$/.test(header)) throw new AuthConfigError(`STUDIO_AUTH_HEADER "${header}" is not a header name.`);
  return {
    mode,
    password: mode === 'password' ? password : undefined,
    header: mode === 'header' ? header : undefined,
    oidc: mode === 'oidc' ? oidc : undefined,
    sessionSecret: env.STUDIO_SESSION_SECRET || undefined,
    sessionDays: positive(env.STUDIO_SESSION_DAYS, 14),
    admins: list(env.STUDIO_ADMINS),
    signInLimit: {
      perAddress: positive(env.STUDIO_SIGN_IN_ATTEMPTS, 10),
      total: positive(env.STUDIO_SIGN_IN_ATTEMPTS_TOTAL, 100),
      windowSeconds: positive(env.STUDIO_SIGN_IN_WINDOW_SECONDS, 15 * 60),
    },
  };
}

/** Modes whose sign-in makes a server-side session (a cookie naming a row in `sessions`). */
export const usesSessions = (settings: AuthSettings) => settings.mode === 'password' || settings.mode === 'oidc';
