import { getTranslations } from 'next-intl/server';
import { GifPlayer } from '@/components/gif-player';
import { fileExtension } from '@/lib/storage/types';
import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { ImageStrip } from '@/components/boards/image-strip';
import { sharedBoard, sharedImage } from '@/lib/gallery/public-share';
import { originFromHeaders } from '@/lib/http/request-facts';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ token: string }> };

/** Open Graph and Twitter tags, so the link unfurls with its picture (a board: its cover) in chat tools. */
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { token } = await params;
  const origin = originFromHeaders(await headers());
  const t = await getTranslations('shared');
  const common = { description: t('description'), robots: { index: false, follow: false }, referrer: 'no-referrer' as const };
  const opened = await sharedImage(token);
  if (opened) {
    const { image, share } = opened;
    const title = share.hidePrompt || !image.prompt ? t('anImage') : image.prompt.slice(0, 120);
    const imageUrl = `${origin}/s/${token}/image`;
    return {
      title,
      ...common,
      openGraph: { title, description: common.description, type: 'website', url: `${origin}/s/${token}`, images: [{ url: imageUrl, width: image.width, height: image.height, alt: title }] },
      twitter: { card: 'summary_large_image', title, images: [imageUrl] },
    };
  }
  const board = await sharedBoard(token);
  if (!board) return { title: t('unavailable'), robots: { index: false } };
  const title = t('boardTitle', { name: board.board.name, count: board.images.length });
  const cover = board.images.find((i) => i.id === board.board.shownCoverId) ?? board.images[0];
  const images = cover ? [{ url: `${origin}/s/${token}/images/${cover.id}`, width: cover.width, height: cover.height, alt: board.board.name }] : [];
  return {
    title,
    ...common,
    openGraph: { title, description: common.description, type: 'website', url: `${origin}/s/${token}`, images },
    twitter: { card: 'summary_large_image', title, images: images.map((i) => i.url) },
  };
}

/** The public page of a share link: this one image, or this board's images in order (and prompts, if allowed); nothing else. */
export default async function SharedPage({ params }: Props) {
  const { token } = await params;
  const t = await getTranslations('shared');
  const opened = await sharedImage(token);
  if (opened) {
    const { image, share } = opened;
    const alt = share.hidePrompt ? t('sharedImage') : (image.prompt ?? t('sharedImage'));
    const imageClass = 'h-auto w-full rounded-xl border border-zinc-200 dark:border-zinc-800';
    return (
      <figure className="mx-auto max-w-4xl space-y-3">
        {/* A page needs a heading for screen readers to find their way; the picture is the page. */}
        <h1 className="sr-only">{t('sharedImage')}</h1>
        {image.format === 'gif' ? (
          <GifPlayer src={`/s/${token}/image`} alt={alt} width={image.width} height={image.height} className={imageClass} imgTestId="shared-image" />
        ) : (
          // eslint-disable-next-line @next/next/no-img-element -- the shared original (an SVG too: as an image, never inline)
          <img src={`/s/${token}/image`} alt={alt} width={image.width} height={image.height} className={imageClass} data-testid="shared-image" />
        )}
        {!share.hidePrompt && image.prompt && <figcaption className="text-sm text-zinc-700 dark:text-zinc-300" data-testid="shared-prompt">{image.prompt}</figcaption>}
        {share.allowDownload && (
          <a href={`/s/${token}/image?download=1`} download className="inline-block rounded-lg bg-accent px-3 py-2 text-sm font-semibold text-white hover:bg-accent-strong" data-testid="shared-download">
            {t('download', { ext: fileExtension(image.format) })}
          </a>
        )}
      </figure>
    );
  }
  const shared = await sharedBoard(token);
  if (!shared) notFound();
  const { board, share, images } = shared;
  const hide = share.hidePrompt;
  return (
    <section className="space-y-4" data-testid="shared-board">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{board.name}</h1>
          {board.description && <p className="mt-1 max-w-prose text-sm text-zinc-600 dark:text-zinc-400">{board.description}</p>}
          <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
            {t('count', { count: images.length })}
          </p>
        </div>
        {share.allowDownload && images.length > 0 && (
          <a href={`/s/${token}/zip`} download className="rounded-lg bg-accent px-3 py-2 text-sm font-semibold text-white hover:bg-accent-strong" data-testid="shared-zip">
            {t('zip')}
          </a>
        )}
      </header>
      <ImageStrip
        images={images.map((image, i) => ({
          id: image.id,
          thumb: `/s/${token}/images/${image.id}?size=thumb`,
          src: `/s/${token}/images/${image.id}`,
          format: image.format,
          alt: hide || !image.prompt ? t('imageN', { n: i + 1 }) : image.prompt,
          caption: hide ? null : image.prompt,
        }))}
      />
    </section>
  );
}
