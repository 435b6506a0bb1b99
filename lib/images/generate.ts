import 'server-only';
import type OpenAI from 'openai';
import { serverConfig } from '../config';
import type { Identity } from '../auth/identity';
import { gallery } from '../gallery/instance';
import { estimateCost, type CostEstimate } from '../models/cost';
import { availability } from '../models/availability';
import { loadCatalogue } from '../models/load-catalogue';
import type { ModelSpec } from '../models/types';
import { answerJson, answerStream, linkAbort } from './answer';
import { openCharge } from './charge';
import { fromIssues, fromUpstream, invalidRequest, StudioError } from './errors';
import type { SaveContext } from './persist';
import { validateImageRequest, type GenerationRequest } from './schema';
import { upstreamDownload } from './upstream';

/** Refuses a model this deployment's upstream no longer serves, before spending anything. */
export function assertAvailable(model: ModelSpec) {
  const usable = availability(model, serverConfig().mode);
  if (!usable.available) throw invalidRequest(`${model.label}: ${usable.reason} Choose another model.`, 'model', 'model_not_found', 404);
}

/**
 * What every image request does before it goes upstream: open the gallery (a broken
 * store fails fast, before anything is spent) and reserve the estimate against the
 * person's and the team's budgets (429 when it would pass one). The returned `context`
 * says where and under whose name the images are kept, and `charge` must be finished
 * (settled or released) however the request ends.
 */
export async function beginImageRequest(who: Identity, model: ModelSpec, endpoint: SaveContext['endpoint'], request: GenerationRequest, estimate: CostEstimate | null) {
  const g = await gallery();
  const charge = await openCharge(g.db, who.id, estimate?.usd ?? 0, { model: model.id, endpoint });
  const estimatedPerImageUsd = estimate ? Math.round((estimate.usd / (request.n ?? 1)) * 1e6) / 1e6 : null;
  const context = (requestId: string | null, origin: string, parents?: SaveContext['parents']): SaveContext => ({
    gallery: g, model, request, endpoint, requestId, origin, parents, creator: who.id, charge, estimatedPerImageUsd, download: upstreamDownload,
  });
  return { gallery: g, charge, context };
}

/**
 * `POST /images/generations`: validate against the catalogue, call upstream through
 * the SDK, keep every image in the gallery, and answer in the Images API's own format
 * (JSON, or relayed events) with the saved image's id and links added.
 */
export async function generateImages(body: unknown, client: OpenAI, signal: AbortSignal, origin: string, who: Identity): Promise<Response> {
  const validated = validateImageRequest<GenerationRequest>(loadCatalogue(), 'generations', body);
  if (!validated.ok) throw fromIssues(validated.issues);
  const request = validated.value;
  assertAvailable(validated.model);
  const estimate = estimateCost(validated.model, 'generations', request);
  const { charge, context } = await beginImageRequest(who, validated.model, 'generations', request, estimate);
  try {
    if (request.stream) {
      // Through the SDK (auth, base URL, retries, errors) but relayed as raw bytes.
      const link = linkAbort(signal);
      const response = await client.images
        .generate({ ...request, stream: true } as OpenAI.Images.ImageGenerateParamsStreaming, { signal: link.signal })
        .asResponse();
      link.unlink();
      const ctx = context(response.headers.get('x-request-id'), origin);
      return answerStream(response, link.abort, ctx, { expectedImages: request.n ?? 1, heartbeatMs: serverConfig().heartbeatMs, signal });
    }
    const { data, request_id } = await client.images
      .generate(request as OpenAI.Images.ImageGenerateParamsNonStreaming, { signal })
      .withResponse();
    return await answerJson(data, request_id, context(request_id, origin));
  } catch (error) {
    await charge.finish();
    if (error instanceof StudioError) throw error;
    throw fromUpstream(error, request.model);
  }
}
