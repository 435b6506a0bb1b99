import { gallery } from '@/lib/gallery/instance';
import { downloadName, sharedImageHeaders } from '@/lib/gallery/image-headers';
import { sharedImage } from '@/lib/gallery/public-share';
import { errorResponse, invalidRequest } from '@/lib/images/errors';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * The bytes behind a share link, for anyone holding it. Not cached anywhere, so a
 * revoked link stops working at once.
 */
export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  try {
    const opened = await sharedImage((await params).token);
    if (!opened) throw invalidRequest('This link does not exist, has expired or was revoked.', null, 'not_found', 404);
    const blob = await (await gallery()).blobs.get(opened.image.blobKey);
    if (!blob) throw invalidRequest('This link does not exist, has expired or was revoked.', null, 'not_found', 404);
    const headers = sharedImageHeaders(blob.contentType);
    // `?download=1` saves the original, where the link offers downloads.
    if (opened.share.allowDownload && new URL(request.url).searchParams.get('download') === '1')
      headers['content-disposition'] = `attachment; filename="${downloadName(opened.image.id, opened.image.format)}"`;
    return new Response(blob.data as BodyInit, { headers });
  } catch (error) {
    return errorResponse(error, 'shared image');
  }
}
