import Link from 'next/link';
import { NewBoard } from '@/components/boards/new-board';
import { pageUser } from '@/lib/auth/page';
import { listBoards } from '@/lib/boards/store';
import { gallery } from '@/lib/gallery/instance';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Boards · Image Studio' };

/** Every board, most recently changed first, with its cover and count. */
export default async function BoardsPage() {
  await pageUser();
  const boards = await listBoards((await gallery()).db);
  return (
    <>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-xl font-semibold">Boards</h1>
        <NewBoard />
      </div>
      {boards.length === 0 ? (
        <p className="rounded-xl border-2 border-dashed border-zinc-300 p-10 text-center text-sm text-zinc-500 dark:border-zinc-700">No boards yet. Gather the candidates of a project on one: make it here, or select images in the gallery and choose “New board from the selection”.</p>
      ) : (
        <ul className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-4" data-testid="boards-list">
          {boards.map((b) => (
            <li key={b.id}>
              <Link href={`/boards/${b.id}`} className="block overflow-hidden rounded-xl border border-zinc-200 bg-white hover:border-accent dark:border-zinc-800 dark:bg-zinc-900">
                {b.shownCoverId ? (
                  // eslint-disable-next-line @next/next/no-img-element -- the cover's thumbnail
                  <img src={`/api/v1/gallery/${b.shownCoverId}/thumbnail`} alt="" className="aspect-[4/3] w-full object-cover" />
                ) : (
                  <div className="flex aspect-[4/3] items-center justify-center bg-zinc-100 text-xs text-zinc-500 dark:bg-zinc-800">Empty</div>
                )}
                <span className="block px-3 pt-2 font-semibold">{b.name}</span>
                <span className="block px-3 pb-2 text-xs text-zinc-500">
                  {b.imageCount} image{b.imageCount === 1 ? '' : 's'} · {b.ownerName}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
