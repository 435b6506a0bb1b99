import { getTranslations } from 'next-intl/server';
import { Editor } from '@/components/editor/editor';
import { serverConfig } from '@/lib/config';
import { IMAGE_ID } from '@/lib/gallery/ids';
import { clientCatalogue } from '@/lib/models/availability';
import { loadCatalogue } from '@/lib/models/load-catalogue';

export const dynamic = 'force-dynamic';
export async function generateMetadata() {
  return { title: (await getTranslations('editor'))('pageTitle') };
}

export default async function EditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const from = (await searchParams).from;
  return (
    <>
      <h1 className="mb-3 text-xl font-semibold">{(await getTranslations('editor'))('title')}</h1>
      <Editor catalogue={clientCatalogue(loadCatalogue(), serverConfig().mode)} fromGallery={typeof from === 'string' && IMAGE_ID.test(from) ? from : undefined} />
    </>
  );
}
