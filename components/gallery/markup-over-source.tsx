/**
 * The markup layer an edit was sent with, drawn over the image it marked up (the edit's
 * first input), at the source's own proportions: the layer is exactly the source's size,
 * so stacking the two at the same box puts every mark where it was drawn.
 */
export function MarkupOverSource({ source, markup, width, height, caption, alt }: { source: string; markup: string; width: number; height: number; caption: string; alt: string }) {
  return (
    <figure className="space-y-1" data-testid="markup-over-source">
      <div className="relative overflow-hidden rounded-xl border border-zinc-200 dark:border-zinc-800" style={{ aspectRatio: `${width} / ${height}` }}>
        {/* eslint-disable-next-line @next/next/no-img-element -- the original bytes */}
        <img src={source} alt="" width={width} height={height} className="absolute inset-0 h-full w-full" />
        {/* eslint-disable-next-line @next/next/no-img-element -- the markup layer, transparent but for its marks */}
        <img src={markup} alt={alt} width={width} height={height} className="absolute inset-0 h-full w-full" data-testid="markup-layer" />
      </div>
      <figcaption className="text-xs text-zinc-500 dark:text-zinc-400">{caption}</figcaption>
    </figure>
  );
}
