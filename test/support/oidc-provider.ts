import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';

/**
 * A real OpenID provider (the `oidc-provider` package) on loopback, for tests of the
 * studio's OIDC sign-in. Anyone may sign in with any login and password (its
 * development login page); a login names the account:
 * - `ana` is ana@team.example, in the group "designers";
 * - a login with an @ (`mallory@outsider.example`) is that address, in "guests".
 * Consent is granted without asking. `tamper` lets a test forge the next ID token.
 */
export type TestProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Replaces the ID token of the next token response (given the real one's claims). */
  tamper: (forge: ((claims: Record<string, unknown>) => string) | null) => void;
  /** Signs a JWT with the provider's own key (or `key`), as its ID tokens are signed. */
  sign: (claims: Record<string, unknown>, key?: KeyObject) => string;
  close: () => Promise<void>;
};

const KID = 'studio-test-key';

export function signJwt(claims: Record<string, unknown>, key: KeyObject, kid = KID): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const data = `${part({ alg: 'RS256', typ: 'JWT', kid })}.${part(claims)}`;
  return `${data}.${createSign('RSA-SHA256').update(data).sign(key).toString('base64url')}`;
}

function accountClaims(login: string) {
  const email = login.includes('@') ? login.toLowerCase() : `${login.toLowerCase()}@team.example`;
  const local = email.split('@')[0]!;
  return {
    email,
    email_verified: true,
    name: local.charAt(0).toUpperCase() + local.slice(1),
    preferred_username: local,
    groups: login.includes('@') ? ['guests'] : ['designers'],
  };
}

export async function startOidcProvider(options: { port?: number; redirectUris: string[]; clientId?: string; clientSecret?: string }): Promise<TestProvider> {
  const clientId = options.clientId ?? 'image-studio';
  const clientSecret = options.clientSecret ?? 'image-studio-test-secret';
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...(privateKey.export({ format: 'jwk' }) as Record<string, string>), kid: KID, alg: 'RS256', use: 'sig' };
  let forge: ((claims: Record<string, unknown>) => string) | null = null;

  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => void res.writeHead(503).end();
  const server: Server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: options.redirectUris, grant_types: ['authorization_code'], response_types: ['code'] }],
    jwks: { keys: [jwk] },
    cookies: { keys: ['oidc test provider cookie key'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'preferred_username'], groups: ['groups'] },
    scopes: ['openid', 'email', 'profile', 'groups'],
    pkce: { required: () => true },
    // The development login page's account id is the login typed: it is the subject.
    findAccount: (_ctx, id) => ({ accountId: id, claims: () => ({ ...accountClaims(id), sub: id }) }),
    features: { devInteractions: { enabled: true } },
    // Consent is granted without asking (oidc-provider's recipe for first-party clients).
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope('openid email profile groups');
      await grant.save();
      return grant;
    },
  });
  // A test's forged ID token replaces the real one in the next token response.
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.path === '/token' && forge && ctx.body && typeof ctx.body === 'object' && 'id_token' in ctx.body) {
      const body = ctx.body as { id_token: string };
      const claims = JSON.parse(Buffer.from(body.id_token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
      body.id_token = forge(claims);
      forge = null;
    }
  });
  const callback = provider.callback();
  handler = (req, res) => void callback(req, res);

  return {
    issuer,
    clientId,
    clientSecret,
    tamper: (next) => {
      forge = next;
    },
    sign: (claims, key = privateKey) => signJwt(claims, key),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
