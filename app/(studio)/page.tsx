import { getTranslations } from 'next-intl/server';
import { UpstreamBadge } from '@/components/studio/simulator-badge';
import type { FormSeed } from '@/components/studio/form';
import { Studio } from '@/components/studio/studio';
import { IMAGE_ID } from '@/lib/gallery/ids';
import { gallery } from '@/lib/gallery/instance';
import { serverConfig } from '@/lib/config';
import { clientCatalogue } from '@/lib/models/availability';
import { loadCatalogue } from '@/lib/models/load-catalogue';

export const dynamic = 'force-dynamic';

export default async function StudioPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { mode } = serverConfig();
  const t = await getTranslations('studio');
  const catalogue = clientCatalogue(loadCatalogue(), mode);
  // ?remix=<id>: start from a gallery image's model, prompt and options.
  const remix = (await searchParams).remix;
  let seed: FormSeed | undefined;
  if (typeof remix === 'string' && IMAGE_ID.test(remix)) {
    const record = await (await gallery()).find(remix);
    if (record) seed = { model: record.model, prompt: record.prompt ?? '', options: record.options };
  }
  return (
    <>
      <div className="mb-4 flex items-center justify-between gap-3">
        <h1 className="text-xl font-semibold">{t('title')}</h1>
        <UpstreamBadge upstream={mode} />
      </div>
      <Studio catalogue={catalogue} seed={seed} />
    </>
  );
}
