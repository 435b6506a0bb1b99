import { gallery } from '@/lib/gallery/instance';
import { sharedBoard } from '@/lib/gallery/public-share';
import { zipHeaders, zipImages } from '@/lib/gallery/zip';
import { errorResponse, invalidRequest } from '@/lib/images/errors';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** A shared board as one zip, unless its link forbids downloading; prompts hidden if the link hides them. */
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  try {
    const opened = await sharedBoard((await params).token);
    if (!opened || !opened.share.allowDownload) throw invalidRequest('This link does not exist, has expired, was revoked or does not offer a download.', null, 'not_found', 404);
    const { blobs } = await gallery();
    const hidePrompts = opened.share.hidePrompt;
    return new Response(zipImages(blobs, opened.images, { hidePrompts, name: opened.board.name }), { headers: { ...zipHeaders(opened.board.name), 'referrer-policy': 'no-referrer' } });
  } catch (error) {
    return errorResponse(error, 'shared board zip');
  }
}
