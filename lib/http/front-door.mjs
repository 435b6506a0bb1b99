// The studio's front door: the one place that sees the TCP connection, so the one place
// that may say where a request came from and at which origin it arrived. Plain
// JavaScript because the production server (scripts/serve.mjs) loads it before Next.js;
// types are in front-door.d.mts.
//
// Next.js gives route handlers no socket, and `next start` fills X-Forwarded-For/-Host/
// -Proto from the connection only when the client did not send them (`??=`), so
// anything a client sends would be believed. Here the forwarded headers are believed
// only from proxies named in STUDIO_TRUSTED_PROXIES; the resolved facts replace them,
// and travel to the app in headers the door owns (any a client sent are dropped),
// vouched for by a secret known only to this process.
import { randomBytes } from 'node:crypto';
import { BlockList, isIP } from 'node:net';

export const DOOR_HEADER = 'x-studio-front-door';
export const ADDRESS_HEADER = 'x-studio-client-address';
export const ORIGIN_HEADER = 'x-studio-origin';
export const DOOR_SECRET_ENV = 'STUDIO_FRONT_DOOR_SECRET';

/** IPv4 addresses arrive as `::ffff:a.b.c.d` on dual-stack sockets. */
function plainAddress(address) {
  const text = String(address ?? '').trim();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(text);
  return mapped ? mapped[1] : text;
}

const NAMED_RANGES = {
  loopback: ['127.0.0.0/8', '::1/128'],
  private: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
};

/**
 * STUDIO_TRUSTED_PROXIES: unset (trust no forwarded header), a number of proxy hops in
 * front of the studio, or a comma-separated list of proxy addresses, CIDR ranges and the
 * names `loopback` and `private`. Anything else is a configuration error.
 */
export function parseTrustedProxies(value) {
  const text = String(value ?? '').trim();
  if (!text || text === '0' || text.toLowerCase() === 'false' || text.toLowerCase() === 'none') return { kind: 'none' };
  if (/^\d+$/.test(text)) return { kind: 'hops', hops: Number(text) };
  const list = new BlockList();
  for (const raw of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    for (const entry of NAMED_RANGES[raw.toLowerCase()] ?? [raw]) {
      const [address, bits, extra] = entry.split('/');
      const family = isIP(address);
      const prefix = bits === undefined ? (family === 6 ? 128 : 32) : Number(bits);
      if (!family || extra !== undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > (family === 6 ? 128 : 32))
        throw new Error(`STUDIO_TRUSTED_PROXIES: "${raw}" is not an address, a CIDR range, "loopback" or "private".`);
      list.addSubnet(address, prefix, family === 6 ? 'ipv6' : 'ipv4');
    }
  }
  return { kind: 'list', list };
}

function isTrusted(trust, address) {
  const plain = plainAddress(address);
  const family = isIP(plain);
  return family !== 0 && trust.list.check(plain, family === 6 ? 'ipv6' : 'ipv4');
}

const headerList = (value) =>
  (Array.isArray(value) ? value.join(',') : String(value ?? ''))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** A host name or bracketed IPv6 address, with an optional port: anything else is no origin. */
export const HOST = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * Where a request came from and the origin it was addressed to, from the connection and
 * from the forwarded headers of trusted hops only. `trusted` counts the hops believed.
 */
export function resolveRequestFacts({ remoteAddress, encrypted = false, headers }, trust) {
  const chain = [...headerList(headers['x-forwarded-for']), plainAddress(remoteAddress) || 'unknown'];
  let trusted = 0;
  if (trust.kind === 'hops') trusted = Math.min(trust.hops, chain.length - 1);
  else if (trust.kind === 'list') while (trusted < chain.length - 1 && isTrusted(trust, chain[chain.length - 1 - trusted])) trusted += 1;
  // Host and scheme are believed when the connection itself is from a trusted proxy (it
  // may set them without an X-Forwarded-For). Each trusted proxy appends or overwrites;
  // the outermost trusted one saw the client.
  const peerTrusted = trust.kind === 'hops' ? trust.hops > 0 : trust.kind === 'list' && isTrusted(trust, chain[chain.length - 1]);
  const forwarded = (name) => {
    const values = headerList(headers[name]);
    return peerTrusted && values.length ? values[Math.max(0, values.length - Math.max(1, trusted))] : undefined;
  };
  const clientAddress = plainAddress(chain[chain.length - 1 - trusted]).slice(0, 100) || 'unknown';
  const proto = (forwarded('x-forwarded-proto') ?? (encrypted ? 'https' : 'http')).toLowerCase();
  const host = forwarded('x-forwarded-host') ?? String(headers.host ?? '');
  const origin = (proto === 'http' || proto === 'https') && HOST.test(host) ? `${proto}://${host.toLowerCase()}` : null;
  return { clientAddress, proto: proto === 'https' ? 'https' : 'http', host, origin, trusted };
}

/**
 * The door for a Node HTTP server. `apply(req)` rewrites a request's headers in place
 * before Next.js (or the test router) sees them. Creating it publishes the secret in
 * this process's environment, where the app's request-facts module reads it.
 */
export function createFrontDoor(env = process.env) {
  // Parsed now so a bad value stops the server at start; re-read when it changes (tests vary it).
  let setting = env.STUDIO_TRUSTED_PROXIES;
  let trust = parseTrustedProxies(setting);
  const secret = env[DOOR_SECRET_ENV] || randomBytes(32).toString('base64url');
  env[DOOR_SECRET_ENV] = secret;
  return {
    get trust() {
      return trust;
    },
    apply(req) {
      if (env.STUDIO_TRUSTED_PROXIES !== setting) {
        setting = env.STUDIO_TRUSTED_PROXIES;
        trust = parseTrustedProxies(setting);
      }
      const facts = resolveRequestFacts({ remoteAddress: req.socket?.remoteAddress, encrypted: Boolean(req.socket?.encrypted), headers: req.headers }, trust);
      for (const name of [DOOR_HEADER, ADDRESS_HEADER, ORIGIN_HEADER, 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-port', 'x-real-ip', 'forwarded'])
        delete req.headers[name];
      req.headers[DOOR_HEADER] = secret;
      req.headers[ADDRESS_HEADER] = facts.clientAddress;
      if (facts.origin) req.headers[ORIGIN_HEADER] = facts.origin;
      // What Next.js itself reads (the protocol of request.url, x-forwarded-*), resolved the same way.
      req.headers['x-forwarded-for'] = facts.clientAddress;
      req.headers['x-forwarded-proto'] = facts.proto;
      if (facts.origin) req.headers['x-forwarded-host'] = new URL(facts.origin).host;
      return facts;
    },
  };
}
