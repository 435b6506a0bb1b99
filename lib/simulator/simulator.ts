import { createHash, randomBytes } from 'node:crypto';
import { fromIssues, StudioError } from '../images/errors';
import { validateImageRequest } from '../images/schema';
import { parseUpload, type ParsedUpload } from '../images/upload-request';
import { errorJson, json, sseEvent, SSE_HEADERS, type ErrorBody } from '../images/wire';
import { createdSeconds } from '../models/availability';
import { inputImageTokens } from '../models/cost';
import { animationOf, API_ANIMATION } from '../models/format-rules';
import { editOutputSize } from '../models/sizes';
import type { Catalogue, ModelSpec } from '../models/types';
import { Aborted, sleep } from './abortable-sleep';
import { compositeEdit, variation } from './edit';
import { parseFaults, type Faults } from './faults';
import { withHostileMarkup } from './hostile-svg';
import { createFileToken, readFileToken, URL_LIFETIME_SECONDS } from './file-token';
import { plan, revisedPrompt, sumUsage, usageFor, type ImagePlan, type Plan } from './plan';
import { animatedGif, encode, partialBlockSize, pixelate, renderScene, sceneSvg, type OutputFormat, type RawImage } from './render';

type RasterFormat = Exclude<OutputFormat, 'gif' | 'svg'>;

/**
 * An offline, contract-faithful stand-in for the OpenAI Images API:
 * `(Request) => Response`, served in-process to the studio's SDK client (no API key
 * set) or on its own port (scripts/simulator.ts). It validates with the same
 * catalogue-derived schemas, answers with the same JSON, events and error envelope,
 * draws deterministic pictures, and injects faults on request (see faults.ts).
 */

export type SimulatorOptions = {
  catalogue: Catalogue;
  /** Default wait before each event (and before a JSON answer). */
  latencyMs?: number;
  /** When set, requests must carry `Authorization: Bearer <apiKey>`, as upstream does. */
  apiKey?: string;
  /** Signs `url` results. */
  secret?: string;
  /** Models refused as retired, as the real upstream refuses them. */
  retiredModels?: string[];
  nowSeconds?: () => number;
};

export type SimulatorStats = {
  requests: number;
  active: number;
  completed: number;
  failed: number;
  aborted: number;
  /** How many requests carried each safety identifier (or `user`), as OpenAI would trace them. */
  identifiers: Record<string, number>;
};

export type Simulator = {
  handle(request: Request): Promise<Response>;
  stats(): SimulatorStats;
  reset(): void;
};

const requestId = () => `req_sim_${randomBytes(12).toString('hex')}`;
const invalid = (message: string, param: string | null, code: string | null): ErrorBody => ({ message, type: 'invalid_request_error', param, code });

const noStats = (): SimulatorStats => ({ requests: 0, active: 0, completed: 0, failed: 0, aborted: 0, identifiers: {} });

/** What the simulator answers, for its unknown-endpoint message (paths under its /v1). */
const SIMULATOR_ROUTES = ['POST /v1/images/generations', 'POST /v1/images/edits', 'POST /v1/images/variations', 'GET /v1/models', 'GET /v1/models/{model}'];
const MODELS_ROUTE = /\/models(?:\/([^/]+))?$/;

/** Models as OpenAI lists them: each id and dated snapshot alias its own entry. */
function modelEntries(catalogue: Catalogue) {
  return catalogue.models.flatMap((m) => [m.id, ...m.aliases].map((id) => ({ id, object: 'model' as const, created: createdSeconds(m), owned_by: 'system' })));
}

/** The SVG author's tokens: its prompt (the request's, and the reference picture) and the drawing it writes. */
function svgUsage(p: Plan) {
  const input = 600 + Math.ceil((p.request.prompt ?? '').length / 4);
  const output = 2400;
  const reasoning = 800;
  const model = (p.request as { svg?: { model?: string } | null }).svg?.model ?? 'svg-author';
  return { model, input_tokens: input, output_tokens: output, reasoning_tokens: reasoning, total_tokens: input + output };
}

const modelsList = (catalogue: Catalogue) => ({ object: 'list' as const, data: modelEntries(catalogue) });

function oneModel(catalogue: Catalogue, id: string): Response {
  const entry = modelEntries(catalogue).find((m) => m.id === id);
  return entry ? json(entry) : errorJson(404, invalid(`The model '${id.slice(0, 200)}' does not exist`, 'model', 'model_not_found'));
}

export function createSimulator(options: SimulatorOptions): Simulator {
  const secret = options.secret ?? 'image-studio-simulator';
  const nowSeconds = options.nowSeconds ?? (() => Math.floor(Date.now() / 1000));
  const retired = new Set(options.retiredModels ?? []);
  let stats = noStats();
  /** The last markup layer an edit sent, as it arrived: end-to-end tests compare it with what the editor drew. */
  let lastMarkup: Uint8Array | null = null;

  const finish = (outcome: 'completed' | 'failed' | 'aborted') => {
    stats.active--;
    stats[outcome]++;
  };

  function refusal(model: ModelSpec, f: Faults): Response | null {
    if (f.retired || retired.has(model.id))
      return errorJson(404, invalid(`The model \`${model.id}\` has been deprecated and is no longer available.`, null, 'model_not_found'));
    if (f.refuse)
      return model.family === 'gpt-image'
        ? errorJson(400, {
            message: 'Your request was rejected by the safety system. Your prompt may contain content that is not allowed.',
            type: 'image_generation_user_error',
            param: null,
            code: 'moderation_blocked',
          })
        : errorJson(400, invalid('Your request was rejected as a result of our safety system.', null, 'content_policy_violation'));
    if (f.rateLimitSeconds !== null)
      return errorJson(
        429,
        { message: `Rate limit reached for images per minute. Please try again in ${f.rateLimitSeconds}s.`, type: 'requests', param: null, code: 'rate_limit_exceeded' },
        { 'retry-after': String(Math.ceil(f.rateLimitSeconds)), 'retry-after-ms': String(Math.round(f.rateLimitSeconds * 1000)) },
      );
    if (f.serverError)
      return errorJson(f.serverError, {
        message: f.serverError === 503 ? 'The engine is currently overloaded, please try again later.' : 'The server had an error while processing your request.',
        type: 'server_error',
        param: null,
        code: null,
      });
    return null;
  }

  /**
   * An image's bytes in its format: SVG is the scene as a vector drawing (a real SVG
   * document), a GIF the picture animated over `frame_count` frames.
   */
  async function bytesOf(p: Plan, image: ImagePlan, raw: RawImage, compression = image.compression): Promise<Buffer> {
    if (image.format === 'svg') {
      const svg = sceneSvg(image.scene);
      return Buffer.from(parseFaults(p.request.prompt).hostileSvg ? withHostileMarkup(svg) : svg);
    }
    // (A catalogue whose GIF has no frame rules still gets the API's own default animation.)
    if (image.format === 'gif') return animatedGif(raw, animationOf(p.model.endpoints[p.endpoint]!, p.request) ?? API_ANIMATION);
    return encode(raw, image.format, compression, image.scene.transparent);
  }

  async function imageData(p: Plan, image: ImagePlan, origin: string) {
    const raw = image.render ? await image.render() : await renderScene(image.scene);
    if (p.responseFormat === 'url' && image.render) {
      // Edits and variations depend on their input, so their links point at kept bytes.
      const key = remember(await bytesOf(p, image, raw, 100), image.format);
      return { raw, url: `${origin}/images/files/${key}` };
    }
    if (p.responseFormat === 'url') {
      const token = createFileToken({ ...image.scene, format: image.format, exp: nowSeconds() + URL_LIFETIME_SECONDS }, secret);
      return { raw, url: `${origin}/images/files/${token}` };
    }
    return { raw, b64_json: (await bytesOf(p, image, raw)).toString('base64') };
  }

  async function respondJson(p: Plan, f: Faults, signal: AbortSignal, origin: string, id: string): Promise<Response> {
    await sleep(f.latencyMs ?? options.latencyMs ?? 0, signal);
    const data = await Promise.all(
      p.images.map(async (image) => {
        const { url, b64_json } = await imageData(p, image, origin);
        return { ...(url ? { url } : { b64_json }), ...(p.model.endpoints[p.endpoint]?.returnsRevisedPrompt ? { revised_prompt: revisedPrompt(p.request) } : {}) };
      }),
    );
    const body: Record<string, unknown> = { created: nowSeconds(), data };
    if (p.model.family === 'gpt-image') {
      Object.assign(body, {
        background: p.background,
        output_format: p.images[0]!.format,
        quality: p.quality,
        size: p.size,
        usage: sumUsage(p.images.map((_, i) => usageFor(p, i))),
      });
      // Writing an SVG is reported on its own, as OpenAI does, with the author model.
      if (p.images[0]!.format === 'svg') body.svg_usage = svgUsage(p);
    }
    return json(body, { headers: { 'x-request-id': id } });
  }

  function respondStream(p: Plan, f: Faults, request: Request, id: string): Response {
    // Read the signal through the Request, which must stay reachable while the stream
    // runs: undici drops a Request's abort wiring once the Request itself is collected
    // (nodejs/undici#1926), and the abort would then never arrive.
    const signal = request.signal;
    const events = p.endpoint === 'edits' ? 'image_edit' : 'image_generation';
    const latency = f.latencyMs ?? options.latencyMs ?? 0;
    const shared = () => ({ created_at: nowSeconds(), size: p.size, quality: p.quality, background: p.background, output_format: p.images[0]!.format });
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        const emit = (event: string, data: Record<string, unknown>) => {
          // `sim_sent_at` lets benchmarks on this machine measure relay delay; clients ignore
          // it. It comes first so a reader can time an event from its head alone.
          controller.enqueue(sseEvent(event, { type: event, sim_sent_at: performance.timeOrigin + performance.now(), ...data }));
          sent++;
          if (f.cutAfterEvents !== null && sent >= f.cutAfterEvents) throw new Error('simulated connection cut');
        };
        try {
          for (const [index, image] of p.images.entries()) {
            await sleep(latency, signal);
            const raw = image.render ? await image.render() : await renderScene(image.scene);
            for (let k = 0; k < p.partials; k++) {
              const coarse = await pixelate(raw, partialBlockSize(k, p.partials, raw.width, raw.height));
              // (GIF and SVG are never streamed: the schema refuses it.)
              const bytes = await encode(coarse, image.format as RasterFormat, image.compression, image.scene.transparent);
              emit(`${events}.partial_image`, { b64_json: bytes.toString('base64'), partial_image_index: k, ...shared() });
              await sleep(latency, signal);
            }
            const bytes = await bytesOf(p, image, raw);
            emit(`${events}.completed`, { b64_json: bytes.toString('base64'), ...shared(), usage: usageFor(p, index) });
          }
          controller.close();
          finish('completed');
        } catch (error) {
          if (error instanceof Aborted || request.signal.aborted) {
            finish('aborted');
            try { controller.close(); } catch { /* already cancelled */ }
          } else {
            finish('failed');
            controller.error(error);
          }
        }
      },
    });
    return new Response(stream, { headers: { ...SSE_HEADERS, 'x-request-id': id } });
  }

  async function generations(request: Request, origin: string): Promise<Response> {
    let body: unknown;
    try {
      body = await request.json();
    } catch {
      return errorJson(400, invalid('We could not parse the JSON body of your request.', null, 'invalid_json'));
    }
    const validated = validateImageRequest(options.catalogue, 'generations', body);
    if (!validated.ok) {
      const error = fromIssues(validated.issues);
      return errorJson(error.status, error.body);
    }
    return run(plan(validated.value, validated.model), request, origin);
  }

  /** The part every endpoint shares: faults, then the answer as JSON or as events. */
  async function run(p: Plan, request: Request, origin: string): Promise<Response> {
    const f = parseFaults(p.request.prompt);
    const refused = refusal(p.model, f);
    if (refused) return refused;
    const id = requestId();
    stats.active++;
    const who = p.request.safety_identifier || p.request.user;
    if (typeof who === 'string' && who) stats.identifiers[who] = (stats.identifiers[who] ?? 0) + 1;
    if (f.hang) {
      // (A caller that gave up before we got here has already fired its abort event.)
      if (!request.signal.aborted) await new Promise<void>((resolve) => request.signal.addEventListener('abort', () => resolve(), { once: true }));
      finish('aborted');
      // As a real connection does: the caller's fetch rejects with its abort reason
      // (an SDK timeout is then told apart from a person cancelling).
      throw request.signal.reason ?? new DOMException('The request was aborted.', 'AbortError');
    }
    if (p.request.stream) return respondStream(p, f, request, id);
    try {
      const response = await respondJson(p, f, request.signal, origin, id);
      finish('completed');
      return response;
    } catch (error) {
      if (error instanceof Aborted) {
        finish('aborted');
        return errorJson(499, invalid('Client closed the request.', null, null));
      }
      finish('failed');
      throw error;
    }
  }

  /** `/images/edits` and `/images/variations`: multipart in, the same answers out. */
  async function uploads(request: Request, origin: string, endpoint: 'edits' | 'variations'): Promise<Response> {
    let parsed: ParsedUpload;
    try {
      parsed = await parseUpload(request, options.catalogue, endpoint);
    } catch (error) {
      if (error instanceof StudioError) return errorJson(error.status, error.body);
      throw error;
    }
    const first = parsed.images[0]!;
    if (parsed.markup) lastMarkup = parsed.markup.data;
    const isGpt = parsed.model.family === 'gpt-image';
    // A GPT image edit with size auto comes out in the preset nearest the input's shape;
    // DALL·E 2 follows its size rule (1024x1024 unless asked).
    const outputSize = (endpoint === 'edits' && isGpt && editOutputSize(parsed.spec.sizes, parsed.value.size, first)) || undefined;
    const p = plan(parsed.value, parsed.model, endpoint, outputSize);
    // Token-priced models count the input images, as the studio's estimate expects.
    if (parsed.model.price.perMillionTokens) p.inputImageTokens = parsed.images.reduce((sum, image) => sum + inputImageTokens(image.width, image.height), 0);
    // The inputs belong in the seed: the same request on other images is another picture.
    const inputs = createHash('sha256');
    for (const image of parsed.images) inputs.update(image.data);
    const inputHash = inputs.digest('hex');
    const transparentBackground = p.background === 'transparent';
    p.images.forEach((image, index) => {
      // An input with alpha keeps it: flattening would change pixels an edit must keep.
      image.scene.transparent = endpoint === 'edits' && (first.hasAlpha || transparentBackground);
      image.scene.seed = createHash('sha256').update(`${image.scene.seed}:${inputHash}`).digest('hex');
      image.render =
        endpoint === 'edits'
          ? async () => compositeEdit(first.data, parsed.mask?.data ?? null, await renderScene({ ...image.scene, transparent: transparentBackground }), isGpt, parsed.markup?.data ?? null)
          : () => variation(first.data, index, image.scene.width, image.scene.height);
    });
    return run(p, request, origin);
  }

  /** Bytes behind edit and variation `url` results, for 60 minutes, at most 200 of them. */
  const kept = new Map<string, { bytes: Buffer; format: string; exp: number }>();
  function remember(bytes: Buffer, format: string): string {
    const key = `kept_${randomBytes(16).toString('hex')}`;
    kept.set(key, { bytes, format, exp: nowSeconds() + URL_LIFETIME_SECONDS });
    for (const [k, v] of kept) if (kept.size > 200 || v.exp < nowSeconds()) kept.delete(k);
    return key;
  }

  async function file(token: string): Promise<Response> {
    const remembered = kept.get(token);
    if (remembered && remembered.exp >= nowSeconds())
      return new Response(new Uint8Array(remembered.bytes), { headers: { 'content-type': `image/${remembered.format}`, 'cache-control': 'private, max-age=3600' } });
    const check = readFileToken(token, secret, nowSeconds());
    if (!check.ok)
      return errorJson(check.reason === 'expired' ? 403 : 404, invalid(check.reason === 'expired' ? 'This image URL has expired (URLs are valid for 60 minutes).' : 'No such image.', null, check.reason === 'expired' ? 'url_expired' : 'not_found'));
    const { claims } = check;
    const raw = await renderScene(claims);
    // Links are DALL·E's, which makes only raster formats.
    const bytes = await encode(raw, claims.format as RasterFormat, 100, claims.transparent);
    return new Response(new Uint8Array(bytes), {
      headers: { 'content-type': `image/${claims.format}`, 'cache-control': `private, max-age=${Math.max(0, claims.exp - nowSeconds())}` },
    });
  }

  return {
    async handle(request: Request): Promise<Response> {
      const url = new URL(request.url);
      const at = url.pathname.indexOf('/images/');
      const route = at >= 0 ? url.pathname.slice(at) : url.pathname;
      const origin = `${url.origin}${at >= 0 ? url.pathname.slice(0, at) : ''}`;
      if (url.pathname.endsWith('/__simulator/stats') && request.method === 'GET') return json(stats);
      if (url.pathname.endsWith('/__simulator/last-markup') && request.method === 'GET')
        return lastMarkup ? new Response(new Uint8Array(lastMarkup), { headers: { 'content-type': 'image/png', 'cache-control': 'no-store' } }) : errorJson(404, invalid('No edit has sent markup yet.', null, 'not_found'));
      if (url.pathname.endsWith('/__simulator/reset') && request.method === 'POST') {
        stats = noStats();
        lastMarkup = null;
        return json(stats);
      }
      if (route.startsWith('/images/files/') && request.method === 'GET') return file(route.slice('/images/files/'.length));
      if (options.apiKey) {
        const auth = request.headers.get('authorization') ?? '';
        const given = auth.replace(/^Bearer\s+/i, '');
        if (given !== options.apiKey) {
          const masked = given.length > 8 ? `${given.slice(0, 3)}****${given.slice(-4)}` : '****';
          return errorJson(401, invalid(`Incorrect API key provided: ${masked}. You can find your API key at https://platform.openai.com/account/api-keys.`, null, 'invalid_api_key'));
        }
      }
      if (route === '/images/generations') {
        if (request.method !== 'POST') return errorJson(405, invalid('Use POST for /images/generations.', null, 'method_not_allowed'));
        stats.requests++;
        return generations(request, origin);
      }
      if (route === '/images/edits' || route === '/images/variations') {
        if (request.method !== 'POST') return errorJson(405, invalid(`Use POST for ${route}.`, null, 'method_not_allowed'));
        stats.requests++;
        return uploads(request, origin, route === '/images/edits' ? 'edits' : 'variations');
      }
      const models = MODELS_ROUTE.exec(url.pathname);
      if (models) {
        if (request.method !== 'GET') return errorJson(405, invalid(`Use GET for ${url.pathname}.`, null, 'method_not_allowed'));
        return models[1] === undefined ? json(modelsList(options.catalogue)) : oneModel(options.catalogue, decodeURIComponent(models[1]));
      }
      return errorJson(404, invalid(`Unknown endpoint ${request.method} ${url.pathname}. The simulator serves ${SIMULATOR_ROUTES.join(', ')}.`, null, 'unknown_url'));
    },
    stats: () => ({ ...stats, identifiers: { ...stats.identifiers } }),
    reset() {
      stats = noStats();
    },
  };
}
