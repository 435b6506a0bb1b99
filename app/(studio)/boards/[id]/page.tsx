import Link from 'next/link';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { BoardActions } from '@/components/boards/board-actions';
import { BoardView } from '@/components/boards/board-view';
import { SharePanel } from '@/components/gallery/share-panel';
import { pageUser } from '@/lib/auth/page';
import { mayManage } from '@/lib/auth/require';
import { boardImages, BOARD_ID, findBoard } from '@/lib/boards/store';
import { gallery } from '@/lib/gallery/instance';
import { boardImageRecords } from '@/lib/gallery/repository';
import { listShares, shareJson } from '@/lib/gallery/shares';
import { originFromHeaders } from '@/lib/http/request-facts';

export const dynamic = 'force-dynamic';

/** One board: its images in order with their picks and comments, its links, its zip. */
export default async function BoardPage({ params }: { params: Promise<{ id: string }> }) {
  const who = await pageUser();
  const { id } = await params;
  if (!BOARD_ID.test(id)) notFound();
  const { db } = await gallery();
  const board = await findBoard(db, id);
  if (!board) notFound();
  const [records, facts, shares] = await Promise.all([boardImageRecords(db, id), boardImages(db, id, who.id), listShares(db, { board: id })]);
  const byId = new Map(facts.map((f) => [f.imageId, f]));
  const origin = originFromHeaders(await headers());
  const mayEdit = mayManage(who, board.owner);
  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_320px]">
      <div className="space-y-4">
        <Link href="/boards" className="text-sm text-accent hover:underline">← Boards</Link>
        <header>
          <h1 className="text-xl font-semibold" data-testid="board-name">{board.name}</h1>
          {board.description && <p className="mt-1 max-w-prose text-sm text-zinc-600 dark:text-zinc-400">{board.description}</p>}
          <p className="mt-1 text-xs text-zinc-500">
            {board.imageCount} image{board.imageCount === 1 ? '' : 's'} · made by {board.ownerName}
            {mayEdit ? ' · drag to reorder, or Alt+arrow keys' : ''}
          </p>
        </header>
        <BoardView
          boardId={id}
          mayEdit={mayEdit}
          initial={records.map((r) => ({ id: r.id, prompt: r.prompt, picks: byId.get(r.id)?.picks ?? 0, picked: byId.get(r.id)?.pickedByMe ?? false, comments: byId.get(r.id)?.comments ?? 0 }))}
        />
      </div>
      <aside className="space-y-4 text-sm">
        <BoardActions boardId={id} name={board.name} mayEdit={mayEdit} hasImages={board.imageCount > 0} />
        <SharePanel what="board" sharesPath={`/api/v1/boards/${id}/shares`} initial={shares.map((s) => shareJson(s, origin))} />
      </aside>
    </div>
  );
}
