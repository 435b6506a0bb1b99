import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { sharedImage } from '@/lib/gallery/public-share';
import { originFromHeaders } from '@/lib/http/request-facts';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ token: string }> };

/** Open Graph and Twitter tags, so the link unfurls with its picture in chat tools. */
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { token } = await params;
  const opened = await sharedImage(token);
  if (!opened) return { title: 'Link not available · Image Studio', robots: { index: false } };
  const origin = originFromHeaders(await headers());
  const { image, share } = opened;
  const title = share.hidePrompt || !image.prompt ? 'An image from Image Studio' : image.prompt.slice(0, 120);
  const imageUrl = `${origin}/s/${token}/image`;
  return {
    title,
    description: 'Shared from Image Studio',
    robots: { index: false, follow: false },
    referrer: 'no-referrer',
    openGraph: { title, description: 'Shared from Image Studio', type: 'website', url: `${origin}/s/${token}`, images: [{ url: imageUrl, width: image.width, height: image.height, alt: title }] },
    twitter: { card: 'summary_large_image', title, images: [imageUrl] },
  };
}

/** The public page of a share link: this one image (and its prompt, if allowed), nothing else. */
export default async function SharedImagePage({ params }: Props) {
  const { token } = await params;
  const opened = await sharedImage(token);
  if (!opened) notFound();
  const { image, share } = opened;
  return (
    <figure className="mx-auto max-w-4xl space-y-3">
      {/* eslint-disable-next-line @next/next/no-img-element -- the shared original */}
      <img src={`/s/${token}/image`} alt={share.hidePrompt ? 'Shared image' : (image.prompt ?? 'Shared image')} width={image.width} height={image.height} className="h-auto w-full rounded-xl border border-zinc-200 dark:border-zinc-800" data-testid="shared-image" />
      {!share.hidePrompt && image.prompt && <figcaption className="text-sm text-zinc-700 dark:text-zinc-300" data-testid="shared-prompt">{image.prompt}</figcaption>}
    </figure>
  );
}
