import 'server-only';
import { notFound } from './api';
import { imageOrNotFound } from './lookup';
import { downloadName, imageHeaders } from './image-headers';

/**
 * The bytes of an image or its thumbnail. Ids never change what they point at, so
 * browsers may cache the bytes for good; `?download=1` asks to save the original.
 */
export async function serveImageBytes(request: Request, id: string, which: 'original' | 'thumbnail'): Promise<Response> {
  const { gallery: g, record } = await imageOrNotFound(id);
  const blob = await g.blobs.get(which === 'original' ? record.blobKey : record.thumbKey);
  if (!blob) throw notFound();
  const headers = imageHeaders(blob.contentType, { 'content-length': String(blob.data.byteLength), 'cache-control': 'private, max-age=31536000, immutable' });
  if (which === 'original' && new URL(request.url).searchParams.get('download') === '1') headers['content-disposition'] = `attachment; filename="${downloadName(record.id, record.format)}"`;
  return new Response(blob.data as BodyInit, { headers });
}
