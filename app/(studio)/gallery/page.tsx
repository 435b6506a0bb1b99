import { getTranslations } from 'next-intl/server';
import { GalleryGrid } from '@/components/gallery/gallery-grid';
import { pageUser } from '@/lib/auth/page';
import { parseListQuery } from '@/lib/gallery/api';
import { gallery } from '@/lib/gallery/instance';
import { galleryPage } from '@/lib/gallery/list-page';
import { listCreators } from '@/lib/gallery/repository';
import { loadCatalogue } from '@/lib/models/load-catalogue';

export const dynamic = 'force-dynamic';
export async function generateMetadata() {
  const t = await getTranslations();
  return { title: `${t('gallery.title')} · ${t('shell.brand')}` };
}

export default async function GalleryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const who = await pageUser();
  const raw = await searchParams;
  const pick = (k: string) => (typeof raw[k] === 'string' ? (raw[k] as string) : '');
  const initialFilters = {
    q: pick('q'),
    model: pick('model'),
    endpoint: ['generations', 'edits', 'variations', 'uploads'].includes(pick('endpoint')) ? pick('endpoint') : '',
    creator: pick('creator'),
    mine: pick('mine') === 'true' ? 'true' : '',
    inputs: pick('inputs') === 'show' ? 'show' : '',
    picked: pick('picked') === 'mine' ? 'mine' : '',
  };
  // The inputs of edits and variations are hidden unless shown (or asked for by name).
  const hideInputs = initialFilters.inputs !== 'show' && initialFilters.endpoint !== 'uploads';
  const query = parseListQuery(
    new URLSearchParams({ ...Object.fromEntries(Object.entries(initialFilters).filter(([, v]) => v)), ...(hideInputs ? { inputs: 'hide' } : {}), limit: '48' }),
    who.id,
  );
  const g = await gallery();
  const page = await galleryPage(g.db, query, who.id, '');
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">{(await getTranslations('gallery'))('title')}</h1>
      <GalleryGrid
        initial={page}
        initialFilters={initialFilters}
        models={loadCatalogue().models.map((m) => m.id)}
        creators={await listCreators(g.db)}
        me={who.id}
      />
    </>
  );
}
