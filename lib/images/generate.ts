import 'server-only';
import type OpenAI from 'openai';
import { serverConfig } from '../config';
import { gallery, LOCAL_CREATOR } from '../gallery/instance';
import { availability } from '../models/availability';
import type { Usage } from '../models/cost';
import { loadCatalogue } from '../models/load-catalogue';
import { fromIssues, fromUpstream, invalidRequest, StudioError } from './errors';
import { saveUpstreamImage, type SaveContext, type UpstreamImage } from './persist';
import { relayImageStream } from './relay';
import { validateImageRequest, type GenerationRequest } from './schema';
import { upstreamDownload } from './upstream';
import { json } from './wire';

/**
 * `POST /images/generations`: validate against the catalogue, call upstream through
 * the SDK, keep every image in the gallery, and answer in the Images API's own format
 * (JSON, or relayed events) with the saved image's id and links added.
 */
export async function generateImages(body: unknown, client: OpenAI, signal: AbortSignal, origin: string): Promise<Response> {
  const catalogue = loadCatalogue();
  const validated = validateImageRequest<GenerationRequest>(catalogue, 'generations', body);
  if (!validated.ok) throw fromIssues(validated.issues);
  const request = validated.value;
  const config = serverConfig();
  const usable = availability(validated.model, config.mode);
  if (!usable.available) throw invalidRequest(`${validated.model.label}: ${usable.reason} Choose another model.`, 'model', 'model_not_found', 404);
  const context = (requestId: string | null): Promise<SaveContext> =>
    gallery().then((g) => ({ gallery: g, model: validated.model, request, endpoint: 'generations', requestId, creator: LOCAL_CREATOR, origin, download: upstreamDownload }));
  // Open the gallery before spending anything upstream: a broken store fails fast.
  await gallery();
  try {
    if (request.stream) {
      // Through the SDK (auth, base URL, retries, errors) but relayed as raw bytes.
      const upstream = new AbortController();
      const abort = () => upstream.abort();
      signal.addEventListener('abort', abort, { once: true });
      const response = await client.images
        .generate({ ...request, stream: true } as OpenAI.Images.ImageGenerateParamsStreaming, { signal: upstream.signal })
        .asResponse();
      signal.removeEventListener('abort', abort);
      const requestId = response.headers.get('x-request-id');
      const ctx = await context(requestId);
      return relayImageStream(
        { body: response.body!, abort },
        {
          expectedImages: request.n ?? 1,
          heartbeatMs: config.heartbeatMs,
          model: request.model,
          signal,
          requestId,
          onCompleted: async (event) => ({ ...event, ...(await saveUpstreamImage(ctx, event as UpstreamImage, event.usage as Usage | undefined)) }),
        },
      );
    }
    const { data, request_id } = await client.images
      .generate(request as OpenAI.Images.ImageGenerateParamsNonStreaming, { signal })
      .withResponse();
    const ctx = await context(request_id);
    const images = data.data ?? [];
    const saved = await Promise.all(images.map((image) => saveUpstreamImage(ctx, image, data.usage as Usage | undefined, 1 / images.length)));
    const answer = {
      ...data,
      // A `url` result now points at the studio's copy, which does not expire.
      data: images.map((image, i) => ({ ...image, ...(image.url ? { url: saved[i]!.image_url } : {}), ...saved[i] })),
    };
    return json(answer, { headers: request_id ? { 'x-request-id': request_id } : {} });
  } catch (error) {
    if (error instanceof StudioError) throw error;
    throw fromUpstream(error, request.model);
  }
}
