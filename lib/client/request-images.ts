import { createParser } from 'eventsource-parser';
import type { ErrorBody } from '../images/wire';

/**
 * The browser's side of the Images API: posts a request to the studio and reports
 * what comes back, JSON or server-sent events, as it arrives.
 */
export type ImageMeta = { size?: string; quality?: string; background?: string; output_format?: string };

/** One finished image, with the studio's additions (where the gallery keeps it). */
export type ResultImage = { b64_json?: string; url?: string; revised_prompt?: string; gallery_id?: string; gallery_url?: string };

export type ImageCallbacks = {
  onPartial(b64: string, partialIndex: number, meta: ImageMeta): void;
  onImage(image: ResultImage, meta: ImageMeta, usage?: unknown): void;
};

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
    readonly retryAfter: number | null = null,
  ) {
    super(body.message);
  }
}

async function errorFrom(response: Response): Promise<ApiRequestError> {
  const retry = Number(response.headers.get('retry-after'));
  try {
    const parsed = (await response.json()) as { error?: ErrorBody };
    if (parsed.error?.message) return new ApiRequestError(response.status, parsed.error, Number.isFinite(retry) && retry > 0 ? retry : null);
  } catch {
    // Not our envelope (a proxy's error page, say): fall through to a generic message.
  }
  return new ApiRequestError(response.status, {
    message: `The studio answered ${response.status} ${response.statusText}.`,
    type: 'server_error',
    param: null,
    code: null,
  });
}

/** Posts JSON (generations) or a multipart form (edits, variations: the browser sets its boundary). */
export async function requestImages(path: string, body: Record<string, unknown> | FormData, signal: AbortSignal, callbacks: ImageCallbacks): Promise<void> {
  const form = body instanceof FormData;
  const streaming = form ? body.get('stream') === 'true' : Boolean(body.stream);
  const response = await fetch(path, {
    method: 'POST',
    headers: { ...(form ? {} : { 'content-type': 'application/json' }), accept: streaming ? 'text/event-stream' : 'application/json' },
    body: form ? body : JSON.stringify(body),
    signal,
  });
  if (!response.ok) throw await errorFrom(response);

  if (!(response.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
    const result = (await response.json()) as { data?: ResultImage[] } & ImageMeta & { usage?: unknown };
    for (const image of result.data ?? []) callbacks.onImage(image, result, result.usage);
    return;
  }

  let streamError: ApiRequestError | null = null;
  const parser = createParser({
    onEvent(message) {
      const data = JSON.parse(message.data) as Record<string, unknown>;
      const type = (data.type as string | undefined) ?? message.event ?? '';
      if (type === 'error' || data.error) {
        streamError = new ApiRequestError(502, data.error as ErrorBody);
      } else if (type.endsWith('.partial_image')) {
        callbacks.onPartial(data.b64_json as string, data.partial_image_index as number, data as ImageMeta);
      } else if (type.endsWith('.completed')) {
        callbacks.onImage(data as ResultImage, data as ImageMeta, data.usage);
      }
    },
  });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parser.feed(value);
    if (streamError) break;
  }
  if (streamError) throw streamError;
}
