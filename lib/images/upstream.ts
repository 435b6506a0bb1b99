import 'server-only';
import { createHash } from 'node:crypto';
import OpenAI from 'openai';
import { Agent, fetch as undiciFetch } from 'undici';
import { serverConfig } from '../config';
import { builtInSimulator, SIMULATOR_MOUNT } from '../simulator/instance';
import { publicOrigin } from '../http/request-facts';
import { withRetryWaitLimit } from './retry-wait';

/**
 * The one way the studio calls upstream: the official SDK. Only its baseURL (a
 * gateway) or its fetch (the in-process simulator) differ; the key stays here.
 */

const clients = new Map<string, OpenAI>();

/**
 * The HTTP client for upstream calls. Node's fetch gives up on an answer whose headers
 * take more than 5 minutes (undici's default headersTimeout), which a non-streamed
 * high-quality generation can; and on 5 minutes between body chunks. Upstream calls get
 * an agent of their own whose limits are the SDK's timeout (OPENAI_TIMEOUT_MS), so that
 * one setting rules; 0 means no limit, as it does for undici.
 */
export function upstreamFetch(timeoutMs: number): typeof fetch {
  const limit = Math.max(0, timeoutMs);
  const dispatcher = new Agent({ headersTimeout: limit, bodyTimeout: limit });
  return ((input: Parameters<typeof fetch>[0], init?: RequestInit) =>
    undiciFetch(input as Parameters<typeof undiciFetch>[0], { ...(init as Parameters<typeof undiciFetch>[1]), dispatcher })) as unknown as typeof fetch;
}

export function upstreamClient(request: Request): OpenAI {
  return upstreamClientFor(publicOrigin(request));
}

/** The client for a request that reached the studio at `origin` (where the simulator's links point). */
export function upstreamClientFor(origin: string): OpenAI {
  const config = serverConfig();
  const common = { maxRetries: config.maxRetries, timeout: config.timeoutMs };
  const target = config.mode === 'simulator' ? `sim:${origin}` : `${config.mode}:${config.baseURL ?? ''}:${createHash('sha256').update(config.apiKey ?? '').digest('hex').slice(0, 12)}`;
  const cacheKey = `${target}|${config.maxRetries}|${config.timeoutMs}|${config.maxRetryWaitMs}`;
  const existing = clients.get(cacheKey);
  if (existing && clients.size < 64) return existing;
  if (clients.size >= 64) clients.clear();
  let client: OpenAI;
  if (config.mode === 'simulator') {
    client = new OpenAI({
      ...common,
      apiKey: 'simulator',
      baseURL: `${origin}${SIMULATOR_MOUNT}`,
      fetch: withRetryWaitLimit((input, init) => builtInSimulator().handle(new Request(input, init)), config.maxRetryWaitMs),
    });
  } else {
    client = new OpenAI({ ...common, apiKey: config.apiKey, baseURL: config.baseURL, fetch: withRetryWaitLimit(upstreamFetch(config.timeoutMs), config.maxRetryWaitMs) });
  }
  clients.set(cacheKey, client);
  return client;
}

/** Fetches an upstream `url` result: through the in-process simulator when there is no key. */
export function upstreamDownload(url: string): Promise<Response> {
  const config = serverConfig();
  const signal = AbortSignal.timeout(60_000);
  if (config.mode === 'simulator' && new URL(url).pathname.startsWith(SIMULATOR_MOUNT)) return builtInSimulator().handle(new Request(url, { signal }));
  return fetch(url, { signal });
}
