/**
 * The test OpenID provider (oidc-provider.ts) as a process of its own, for the end-to-end
 * run: `tsx test/support/oidc-provider-server.ts --port 3104 --redirect <callback URL>`.
 * Prints `listening <issuer>` and serves until stopped.
 */
import { startOidcProvider } from './oidc-provider';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};

void startOidcProvider({ port: Number(arg('port') ?? 0), redirectUris: (arg('redirect') ?? '').split(',').filter(Boolean), clientSecret: arg('secret') }).then((provider) => {
  console.log(`listening ${provider.issuer}`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void provider.close().then(() => process.exit(0)));
});
