import 'server-only';
import { notFound } from './api';
import { imageOrNotFound } from './lookup';

/**
 * The bytes of an image or its thumbnail. Ids never change what they point at, so
 * browsers may cache the bytes for good; `?download=1` asks to save the original.
 */
export async function serveImageBytes(request: Request, id: string, which: 'original' | 'thumbnail'): Promise<Response> {
  const { gallery: g, record } = await imageOrNotFound(id);
  const blob = await g.blobs.get(which === 'original' ? record.blobKey : record.thumbKey);
  if (!blob) throw notFound();
  const headers: Record<string, string> = {
    'content-type': blob.contentType,
    'content-length': String(blob.data.byteLength),
    'cache-control': 'private, max-age=31536000, immutable',
    'x-content-type-options': 'nosniff',
  };
  if (which === 'original' && new URL(request.url).searchParams.get('download') === '1') {
    const ext = record.format === 'jpeg' ? 'jpg' : record.format;
    headers['content-disposition'] = `attachment; filename="image-studio-${record.id.slice(4, 16)}.${ext}"`;
  }
  return new Response(blob.data as BodyInit, { headers });
}
