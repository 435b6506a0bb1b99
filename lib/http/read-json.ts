import type { z } from 'zod';
import { invalidRequest, StudioError } from '../images/errors';

/**
 * Reads a JSON request body, stopping as soon as it passes `maxBytes` (413) so a huge
 * body is never held in memory; refuses other content types (415) and broken JSON (400).
 */
export async function readJson(request: Request, maxBytes: number): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  if (type && !/^application\/(.+\+)?json\b/i.test(type))
    throw invalidRequest(`Send the request as JSON (Content-Type: application/json), not ${type.split(';')[0]}.`, null, 'unsupported_content_type', 415);
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) throw invalidRequest('The request body is empty; send a JSON object.', null, 'invalid_json');
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text.trim()) throw invalidRequest('The request body is empty; send a JSON object.', null, 'invalid_json');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw invalidRequest(`The request body is not valid JSON (${(error as Error).message}).`, null, 'invalid_json');
  }
}

/** The rest of the body is never read, so the connection cannot carry another request: close it. */
const tooLarge = (maxBytes: number) =>
  new StudioError(413, { message: `The request body is larger than ${Math.round(maxBytes / 1024)} KB.`, type: 'invalid_request_error', param: null, code: 'request_too_large' }, { connection: 'close' });

/**
 * A JSON body checked against a zod schema: the first problem becomes a 400 naming its
 * parameter (an unknown one is named as such).
 */
export async function readJsonAs<T>(request: Request, schema: z.ZodType<T>, maxBytes: number): Promise<T> {
  const parsed = schema.safeParse(await readJson(request, maxBytes));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const param = issue.code === 'unrecognized_keys' ? issue.keys[0]! : issue.path.map(String).join('.');
  throw invalidRequest(issue.code === 'unrecognized_keys' ? `Unknown parameter: "${param}".` : `Invalid ${param}: ${issue.message}`, param || null, 'invalid_value');
}
