import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { NewBoard } from '@/components/boards/new-board';
import { pageUser } from '@/lib/auth/page';
import { listBoards } from '@/lib/boards/store';
import { gallery } from '@/lib/gallery/instance';

export const dynamic = 'force-dynamic';
export async function generateMetadata() {
  const t = await getTranslations();
  return { title: `${t('boards.title')} · ${t('shell.brand')}` };
}

/** Every board, most recently changed first, with its cover and count. */
export default async function BoardsPage() {
  await pageUser();
  const boards = await listBoards((await gallery()).db);
  const t = await getTranslations('boards');
  return (
    <>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-xl font-semibold">{t('title')}</h1>
        <NewBoard />
      </div>
      {boards.length === 0 ? (
        <p className="rounded-xl border-2 border-dashed border-zinc-300 p-10 text-center text-sm text-zinc-500 dark:text-zinc-400 dark:border-zinc-700">{t('empty')}</p>
      ) : (
        <ul className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-4" data-testid="boards-list">
          {boards.map((b) => (
            <li key={b.id}>
              <Link href={`/boards/${b.id}`} className="block overflow-hidden rounded-xl border border-zinc-200 bg-white hover:border-accent dark:border-zinc-800 dark:bg-zinc-900">
                {b.shownCoverId ? (
                  // eslint-disable-next-line @next/next/no-img-element -- the cover's thumbnail
                  <img src={`/api/v1/gallery/${b.shownCoverId}/thumbnail`} alt="" className="aspect-[4/3] w-full object-cover" />
                ) : (
                  <div className="flex aspect-[4/3] items-center justify-center bg-zinc-100 text-xs text-zinc-500 dark:text-zinc-400 dark:bg-zinc-800">{t('emptyCover')}</div>
                )}
                <span className="block px-3 pt-2 font-semibold">{b.name}</span>
                <span className="block px-3 pb-2 text-xs text-zinc-500 dark:text-zinc-400">
                  {t('meta', { count: b.imageCount, owner: b.ownerName })}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
