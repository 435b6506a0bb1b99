import 'server-only';
import { serverConfig } from '../config';
import { sameSecret } from './same-secret';
import { ADDRESS_HEADER, DOOR_HEADER, DOOR_SECRET_ENV, HOST, ORIGIN_HEADER } from './front-door.mjs';

/**
 * What the studio may believe about a request: where it came from and at which origin it
 * arrived. Both are decided by the front door (`front-door.mjs`), which sees the
 * connection and believes forwarded headers only from STUDIO_TRUSTED_PROXIES; its
 * answers count only when they carry this process's door secret. Without the door
 * (`next dev`, a bare `next start`) the address is unknown, so only the sign-in limit
 * for everyone holds, and the origin is STUDIO_PUBLIC_URL or the Host header: never a
 * header a client can add.
 */
function cameThroughDoor(headers: Headers): boolean {
  const secret = process.env[DOOR_SECRET_ENV];
  const given = headers.get(DOOR_HEADER);
  if (!secret || !given) {
    warnOnce();
    return false;
  }
  return sameSecret(given, secret);
}

let warned = false;
function warnOnce() {
  if (warned || process.env.NODE_ENV === 'test') return;
  warned = true;
  console.warn('[studio] requests are not coming through the studio’s server (npm run studio): client addresses are unknown and the origin comes from STUDIO_PUBLIC_URL or Host.');
}

/** The client's address, for counting failed sign-ins per address. */
export function clientAddress(headers: Headers): string {
  return (cameThroughDoor(headers) && headers.get(ADDRESS_HEADER)) || 'unknown';
}

/**
 * The origin people reach the studio at: for the links it hands out, Open Graph tags,
 * the same-origin check and the cookie's Secure flag. STUDIO_PUBLIC_URL when set.
 */
export function originFromHeaders(headers: Headers): string {
  const configured = serverConfig().publicUrl;
  if (configured) return configured;
  const fromDoor = cameThroughDoor(headers) ? headers.get(ORIGIN_HEADER) : null;
  if (fromDoor) return fromDoor;
  const host = headers.get('host') ?? '';
  return `http://${HOST.test(host) ? host.toLowerCase() : 'localhost'}`;
}

export const publicOrigin = (request: Request): string => originFromHeaders(request.headers);
