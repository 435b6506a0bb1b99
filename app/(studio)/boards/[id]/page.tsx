import { getTranslations } from 'next-intl/server';
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
import { listShares, shareJson } from '@/lib/gallery/shares';
import { originFromHeaders } from '@/lib/http/request-facts';

export const dynamic = 'force-dynamic';

const FIRST_TILES = 24;

/** One board: its images in order with their picks and comments, its links, its zip. */
export default async function BoardPage({ params }: { params: Promise<{ id: string }> }) {
  const who = await pageUser();
  const { id } = await params;
  if (!BOARD_ID.test(id)) notFound();
  const { db } = await gallery();
  const board = await findBoard(db, id);
  if (!board) notFound();
  const [images, shares] = await Promise.all([boardImages(db, id, who.id, FIRST_TILES), listShares(db, { board: id })]);
  const origin = originFromHeaders(await headers());
  const mayEdit = mayManage(who, board.owner);
  const t = await getTranslations('boards');
  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_320px]">
      <div className="space-y-4">
        <Link href="/boards" className="text-sm text-accent dark:text-accent-light hover:underline">{t('back')}</Link>
        <header>
          <h1 className="text-xl font-semibold" data-testid="board-name">{board.name}</h1>
          {board.description && <p className="mt-1 max-w-prose text-sm text-zinc-600 dark:text-zinc-400">{board.description}</p>}
          <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
            {t('about', { count: board.imageCount, owner: board.ownerName })}
            {mayEdit ? t('reorderHint') : ''}
          </p>
        </header>
        <BoardView
          boardId={id}
          mayEdit={mayEdit}
          me={who.id}
          // The first screenfuls come with the page (its grid paints at once); the rest follow.
          initial={images.map((i) => ({ id: i.imageId, prompt: i.prompt, format: i.format, before: i.beforeId, picks: i.picks, picked: i.pickedByMe, comments: i.comments }))}
          total={board.imageCount}
        />
      </div>
      <aside className="space-y-4 text-sm">
        <BoardActions boardId={id} name={board.name} mayEdit={mayEdit} hasImages={board.imageCount > 0} />
        <SharePanel what="board" sharesPath={`/api/v1/boards/${id}/shares`} initial={shares.map((s) => shareJson(s, origin))} />
      </aside>
    </div>
  );
}
