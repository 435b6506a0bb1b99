/** Cookie plumbing shared by sign-in, sign-out and the OIDC flow. */
export const SESSION_COOKIE = 'studio_session';
export const OIDC_COOKIE = 'studio_oidc';

/** Reads one cookie from a Cookie header. */
export function cookieValue(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** A Set-Cookie value: httpOnly, SameSite=Lax, Secure when the studio is served over https. */
export function setCookie(name: string, value: string, { maxAgeSeconds, path = '/', secure }: { maxAgeSeconds: number; path?: string; secure: boolean }): string {
  return `${name}=${value}; Path=${path}; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`;
}
