// The production server behind `npm run studio`: Next.js's request handler behind the
// studio's front door (lib/http/front-door.mjs), which alone sees the connection and so
// decides which forwarded headers to believe (STUDIO_TRUSTED_PROXIES). It finishes the
// requests in flight on SIGTERM or SIGINT before it exits (143 or 130), as `next start`
// does. Serves the existing production build: scripts/studio.mjs builds first.
import { createServer } from 'node:http';
import path from 'node:path';
import next from 'next';
import { createFrontDoor } from '../lib/http/front-door.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? '0.0.0.0';

let door;
try {
  door = createFrontDoor(process.env);
} catch (error) {
  console.error(`[studio] ${error.message}`);
  process.exit(1);
}
console.log(
  `[studio] forwarded headers: ${door.trust.kind === 'none' ? 'not believed (no STUDIO_TRUSTED_PROXIES): client addresses are the connections’ own' : `believed from ${door.trust.kind === 'hops' ? `${door.trust.hops} proxy hop(s)` : 'the listed proxies'}`}`,
);

const app = next({ dev: false, dir: root, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  door.apply(req);
  handle(req, res).catch((error) => {
    console.error('[studio] request failed', error);
    if (!res.headersSent) res.writeHead(500).end('Internal Server Error');
    else res.destroy();
  });
});
// A kept-alive connection the server closes as idle can cross a request a client (or a
// proxy) sends on it at that moment, which then fails with ECONNRESET. Node closes after
// 5 s; proxies and load balancers keep upstream connections idle for up to 60 s, so the
// server outlasts them and the proxy is always the one to close (CI saw the race once).
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.on('error', (error) => {
  console.error('[studio] could not serve:', error.message);
  process.exit(1);
});
server.listen(port, hostname, () => console.log(`[studio] ready on http://${hostname}:${port}`));

let stopping = false;
for (const [signal, code] of [['SIGTERM', 143], ['SIGINT', 130]])
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    // Stop accepting, let every request in flight and every run executing here finish
    // (idle keep-alive sockets close now), then close Next. The runs module registers its
    // drain on globalThis: it finishes and keeps its runs, then ends its event streams.
    const drains = (globalThis.__imageStudioDrain ?? []).map((drain) => drain().catch(console.error));
    server.close(() =>
      Promise.all(drains)
        .then(() => app.close())
        .catch(console.error)
        .finally(() => process.exit(code)),
    );
    server.closeIdleConnections();
  });
