import { Readable } from 'node:stream';
import type { ReadableStream as NodeWebStream } from 'node:stream/web';
import busboy from 'busboy';
import { invalidRequest, StudioError } from '../images/errors';

/**
 * Reads a multipart/form-data request as it streams in, holding files in memory only
 * up to their limits: the moment a file passes `fileBytes`, or the parts pass their
 * count, reading stops and the request is refused (413 or 400), so an oversized upload
 * never fills memory or disk.
 */
export type UploadedFile = { field: string; filename: string; contentType: string; data: Buffer };
export type Multipart = { fields: Record<string, string>; files: UploadedFile[] };
export type MultipartLimits = { fileBytes: number; files: number; fieldBytes?: number; fields?: number };

/**
 * A refusal made before the body was read to its end: the rest of the upload is left
 * unread, so the connection cannot carry another request. `Connection: close` tells the
 * client not to reuse it (as nginx does for a 413).
 */
const refuse = (message: string, param: string | null, code: string, status = 400) =>
  new StudioError(status, { message, type: 'invalid_request_error', param, code }, { connection: 'close' });

const mb = (bytes: number) => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;

export async function readMultipart(request: Request, limits: MultipartLimits): Promise<Multipart> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^multipart\/form-data\b/i.test(type))
    throw invalidRequest('Send images as multipart/form-data (for example curl -F image=@photo.png).', null, 'unsupported_content_type', 415);
  if (!request.body) throw invalidRequest('The request body is empty.', null, 'invalid_request');

  return new Promise<Multipart>((resolve, reject) => {
    const fields: Record<string, string> = {};
    const files: UploadedFile[] = [];
    let failed = false;
    const source = Readable.fromWeb(request.body as unknown as NodeWebStream<Uint8Array>);
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { 'content-type': type },
        limits: { fileSize: limits.fileBytes, files: limits.files, fields: limits.fields ?? 64, fieldSize: limits.fieldBytes ?? 256 * 1024, parts: (limits.fields ?? 64) + limits.files },
      });
    } catch {
      reject(invalidRequest('The multipart body has no boundary; let your HTTP client build the form.', null, 'invalid_multipart'));
      return;
    }
    const fail = (error: StudioError) => {
      if (failed) return;
      failed = true;
      source.unpipe(parser);
      source.destroy();
      reject(error);
    };
    parser.on('file', (field, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => fail(refuse(`The file in "${field}" is larger than ${mb(limits.fileBytes)}.`, field, 'file_too_large', 413)));
      stream.on('end', () => {
        if (!failed) files.push({ field, filename: info.filename ?? 'upload', contentType: (info.mimeType ?? '').toLowerCase(), data: Buffer.concat(chunks) });
      });
    });
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) fail(refuse(`The field "${name}" is too long.`, name, 'field_too_large', 413));
      else fields[name] = value;
    });
    parser.on('filesLimit', () => fail(refuse(`Too many files: at most ${limits.files} per request.`, 'image', 'too_many_images')));
    parser.on('partsLimit', () => fail(refuse('Too many parts in the form.', null, 'invalid_multipart')));
    parser.on('fieldsLimit', () => fail(refuse('Too many fields in the form.', null, 'invalid_multipart')));
    parser.on('error', () => fail(refuse('The multipart body is malformed.', null, 'invalid_multipart')));
    parser.on('close', () => {
      if (!failed) resolve({ fields, files });
    });
    source.on('error', () => fail(refuse('The upload was interrupted.', null, 'invalid_multipart')));
    source.pipe(parser);
  });
}
