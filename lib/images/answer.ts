import 'server-only';
import type OpenAI from 'openai';
import type { Usage } from '../models/cost';
import { saveUpstreamImage, type SaveContext, type UpstreamImage } from './persist';
import { relayImageStream } from './relay';
import { json } from './wire';

/**
 * How every image endpoint answers once upstream has: each image is kept in the gallery
 * first, then the client gets the Images API's own answer with the studio's additions.
 */
export async function answerJson(data: OpenAI.Images.ImagesResponse, requestId: string | null, ctx: SaveContext): Promise<Response> {
  const images = data.data ?? [];
  const saved = await Promise.all(images.map((image) => saveUpstreamImage(ctx, image, data.usage as Usage | undefined, 1 / images.length)));
  await ctx.charge.finish();
  const answer = {
    ...data,
    // A `url` result now points at the studio's copy, which does not expire.
    data: images.map((image, i) => ({ ...image, ...(image.url ? { url: saved[i]!.image_url } : {}), ...saved[i] })),
  };
  return json(answer, { headers: requestId ? { 'x-request-id': requestId } : {} });
}

/** Relays upstream events as they come; each completed image is kept before it is sent on. */
export function answerStream(
  upstream: Response,
  abort: () => void,
  ctx: SaveContext,
  options: { expectedImages: number; heartbeatMs: number; signal: AbortSignal },
): Response {
  return relayImageStream(
    { body: upstream.body!, abort },
    {
      ...options,
      model: ctx.model.id,
      requestId: ctx.requestId,
      onCompleted: async (event) => ({ ...event, ...(await saveUpstreamImage(ctx, event as UpstreamImage, event.usage as Usage | undefined)) }),
      onEnd: () => void ctx.charge.finish(),
    },
  );
}

/** Ties the client's signal to an upstream request's controller, until the answer starts. */
export function linkAbort(signal: AbortSignal) {
  const upstream = new AbortController();
  const abort = () => upstream.abort();
  // A client already gone fired its abort event before this listener existed.
  if (signal.aborted) abort();
  else signal.addEventListener('abort', abort, { once: true });
  return { signal: upstream.signal, abort, unlink: () => signal.removeEventListener('abort', abort) };
}
