import { withUser } from '@/lib/auth/route';
import { boardOrNotFound } from '@/lib/boards/api';
import { boardImageRecords } from '@/lib/gallery/repository';
import { zipHeaders, zipImages } from '@/lib/gallery/zip';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** `GET /api/v1/boards/<id>/zip`: the board's originals in its order, with a manifest, streamed. */
export const GET = withUser('board zip', async (_request, _who, { params }: { params: Promise<{ id: string }> }) => {
  const { gallery: { db, blobs }, board } = await boardOrNotFound((await params).id);
  return new Response(zipImages(blobs, await boardImageRecords(db, board.id), { name: board.name }), { headers: zipHeaders(board.name) });
});
