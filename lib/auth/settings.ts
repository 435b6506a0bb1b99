/**
 * How people sign in, chosen by configuration (read on each call so tests can vary it):
 * - `password`: a shared team password; people give a display name and get a signed
 *   session cookie;
 * - `header`: a trusted header set by an SSO reverse proxy (oauth2-proxy and the like)
 *   names the person; the header is ignored unless its name is configured;
 * - `open`: no sign-in, for one person on their own machine; the UI says so.
 * A mode asked for but not fully configured refuses to start rather than fall open.
 */
export type AuthMode = 'open' | 'password' | 'header';

export class AuthConfigError extends Error {}

export type AuthSettings = {
  mode: AuthMode;
  password?: string;
  /** Lower-case header name, in header mode. */
  header?: string;
  /** Mixed into the session key with the password; required when several instances share sessions. */
  sessionSecret?: string;
  sessionDays: number;
  /** Names allowed on the admin page; null lets every signed-in person see it. */
  admins: string[] | null;
  /** Failed sign-ins allowed per client address, and for everyone, per window. */
  signInLimit: { perAddress: number; total: number; windowSeconds: number };
};

const positive = (value: string | undefined, fallback: number) => {
  const n = Number(value);
  return value && Number.isFinite(n) && n > 0 ? n : fallback;
};

export function authSettings(env: Record<string, string | undefined> = process.env): AuthSettings {
  const password = env.STUDIO_TEAM_PASSWORD || undefined;
  const header = env.STUDIO_AUTH_HEADER?.trim().toLowerCase() || undefined;
  const asked = env.STUDIO_AUTH_MODE?.trim().toLowerCase() || undefined;
  if (asked && asked !== 'open' && asked !== 'password' && asked !== 'header')
    throw new AuthConfigError(`STUDIO_AUTH_MODE must be open, password or header, not "${asked}".`);
  const mode: AuthMode = (asked as AuthMode | undefined) ?? (header ? 'header' : password ? 'password' : 'open');
  if (mode === 'password' && !password) throw new AuthConfigError('STUDIO_AUTH_MODE=password needs STUDIO_TEAM_PASSWORD.');
  if (mode === 'header' && !header) throw new AuthConfigError('STUDIO_AUTH_MODE=header needs STUDIO_AUTH_HEADER (for example X-Forwarded-User).');
  if (header && !/^[a-z0-9-]+$/.test(header)) throw new AuthConfigError(`STUDIO_AUTH_HEADER "${header}" is not a header name.`);
  const admins = (env.STUDIO_ADMINS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return {
    mode,
    password: mode === 'password' ? password : undefined,
    header: mode === 'header' ? header : undefined,
    sessionSecret: env.STUDIO_SESSION_SECRET || undefined,
    sessionDays: positive(env.STUDIO_SESSION_DAYS, 14),
    admins: admins.length ? admins : null,
    signInLimit: {
      perAddress: positive(env.STUDIO_SIGN_IN_ATTEMPTS, 10),
      total: positive(env.STUDIO_SIGN_IN_ATTEMPTS_TOTAL, 100),
      windowSeconds: positive(env.STUDIO_SIGN_IN_WINDOW_SECONDS, 15 * 60),
    },
  };
}
