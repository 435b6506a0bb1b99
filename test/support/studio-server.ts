import type { Server } from 'node:http';
import { createFetchServer, listen } from '@/lib/http/node-adapter';
import * as generations from '@/app/api/v1/images/generations/route';
import * as models from '@/app/api/v1/models/route';
import * as simulator from '@/app/api/simulator/v1/[...path]/route';
import * as health from '@/app/api/health/route';
import * as unknownEndpoint from '@/app/api/v1/[...rest]/route';

/**
 * The studio's real route handlers behind real HTTP, routed as Next.js routes them,
 * for integration tests that call the studio with the official SDK and curl.
 */
type Handlers = Partial<Record<'GET' | 'POST', (request: Request) => Promise<Response> | Response>>;

const routes: Array<[RegExp, Handlers]> = [
  [/^\/api\/v1\/images\/generations$/, generations as Handlers],
  [/^\/api\/v1\/models$/, models as Handlers],
  [/^\/api\/simulator\/v1\/.+/, simulator as Handlers],
  [/^\/api\/health$/, health as Handlers],
  [/^\/api\/v1\/.+/, unknownEndpoint as Handlers],
];

export async function startStudio(): Promise<{ url: string; server: Server; close: () => Promise<void> }> {
  const server = createFetchServer(async (request) => {
    const path = new URL(request.url).pathname;
    const handlers = routes.find(([pattern]) => pattern.test(path))?.[1];
    if (!handlers) return new Response('not found', { status: 404 });
    const handler = handlers[request.method as 'GET' | 'POST'];
    if (!handler) return new Response('method not allowed', { status: 405 });
    return handler(request);
  });
  const url = await listen(server);
  return {
    url,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
