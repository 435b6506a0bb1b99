import Link from 'next/link';
import { notFound } from 'next/navigation';
import { BeforeAfter } from '@/components/gallery/before-after';
import { ImageActions } from '@/components/gallery/image-actions';
import { SharePanel } from '@/components/gallery/share-panel';
import { MarkupOverSource } from '@/components/gallery/markup-over-source';
import { GifPlayer } from '@/components/gif-player';
import { AddToBoard } from '@/components/boards/add-to-board';
import { Comments } from '@/components/boards/comments';
import { PickButton } from '@/components/boards/pick-button';
import { commentJson } from '@/lib/boards/api';
import { listComments, pickState } from '@/lib/boards/store';
import { listShares, shareJson } from '@/lib/gallery/shares';
import { originFromHeaders } from '@/lib/http/request-facts';
import { headers } from 'next/headers';
import { IMAGE_ID } from '@/lib/gallery/ids';
import { gallery } from '@/lib/gallery/instance';
import type { ImageRecord } from '@/lib/gallery/repository';
import { pageUser } from '@/lib/auth/page';
import { mayManage } from '@/lib/auth/require';
import { getFormatter, getTranslations } from 'next-intl/server';
import { formatMoney } from '@/i18n/money';

export const dynamic = 'force-dynamic';

const bytesUrl = (id: string, which: 'image' | 'thumbnail' = 'image') => `/api/v1/gallery/${id}/${which}`;

export default async function ImagePage({ params }: { params: Promise<{ id: string }> }) {
  const who = await pageUser();
  const { id } = await params;
  if (!IMAGE_ID.test(id)) notFound();
  const g = await gallery();
  const record = await g.find(id);
  if (!record) notFound();
  const { parents, children } = await g.lineage(record);
  const origin = originFromHeaders(await headers());
  const shares = (await listShares(g.db, { image: id })).map((share) => shareJson(share, origin));
  const [pick, comments] = await Promise.all([pickState(g.db, id, who.id), listComments(g.db, id)]);
  const t = await getTranslations('image');
  const format = await getFormatter();
  const usd = (value: number) => formatMoney(format, value);
  const usage = record.usage as { input_tokens?: number; output_tokens?: number; total_tokens?: number } | null;

  return (
    <article className="grid gap-6 lg:grid-cols-[1fr_380px]">
      <div className="space-y-4">
        <Link href="/gallery" className="text-sm text-accent dark:text-accent-light hover:underline">← Gallery</Link>
        {record.endpoint === 'edits' && parents[0] ? (
          <BeforeAfter before={bytesUrl(parents[0].id)} after={bytesUrl(record.id)} alt={record.prompt ?? t('editedAlt')} />
        ) : (
          record.format === 'gif' ? (
            <GifPlayer src={bytesUrl(record.id)} alt={record.prompt ?? t('alt')} width={record.width} height={record.height} className="h-auto w-full rounded-xl border border-zinc-200 dark:border-zinc-800" imgTestId="detail-image" />
          ) : (
          // eslint-disable-next-line @next/next/no-img-element -- the original bytes, full size (an SVG too: as an image, never inline)
          <img src={bytesUrl(record.id)} alt={record.prompt ?? t('alt')} width={record.width} height={record.height} className="h-auto w-full rounded-xl border border-zinc-200 bg-[conic-gradient(#e4e4e7_25%,transparent_0_50%,#e4e4e7_0_75%,transparent_0)] bg-[length:16px_16px] dark:border-zinc-800" data-testid="detail-image" />
          )
        )}
        {record.markupId && parents[0] && (
          <MarkupOverSource source={bytesUrl(parents[0].id)} markup={bytesUrl(record.markupId)} width={parents[0].width} height={parents[0].height} caption={t('markupCaption')} alt={t('markupAlt')} />
        )}
      </div>
      <aside className="space-y-5 text-sm">
        <section>
          <h1 className="text-base font-semibold">{t('prompt')}</h1>
          <p className="mt-1 whitespace-pre-wrap" data-testid="detail-prompt">{record.prompt ?? '—'}</p>
          {record.revisedPrompt && (
            <>
              <h2 className="mt-3 text-xs font-semibold uppercase tracking-wide text-zinc-500 dark:text-zinc-400">{t('revised')}</h2>
              <p className="mt-1 whitespace-pre-wrap text-zinc-700 dark:text-zinc-300">{record.revisedPrompt}</p>
            </>
          )}
        </section>
        <div className="flex flex-wrap items-center gap-2">
          <PickButton imageId={record.id} picked={pick.picked} picks={pick.picks} />
          <AddToBoard imageIds={[record.id]} />
        </div>
        <ImageActions id={record.id} format={record.format} canDelete={mayManage(who, record.creator)} />
        <Comments imageId={record.id} me={who.id} initial={comments.map(commentJson)} />
        <SharePanel sharesPath={`/api/v1/gallery/${record.id}/shares`} initial={shares} />
        <section>
          <h2 className="mb-1 text-xs font-semibold uppercase tracking-wide text-zinc-500 dark:text-zinc-400">{t('details')}</h2>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1" data-testid="detail-facts">
            <dt className="text-zinc-500 dark:text-zinc-400">Model</dt><dd className="font-mono text-xs">{record.model}</dd>
            <dt className="text-zinc-500 dark:text-zinc-400">{t('madeBy')}</dt><dd>{t.has(`endpoint.${record.endpoint}` as never) ? t(`endpoint.${record.endpoint}` as never) : record.endpoint}</dd>
            <dt className="text-zinc-500 dark:text-zinc-400">{t('size')}</dt><dd>{t('sizeValue', { width: record.width, height: record.height, format: record.format.toUpperCase(), kb: format.number(Math.round(record.byteSize / 1024)) })}</dd>
            <dt className="text-zinc-500 dark:text-zinc-400">{t('created')}</dt><dd><time dateTime={record.createdAt.toISOString()}>{format.dateTime(record.createdAt, { dateStyle: 'medium', timeStyle: 'short' })} UTC</time></dd>
            <dt className="text-zinc-500 dark:text-zinc-400">{t('creator')}</dt><dd>{record.creatorName}</dd>
            <dt className="text-zinc-500 dark:text-zinc-400">{t('estimated')}</dt><dd data-testid="cost-estimated">{record.estimatedUsd === null ? '—' : usd(record.estimatedUsd)}</dd>
            <dt className="text-zinc-500 dark:text-zinc-400">{t('actual')}</dt>
            <dd data-testid="cost-actual">{record.costUsd === null ? (record.endpoint === 'uploads' ? '—' : t('notReported')) : usd(record.costUsd)}{record.usage ? t('fromUsage') : ''}</dd>
            {usage && (<><dt className="text-zinc-500 dark:text-zinc-400">{t('tokens')}</dt><dd>{t('tokensValue', { input: usage.input_tokens ?? 0, output: usage.output_tokens ?? 0 })}</dd></>)}
            {Object.entries(record.options).map(([k, v]) => (
              <div key={k} className="contents"><dt className="text-zinc-500 dark:text-zinc-400">{k.replaceAll('_', ' ')}</dt><dd>{String(v)}</dd></div>
            ))}
            {record.requestId && (<><dt className="text-zinc-500 dark:text-zinc-400">{t('request')}</dt><dd className="truncate font-mono text-xs">{record.requestId}</dd></>)}
          </dl>
        </section>
        {(parents.length > 0 || children.length > 0) && (
          <section>
            <h2 className="mb-2 text-xs font-semibold uppercase tracking-wide text-zinc-500 dark:text-zinc-400">{t('lineage')}</h2>
            <Lineage label={t('madeFrom')} items={parents} alt={t('alt')} />
            <Lineage label={t('usedToMake')} items={children} alt={t('alt')} />
          </section>
        )}
      </aside>
    </article>
  );
}

function Lineage({ label, items, alt }: { label: string; items: ImageRecord[]; alt: string }) {
  if (!items.length) return null;
  return (
    <div className="mb-2">
      <p className="text-xs text-zinc-500 dark:text-zinc-400">{label}</p>
      <ul className="mt-1 flex flex-wrap gap-2">
        {items.map((item) => (
          <li key={item.id}>
            <Link href={`/gallery/${item.id}`} title={item.prompt ?? ''}>
              {/* eslint-disable-next-line @next/next/no-img-element -- thumbnail */}
              <img src={bytesUrl(item.id, 'thumbnail')} alt={item.prompt ?? alt} className="h-16 w-16 rounded-md border border-zinc-200 object-cover dark:border-zinc-700" />
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
