import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import type { createFrontDoor } from './front-door.mjs';

type FrontDoor = ReturnType<typeof createFrontDoor>;

/**
 * Serves a fetch-style handler `(Request) => Response` on a Node HTTP server: used to
 * run the simulator on its own port and to put the studio's real route handlers
 * behind real HTTP in integration tests. Bodies stream both ways without buffering,
 * and the request's signal aborts when the client goes away.
 */
export type FetchHandler = (request: Request) => Promise<Response> | Response;

function toRequest(req: IncomingMessage, signal: AbortSignal): Request {
  const host = req.headers.host ?? '127.0.0.1';
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(`http://${host}${req.url ?? '/'}`, {
    method: req.method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
    signal,
    // Required by Node's fetch for a streamed request body.
    duplex: 'half',
  } as RequestInit);
}

async function send(response: Response, res: ServerResponse): Promise<void> {
  const headers: Record<string, string[]> = {};
  response.headers.forEach((value, name) => {
    (headers[name] ??= []).push(value);
  });
  res.writeHead(response.status, headers);
  res.flushHeaders();
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  res.on('close', () => {
    if (!res.writableFinished) reader.cancel().catch(() => {});
  });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      res.write(value);
    }
    res.end();
  } catch {
    // The handler's stream failed midway: cut the connection as a network failure would.
    res.destroy();
  }
}

/** `frontDoor` decides, from the connection, which forwarded headers to believe (see front-door.mjs). */
export function createFetchServer(handler: FetchHandler, options: { frontDoor?: FrontDoor } = {}): Server {
  return createServer((req, res) => {
    options.frontDoor?.apply(req);
    const controller = new AbortController();
    const request = toRequest(req, controller.signal);
    res.on('close', () => {
      if (!res.writableFinished) controller.abort();
      // Referenced here so the Request outlives the response: undici stops passing the
      // abort on to request.signal once the Request is collected (nodejs/undici#1926).
      void request;
    });
    Promise.resolve()
      .then(() => handler(request))
      .then((response) => send(response, res))
      .catch((error: unknown) => {
        console.error('handler failed', error);
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { message: 'Internal error.', type: 'server_error', param: null, code: null } }));
        } else res.destroy();
      });
  });
}

export async function listen(server: Server, port = 0, host = '127.0.0.1'): Promise<string> {
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const address = server.address() as AddressInfo;
  return `http://${host}:${address.port}`;
}
