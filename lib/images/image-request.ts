import 'server-only';
import OpenAI, { toFile } from 'openai';
import { serverConfig } from '../config';
import type { Identity } from '../auth/identity';
import { gallery } from '../gallery/instance';
import { estimateCost, inputImageTokens, type CostEstimate } from '../models/cost';
import { editOutputSize } from '../models/sizes';
import { availability } from '../models/availability';
import { loadCatalogue } from '../models/load-catalogue';
import type { ModelSpec } from '../models/types';
import type { Multipart } from '../http/multipart';
import { answerJson, answerStream, linkAbort } from './answer';
import { openCharge } from './charge';
import { fromIssues, fromUpstream, invalidRequest, StudioError } from './errors';
import { safetyIdentifier, safetyIdentifierKey, withSafetyIdentifier } from './safety-identifier';
import type { KeptInputs, SaveContext } from './persist';
import { validateImageRequest, type GenerationRequest } from './schema';
import { checkUploadForm, readUploadForm, type ParsedUpload } from './upload-request';
import type { CheckedImage } from './uploads';
import { upstreamDownload } from './upstream';

/**
 * Every image request, from an Images API route or a run, goes through the same three
 * steps: `check` (validate against the catalogue, estimate), `begin` (open the gallery,
 * reserve the estimate against the budgets) and `send` (call upstream through the SDK,
 * keep every image in the gallery, answer in the Images API's own format). The routes
 * do all three at once; a run does the first two when it is created and the third when
 * its turn in the queue comes.
 */
export type ImageEndpoint = SaveContext['endpoint'];

export type CheckedRequest = {
  endpoint: ImageEndpoint;
  model: ModelSpec;
  /** The validated request (for edits and variations, its fields as sent). */
  request: GenerationRequest;
  estimate: CostEstimate | null;
  /** The checked files of an edit or variation. */
  upload?: ParsedUpload;
};

export type BegunRequest = Awaited<ReturnType<typeof beginImageRequest>>;

/** Refuses a model this deployment's upstream no longer serves, before spending anything. */
function assertAvailable(model: ModelSpec) {
  const usable = availability(model, serverConfig().mode);
  if (!usable.available) throw invalidRequest(`${model.label}: ${usable.reason} Choose another model.`, 'model', 'model_not_found', 404);
}

/** A `/images/generations` body, checked. */
export function checkGeneration(body: unknown): CheckedRequest {
  const validated = validateImageRequest<GenerationRequest>(loadCatalogue(), 'generations', body);
  if (!validated.ok) throw fromIssues(validated.issues);
  assertAvailable(validated.model);
  return { endpoint: 'generations', model: validated.model, request: validated.value, estimate: estimateCost(validated.model, 'generations', validated.value) };
}

/** An `/images/edits` or `/images/variations` form, checked (fields and files). */
export async function checkUpload(form: Multipart, endpoint: 'edits' | 'variations'): Promise<CheckedRequest> {
  const upload = await checkUploadForm(form, loadCatalogue(), endpoint);
  assertAvailable(upload.model);
  const request = upload.value as unknown as GenerationRequest;
  const inputImageTokensTotal = upload.images.reduce((sum, i) => sum + inputImageTokens(i.width, i.height), 0);
  // A GPT image edit with size auto is made (and so priced) at the preset nearest its input's shape.
  const made = endpoint === 'edits' && upload.model.family === 'gpt-image' ? editOutputSize(upload.spec.sizes, request.size, upload.images[0]!) : null;
  const priced = made ? { ...request, size: `${made.width}x${made.height}` } : request;
  return { endpoint, model: upload.model, request, estimate: estimateCost(upload.model, endpoint, { ...priced, inputImageTokens: inputImageTokensTotal }), upload };
}

/** Reads and checks an edit or variation straight from its request (the Images API routes). */
export async function checkUploadRequest(request: Request, endpoint: 'edits' | 'variations'): Promise<CheckedRequest> {
  return checkUpload(await readUploadForm(request, loadCatalogue(), [endpoint]), endpoint);
}

/**
 * What every image request does before it goes upstream: open the gallery (a broken
 * store fails fast, before anything is spent) and reserve the estimate against the
 * person's and the team's budgets (429 when it would pass one). `context` says where
 * and under whose name the images are kept, and `charge` must be finished (settled or
 * released) however the request ends.
 */
export async function beginImageRequest(who: Identity, checked: CheckedRequest) {
  const { model, endpoint, request, estimate } = checked;
  const g = await gallery();
  const charge = await openCharge(g.db, who.id, estimate?.usd ?? 0, { model: model.id, endpoint });
  const estimatedPerImageUsd = estimate ? Math.round((estimate.usd / (request.n ?? 1)) * 1e6) / 1e6 : null;
  const context = (requestId: string | null, origin: string, inputs?: SaveContext['inputs']): SaveContext => ({
    gallery: g, model, request, endpoint, requestId, origin, inputs, creator: who.id, charge, estimatedPerImageUsd, download: upstreamDownload,
  });
  return { gallery: g, charge, context, who };
}

const toUpload = (image: CheckedImage) => toFile(image.data, image.filename || `${image.param}.${image.format}`, { type: image.contentType });

/**
 * Calls upstream and answers: JSON once every image is kept, or the relayed event
 * stream, each completed image kept before it is sent on. `signal` aborts upstream
 * (the client leaving, or a run's cancel). Upstream failures become the API's errors,
 * and the charge is released when nothing was delivered.
 */
export async function sendImageRequest(checked: CheckedRequest, begun: BegunRequest, client: OpenAI, signal: AbortSignal, origin: string): Promise<Response> {
  const { model, endpoint, upload } = checked;
  const { charge } = begun;
  // Every upstream request names its person, as OpenAI asks, without saying who.
  const identify = <T extends Record<string, unknown>>(fields: T) =>
    withSafetyIdentifier(fields, model.endpoints[endpoint]?.options ?? {}, safetyIdentifier(begun.who.id, safetyIdentifierKey()));
  const request = identify(checked.request as Record<string, unknown>) as typeof checked.request;
  try {
    // An edit's inputs (and its markup layer) become (or already are) gallery images, the
    // results' parents, once the first result is kept: a request that fails leaves nothing behind.
    let inputs: Promise<KeptInputs> | undefined;
    const keep = (image: CheckedImage) => begun.gallery.keepInput(image.data, begun.who.id);
    const keepInputs = upload
      ? () =>
          (inputs ??= Promise.all([Promise.all(upload.images.map(keep)), upload.markup ? keep(upload.markup) : null]).then(([kept, markup]) => ({
            parentIds: [...new Set(kept.map((p) => p.id))],
            markupId: markup?.id ?? null,
          })))
      : undefined;
    const context = (requestId: string | null) => begun.context(requestId, origin, keepInputs);
    const streamed = async (call: (upstreamSignal: AbortSignal) => Promise<Response>) => {
      // Through the SDK (auth, base URL, retries, errors) but relayed as raw bytes.
      const link = linkAbort(signal);
      const response = await call(link.signal);
      link.unlink();
      return answerStream(response, link.abort, context(response.headers.get('x-request-id')), { expectedImages: request.n ?? 1, heartbeatMs: serverConfig().heartbeatMs, signal });
    };

    if (endpoint === 'generations') {
      if (request.stream) return await streamed((s) => client.images.generate({ ...request, stream: true } as OpenAI.Images.ImageGenerateParamsStreaming, { signal: s }).asResponse());
      const { data, request_id } = await client.images.generate(request as OpenAI.Images.ImageGenerateParamsNonStreaming, { signal }).withResponse();
      return await answerJson(data, request_id, context(request_id));
    }

    const files = await Promise.all(upload!.images.map(toUpload));
    const image = upload!.imagesAsArray ? files : files[0]!;
    if (endpoint === 'variations') {
      const { data, request_id } = await client.images
        .createVariation({ ...(identify(upload!.value) as Omit<OpenAI.Images.ImageCreateVariationParams, 'image'>), image: image as OpenAI.Images.ImageCreateVariationParams['image'] }, { signal })
        .withResponse();
      return await answerJson(data, request_id, context(request_id));
    }
    const params = {
      ...identify(upload!.value),
      image,
      ...(upload!.mask ? { mask: await toUpload(upload!.mask) } : {}),
      // (The SDK 6 types predate markup; it sends any file field as a multipart part.)
      ...(upload!.markup ? { markup: await toUpload(upload!.markup) } : {}),
    } as unknown as OpenAI.Images.ImageEditParams;
    if (request.stream) return await streamed((s) => client.images.edit({ ...params, stream: true } as OpenAI.Images.ImageEditParamsStreaming, { signal: s }).asResponse());
    const { data, request_id } = await client.images.edit(params as OpenAI.Images.ImageEditParamsNonStreaming, { signal }).withResponse();
    return await answerJson(data, request_id, context(request_id));
  } catch (error) {
    await charge.finish();
    if (error instanceof StudioError) throw error;
    throw fromUpstream(error, model.id);
  }
}

/** An Images API route: begin and send at once, aborted when the client leaves. */
export async function answerImageRequest(checked: CheckedRequest, who: Identity, client: OpenAI, signal: AbortSignal, origin: string): Promise<Response> {
  return sendImageRequest(checked, await beginImageRequest(who, checked), client, signal, origin);
}
