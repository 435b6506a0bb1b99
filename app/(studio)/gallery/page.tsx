import { GalleryGrid } from '@/components/gallery/gallery-grid';
import { pageUser } from '@/lib/auth/page';
import { imageJson, nextCursor, parseListQuery } from '@/lib/gallery/api';
import { gallery } from '@/lib/gallery/instance';
import { listCreators, listImages } from '@/lib/gallery/repository';
import { loadCatalogue } from '@/lib/models/load-catalogue';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Gallery · Image Studio' };

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
  const { filters, limit } = parseListQuery(
    new URLSearchParams({ ...Object.fromEntries(Object.entries(initialFilters).filter(([, v]) => v)), ...(hideInputs ? { inputs: 'hide' } : {}), limit: '48' }),
    who.id,
  );
  const g = await gallery();
  const page = await listImages(g.db, filters, limit);
  const origin = '';
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">Gallery</h1>
      <GalleryGrid
        initial={{ data: page.map((r) => imageJson(r, origin)), next_cursor: nextCursor(page, limit) }}
        initialFilters={initialFilters}
        models={loadCatalogue().models.map((m) => m.id)}
        creators={await listCreators(g.db)}
        me={who.id}
      />
    </>
  );
}
