import { gallery } from '@/lib/gallery/instance';
import { sharedImageHeaders } from '@/lib/gallery/image-headers';
import { sharedBoardImage } from '@/lib/gallery/public-share';
import { errorResponse, invalidRequest } from '@/lib/images/errors';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const gone = () => invalidRequest('This link does not exist, has expired or was revoked.', null, 'not_found', 404);

/**
 * An image behind a board's share link (`?size=thumb` for its thumbnail), only while the
 * link is live and the image is on the board: checked on every request, never cached.
 */
export async function GET(request: Request, { params }: { params: Promise<{ token: string; image: string }> }): Promise<Response> {
  try {
    const { token, image } = await params;
    const opened = await sharedBoardImage(token, image);
    if (!opened) throw gone();
    const thumb = new URL(request.url).searchParams.get('size') === 'thumb';
    const blob = await (await gallery()).blobs.get(thumb ? opened.image.thumbKey : opened.image.blobKey);
    if (!blob) throw gone();
    return new Response(blob.data as BodyInit, { headers: sharedImageHeaders(blob.contentType) });
  } catch (error) {
    return errorResponse(error, 'shared board image');
  }
}
