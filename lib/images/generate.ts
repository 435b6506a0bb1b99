import 'server-only';
import type OpenAI from 'openai';
import { serverConfig } from '../config';
import { gallery, LOCAL_CREATOR } from '../gallery/instance';
import { availability } from '../models/availability';
import { loadCatalogue } from '../models/load-catalogue';
import type { ModelSpec } from '../models/types';
import { answerJson, answerStream, linkAbort } from './answer';
import { fromIssues, fromUpstream, invalidRequest, StudioError } from './errors';
import type { SaveContext } from './persist';
import { validateImageRequest, type GenerationRequest } from './schema';
import { upstreamDownload } from './upstream';

/** Refuses a model this deployment's upstream no longer serves, before spending anything. */
export function assertAvailable(model: ModelSpec) {
  const usable = availability(model, serverConfig().mode);
  if (!usable.available) throw invalidRequest(`${model.label}: ${usable.reason} Choose another model.`, 'model', 'model_not_found', 404);
}

/** Where this request's images are kept, and how they are described. */
export async function saveContext(fields: Omit<SaveContext, 'gallery' | 'creator' | 'download'>): Promise<SaveContext> {
  return { ...fields, gallery: await gallery(), creator: LOCAL_CREATOR, download: upstreamDownload };
}

/**
 * `POST /images/generations`: validate against the catalogue, call upstream through
 * the SDK, keep every image in the gallery, and answer in the Images API's own format
 * (JSON, or relayed events) with the saved image's id and links added.
 */
export async function generateImages(body: unknown, client: OpenAI, signal: AbortSignal, origin: string): Promise<Response> {
  const validated = validateImageRequest<GenerationRequest>(loadCatalogue(), 'generations', body);
  if (!validated.ok) throw fromIssues(validated.issues);
  const request = validated.value;
  assertAvailable(validated.model);
  // Open the gallery before spending anything upstream: a broken store fails fast.
  await gallery();
  const context = (requestId: string | null) => saveContext({ model: validated.model, request, endpoint: 'generations', requestId, origin });
  try {
    if (request.stream) {
      // Through the SDK (auth, base URL, retries, errors) but relayed as raw bytes.
      const link = linkAbort(signal);
      const response = await client.images
        .generate({ ...request, stream: true } as OpenAI.Images.ImageGenerateParamsStreaming, { signal: link.signal })
        .asResponse();
      link.unlink();
      const ctx = await context(response.headers.get('x-request-id'));
      return answerStream(response, link.abort, ctx, { expectedImages: request.n ?? 1, heartbeatMs: serverConfig().heartbeatMs, signal });
    }
    const { data, request_id } = await client.images
      .generate(request as OpenAI.Images.ImageGenerateParamsNonStreaming, { signal })
      .withResponse();
    return answerJson(data, request_id, await context(request_id));
  } catch (error) {
    if (error instanceof StudioError) throw error;
    throw fromUpstream(error, request.model);
  }
}
