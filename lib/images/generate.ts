import 'server-only';
import type OpenAI from 'openai';
import { serverConfig } from '../config';
import { availability } from '../models/availability';
import { loadCatalogue } from '../models/load-catalogue';
import { fromIssues, fromUpstream, invalidRequest, StudioError } from './errors';
import { relayImageStream } from './relay';
import { validateImageRequest, type GenerationRequest } from './schema';
import { json } from './wire';

/**
 * `POST /images/generations`: validate against the catalogue, call upstream through
 * the SDK, and answer in the Images API's own format (JSON, or relayed events).
 */
export async function generateImages(body: unknown, client: OpenAI, signal: AbortSignal): Promise<Response> {
  const catalogue = loadCatalogue();
  const validated = validateImageRequest<GenerationRequest>(catalogue, 'generations', body);
  if (!validated.ok) throw fromIssues(validated.issues);
  const request = validated.value;
  const config = serverConfig();
  const usable = availability(validated.model, config.mode);
  if (!usable.available) throw invalidRequest(`${validated.model.label}: ${usable.reason} Choose another model.`, 'model', 'model_not_found', 404);
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
      return relayImageStream(
        { body: response.body!, abort },
        { expectedImages: request.n ?? 1, heartbeatMs: config.heartbeatMs, model: request.model, signal, requestId: response.headers.get('x-request-id') },
      );
    }
    const { data, request_id } = await client.images
      .generate(request as OpenAI.Images.ImageGenerateParamsNonStreaming, { signal })
      .withResponse();
    return json(data, { headers: request_id ? { 'x-request-id': request_id } : {} });
  } catch (error) {
    if (error instanceof StudioError) throw error;
    throw fromUpstream(error, request.model);
  }
}
