import 'server-only';
import OpenAI, { toFile } from 'openai';
import { serverConfig } from '../config';
import type { Identity } from '../auth/identity';
import { estimateCost, inputImageTokens } from '../models/cost';
import { loadCatalogue } from '../models/load-catalogue';
import { answerJson, answerStream, linkAbort } from './answer';
import { fromUpstream, StudioError } from './errors';
import { assertAvailable, beginImageRequest } from './generate';
import type { GenerationRequest } from './schema';
import { parseUpload } from './upload-request';
import type { CheckedImage } from './uploads';

/**
 * `POST /images/edits` and `/images/variations`: multipart in (checked by its bytes),
 * the same files and options upstream through the SDK, results kept in the gallery
 * with their input images as parents.
 */
const upload = (image: CheckedImage) => toFile(image.data, image.filename || `${image.param}.${image.format}`, { type: image.contentType });

export async function editOrVary(request: Request, client: OpenAI, origin: string, endpoint: 'edits' | 'variations', who: Identity): Promise<Response> {
  const parsed = await parseUpload(request, loadCatalogue(), endpoint);
  const { value, model, images, mask } = parsed;
  assertAvailable(model);
  const asRequest = value as unknown as GenerationRequest;
  const estimate = estimateCost(model, endpoint, { ...asRequest, inputImageTokens: images.reduce((sum, i) => sum + inputImageTokens(i.width, i.height), 0) });
  const { gallery: g, charge, context: contextFor } = await beginImageRequest(who, model, endpoint, asRequest, estimate);
  try {
    // The inputs become (or already are) gallery images, the results' parents, once the
    // first result is kept: a request that fails leaves nothing behind.
    let parents: Promise<string[]> | undefined;
    const keepInputs = () => (parents ??= Promise.all(images.map((image) => g.keepInput(image.data, who.id))).then((kept) => [...new Set(kept.map((p) => p.id))]));
    const context = (requestId: string | null) => contextFor(requestId, origin, keepInputs);
    const files = await Promise.all(images.map(upload));
    const image = parsed.imagesAsArray ? files : files[0]!;
    if (endpoint === 'variations') {
      const { data, request_id } = await client.images
        .createVariation({ ...(value as Omit<OpenAI.Images.ImageCreateVariationParams, 'image'>), image: image as OpenAI.Images.ImageCreateVariationParams['image'] }, { signal: request.signal })
        .withResponse();
      return await answerJson(data, request_id, context(request_id));
    }
    const params = { ...value, image, ...(mask ? { mask: await upload(mask) } : {}) } as unknown as OpenAI.Images.ImageEditParams;
    if (value.stream) {
      const link = linkAbort(request.signal);
      const response = await client.images.edit({ ...params, stream: true } as OpenAI.Images.ImageEditParamsStreaming, { signal: link.signal }).asResponse();
      link.unlink();
      const ctx = context(response.headers.get('x-request-id'));
      return answerStream(response, link.abort, ctx, { expectedImages: value.n ?? 1, heartbeatMs: serverConfig().heartbeatMs, signal: request.signal });
    }
    const { data, request_id } = await client.images.edit(params as OpenAI.Images.ImageEditParamsNonStreaming, { signal: request.signal }).withResponse();
    return await answerJson(data, request_id, context(request_id));
  } catch (error) {
    await charge.finish();
    if (error instanceof StudioError) throw error;
    throw fromUpstream(error, model.id);
  }
}
