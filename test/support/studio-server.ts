import { mkdtempSync } from 'node:fs';
import OpenAI from 'openai';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createFrontDoor } from '@/lib/http/front-door.mjs';
import { createFetchServer, listen } from '@/lib/http/node-adapter';
import * as generations from '@/app/api/v1/images/generations/route';
import * as edits from '@/app/api/v1/images/edits/route';
import * as variations from '@/app/api/v1/images/variations/route';
import * as models from '@/app/api/v1/models/route';
import * as model from '@/app/api/v1/models/[id]/route';
import * as simulator from '@/app/api/simulator/v1/[...path]/route';
import * as health from '@/app/api/health/route';
import * as unknownEndpoint from '@/app/api/v1/[...rest]/route';
import * as galleryList from '@/app/api/v1/gallery/route';
import * as galleryImage from '@/app/api/v1/gallery/[id]/route';
import * as galleryBytes from '@/app/api/v1/gallery/[id]/image/route';
import * as galleryThumb from '@/app/api/v1/gallery/[id]/thumbnail/route';
import * as shares from '@/app/api/v1/gallery/[id]/shares/route';
import * as share from '@/app/api/v1/gallery/[id]/shares/[token]/route';
import * as sharedBytes from '@/app/s/[token]/image/route';
import * as signIn from '@/app/api/auth/sign-in/route';
import * as signOut from '@/app/api/auth/sign-out/route';
import * as tokens from '@/app/api/v1/tokens/route';
import * as token from '@/app/api/v1/tokens/[id]/route';
import * as adminSpend from '@/app/api/v1/admin/spend/route';
import * as budget from '@/app/api/v1/budget/route';
import * as sessions from '@/app/api/v1/sessions/route';
import * as session from '@/app/api/v1/sessions/[id]/route';
import * as adminSessions from '@/app/api/v1/admin/sessions/route';
import * as personSessions from '@/app/api/v1/admin/people/[person]/sessions/route';
import * as runs from '@/app/api/v1/runs/route';
import * as run from '@/app/api/v1/runs/[id]/route';
import * as runEvents from '@/app/api/v1/runs/[id]/events/route';
import * as runCancel from '@/app/api/v1/runs/[id]/cancel/route';
import * as boards from '@/app/api/v1/boards/route';
import * as board from '@/app/api/v1/boards/[id]/route';
import * as boardImages from '@/app/api/v1/boards/[id]/images/route';
import * as boardImage from '@/app/api/v1/boards/[id]/images/[image]/route';
import * as pick from '@/app/api/v1/gallery/[id]/pick/route';
import * as comments from '@/app/api/v1/gallery/[id]/comments/route';
import * as comment from '@/app/api/v1/gallery/[id]/comments/[comment]/route';
import * as boardShares from '@/app/api/v1/boards/[id]/shares/route';
import * as boardShare from '@/app/api/v1/boards/[id]/shares/[token]/route';
import * as boardZip from '@/app/api/v1/boards/[id]/zip/route';
import * as galleryZip from '@/app/api/v1/gallery/zip/route';
import * as sharedBoardImage from '@/app/s/[token]/images/[image]/route';
import * as sharedZip from '@/app/s/[token]/zip/route';
import * as oidcStart from '@/app/api/auth/oidc/start/route';
import * as oidcCallback from '@/app/api/auth/oidc/callback/route';

/**
 * The studio's real route handlers behind real HTTP, routed as Next.js routes them,
 * for integration tests that call the studio with the official SDK and curl.
 */
type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response> | Response;
type Handlers = Partial<Record<'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', Handler>>;
/** Route modules type their own params; the router hands each the ones its path names. */
const handlers = (routeModule: object) => routeModule as Handlers;

const routes: Array<[RegExp, Handlers]> = [
  [/^\/api\/v1\/images\/generations$/, handlers(generations)],
  [/^\/api\/v1\/images\/edits$/, handlers(edits)],
  [/^\/api\/v1\/images\/variations$/, handlers(variations)],
  [/^\/api\/v1\/models$/, handlers(models)],
  [/^\/api\/v1\/models\/(?<id>[^/]+)$/, handlers(model)],
  [/^\/api\/simulator\/v1\/.+/, handlers(simulator)],
  [/^\/api\/health$/, handlers(health)],
  [/^\/api\/v1\/runs$/, handlers(runs)],
  [/^\/api\/v1\/runs\/(?<id>[^/]+)$/, handlers(run)],
  [/^\/api\/v1\/runs\/(?<id>[^/]+)\/events$/, handlers(runEvents)],
  [/^\/api\/v1\/runs\/(?<id>[^/]+)\/cancel$/, handlers(runCancel)],
  [/^\/api\/v1\/boards$/, handlers(boards)],
  [/^\/api\/v1\/boards\/(?<id>[^/]+)$/, handlers(board)],
  [/^\/api\/v1\/boards\/(?<id>[^/]+)\/images$/, handlers(boardImages)],
  [/^\/api\/v1\/boards\/(?<id>[^/]+)\/images\/(?<image>[^/]+)$/, handlers(boardImage)],
  [/^\/api\/v1\/boards\/(?<id>[^/]+)\/shares$/, handlers(boardShares)],
  [/^\/api\/v1\/boards\/(?<id>[^/]+)\/shares\/(?<token>[^/]+)$/, handlers(boardShare)],
  [/^\/api\/v1\/boards\/(?<id>[^/]+)\/zip$/, handlers(boardZip)],
  [/^\/api\/v1\/gallery\/zip$/, handlers(galleryZip)],
  [/^\/s\/(?<token>[^/]+)\/images\/(?<image>[^/]+)$/, handlers(sharedBoardImage)],
  [/^\/s\/(?<token>[^/]+)\/zip$/, handlers(sharedZip)],
  [/^\/api\/v1\/gallery\/(?<id>[^/]+)\/pick$/, handlers(pick)],
  [/^\/api\/v1\/gallery\/(?<id>[^/]+)\/comments$/, handlers(comments)],
  [/^\/api\/v1\/gallery\/(?<id>[^/]+)\/comments\/(?<comment>[^/]+)$/, handlers(comment)],
  [/^\/api\/v1\/gallery$/, handlers(galleryList)],
  [/^\/api\/v1\/gallery\/(?<id>[^/]+)$/, handlers(galleryImage)],
  [/^\/api\/v1\/gallery\/(?<id>[^/]+)\/image$/, handlers(galleryBytes)],
  [/^\/api\/v1\/gallery\/(?<id>[^/]+)\/thumbnail$/, handlers(galleryThumb)],
  [/^\/api\/v1\/gallery\/(?<id>[^/]+)\/shares$/, handlers(shares)],
  [/^\/api\/v1\/gallery\/(?<id>[^/]+)\/shares\/(?<token>[^/]+)$/, handlers(share)],
  [/^\/s\/(?<token>[^/]+)\/image$/, handlers(sharedBytes)],
  [/^\/api\/auth\/sign-in$/, handlers(signIn)],
  [/^\/api\/auth\/sign-out$/, handlers(signOut)],
  [/^\/api\/v1\/tokens$/, handlers(tokens)],
  [/^\/api\/v1\/tokens\/(?<id>[^/]+)$/, handlers(token)],
  [/^\/api\/v1\/admin\/spend$/, handlers(adminSpend)],
  [/^\/api\/v1\/budget$/, handlers(budget)],
  [/^\/api\/v1\/sessions$/, handlers(sessions)],
  [/^\/api\/v1\/sessions\/(?<id>[^/]+)$/, handlers(session)],
  [/^\/api\/v1\/admin\/sessions$/, handlers(adminSessions)],
  [/^\/api\/v1\/admin\/people\/(?<person>[^/]+)\/sessions$/, handlers(personSessions)],
  [/^\/api\/auth\/oidc\/start$/, handlers(oidcStart)],
  [/^\/api\/auth\/oidc\/callback$/, handlers(oidcCallback)],
  [/^\/api\/v1\/.+/, handlers(unknownEndpoint)],
];

export async function startStudio(): Promise<{ url: string; server: Server; close: () => Promise<void> }> {
  // Each test process keeps its gallery in a directory of its own (PGlite is single-process).
  process.env.STUDIO_DATA_DIR ??= mkdtempSync(path.join(tmpdir(), 'studio-test-data-'));
  const server = createFetchServer(async (request) => {
    const path = new URL(request.url).pathname;
    const route = routes.find(([pattern]) => pattern.test(path));
    if (!route) return new Response('not found', { status: 404 });
    const handler = route[1][request.method as keyof Handlers];
    if (!handler) return new Response('method not allowed', { status: 405 });
    const params = Object.fromEntries(Object.entries(route[0].exec(path)?.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)]));
    return handler(request, { params: Promise.resolve(params) });
  }, { frontDoor: createFrontDoor(process.env) });
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

/**
 * The studio on the built-in simulator (no key, no waits, no retries) with an official
 * SDK client pointed at it: the set-up most integration tests share.
 */
export async function startStudioWithClient() {
  delete process.env.OPENAI_API_KEY;
  process.env.SIMULATOR_LATENCY_MS = '0';
  process.env.OPENAI_MAX_RETRIES = '0';
  const studio = await startStudio();
  const client = new OpenAI({ apiKey: 'not-needed-in-open-mode', baseURL: `${studio.url}/api/v1`, maxRetries: 0 });
  return { studio, client };
}
