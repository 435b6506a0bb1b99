import sharp from 'sharp';

/**
 * Deterministic pictures for the simulator. A seed (hex digest of the request) picks a
 * palette and a scene; the same seed always yields the same pixels. Scenes are drawn
 * as SVG and rasterised by sharp (librsvg), so even 3840x2160 takes a fraction of a
 * second. Partial images are the final picture pixelated into coarse blocks, so they
 * are visibly coarser and sharpen in order.
 */

export type SceneSpec = {
  seed: string;
  width: number;
  height: number;
  transparent: boolean;
  /** 0..1: how much detail the model "spends" (quality). */
  detail: number;
  /** Saturated, dramatic colours (dall-e-3 `vivid`) or muted ones (`natural`). */
  vivid: boolean;
};

export type RawImage = { data: Buffer; width: number; height: number };
export type OutputFormat = 'png' | 'jpeg' | 'webp' | 'gif' | 'svg';
/** A GIF's frames: how many, and each one's delay. */
export type Animation = { frames: number; frameMs: number };

/** Block sizes (at 1024 px) of partial images 0, 1, 2: coarse to fine. */
const PARTIAL_BLOCKS = [48, 24, 12];

/** mulberry32: a tiny PRNG, enough for picking shapes reproducibly. */
function random(seedHex: string): () => number {
  let a = Number.parseInt(seedHex.slice(0, 8), 16) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function sceneSvg(spec: SceneSpec): string {
  const rnd = random(spec.seed);
  const { width: w, height: h } = spec;
  const sat = spec.vivid ? 78 : 38;
  const hue = Math.floor(rnd() * 360);
  const color = (dh: number, light: number, s = sat) => `hsl(${Math.round(hue + dh) % 360},${s}%,${light}%)`;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">`);
  parts.push(
    `<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">` +
      `<stop offset="0" stop-color="${color(0, 82)}"/><stop offset="0.6" stop-color="${color(35, 62)}"/>` +
      `<stop offset="1" stop-color="${color(70, 40)}"/></linearGradient>` +
      `<radialGradient id="sun"><stop offset="0" stop-color="${color(180, 92, 90)}"/>` +
      `<stop offset="1" stop-color="${color(200, 60, 90)}"/></radialGradient></defs>`,
  );
  const min = Math.min(w, h);
  if (!spec.transparent) {
    parts.push(`<rect width="${w}" height="${h}" fill="url(#sky)"/>`);
    // Hills: two wavy bands across the lower part of the picture.
    for (let band = 0; band < 2; band++) {
      const base = h * (0.62 + band * 0.14);
      const amp = h * (0.05 + rnd() * 0.06);
      const phase = rnd() * Math.PI * 2;
      const points: string[] = [`0,${h}`];
      for (let i = 0; i <= 24; i++) {
        const x = (w * i) / 24;
        points.push(`${x.toFixed(1)},${(base + Math.sin(phase + (i / 24) * Math.PI * (2 + band)) * amp).toFixed(1)}`);
      }
      points.push(`${w},${h}`);
      parts.push(`<polygon points="${points.join(' ')}" fill="${color(140 + band * 40, 30 - band * 8)}"/>`);
    }
    parts.push(`<circle cx="${(w * (0.2 + rnd() * 0.6)).toFixed(1)}" cy="${(h * (0.18 + rnd() * 0.2)).toFixed(1)}" r="${(min * 0.11).toFixed(1)}" fill="url(#sun)"/>`);
  }
  // The subject: overlapping shapes around the centre; more of them with more detail.
  const count = 5 + Math.round(spec.detail * 14);
  for (let i = 0; i < count; i++) {
    const cx = w * (0.3 + rnd() * 0.4);
    const cy = h * (0.3 + rnd() * 0.4);
    const r = min * (0.04 + rnd() * 0.16);
    const fill = color(rnd() * 180, 35 + rnd() * 40);
    const opacity = (0.55 + rnd() * 0.45).toFixed(2);
    if (rnd() < 0.7) {
      parts.push(`<circle cx="${cx.toFixed(1)}" cy="${cy.toFixed(1)}" r="${r.toFixed(1)}" fill="${fill}" fill-opacity="${opacity}"/>`);
    } else {
      const angle = Math.round(rnd() * 90);
      parts.push(
        `<rect x="${(cx - r).toFixed(1)}" y="${(cy - r / 2).toFixed(1)}" width="${(2 * r).toFixed(1)}" height="${r.toFixed(1)}" ` +
          `rx="${(r / 5).toFixed(1)}" fill="${fill}" fill-opacity="${opacity}" transform="rotate(${angle} ${cx.toFixed(1)} ${cy.toFixed(1)})"/>`,
      );
    }
  }
  // Fine texture only at higher detail: thin strokes that partial images blur away.
  const strokes = Math.round(spec.detail * 30);
  for (let i = 0; i < strokes; i++) {
    const x = rnd() * w;
    const y = rnd() * h;
    const len = min * (0.02 + rnd() * 0.06);
    parts.push(
      `<line x1="${x.toFixed(1)}" y1="${y.toFixed(1)}" x2="${(x + len).toFixed(1)}" y2="${(y + len * (rnd() - 0.5)).toFixed(1)}" ` +
        `stroke="${color(rnd() * 360, 90, 30)}" stroke-width="${Math.max(1, min / 512).toFixed(1)}" stroke-opacity="0.8"/>`,
    );
  }
  parts.push('</svg>');
  return parts.join('');
}

/** The final picture as raw RGBA. */
export async function renderScene(spec: SceneSpec): Promise<RawImage> {
  const { data, info } = await sharp(Buffer.from(sceneSvg(spec)), { limitInputPixels: false })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** Block size in pixels of partial image `index` out of `count`, scaled to the image. */
export function partialBlockSize(index: number, count: number, width: number, height: number): number {
  const schedule = PARTIAL_BLOCKS.slice(PARTIAL_BLOCKS.length - Math.min(count, PARTIAL_BLOCKS.length));
  const base = schedule[Math.min(index, schedule.length - 1)] ?? 12;
  return Math.max(2, Math.round((base * Math.max(width, height)) / 1024));
}

/** The picture pixelated into blocks of `block` pixels, at full size. */
export async function pixelate(image: RawImage, block: number): Promise<RawImage> {
  const small = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 4 } })
    .resize(Math.max(1, Math.round(image.width / block)), Math.max(1, Math.round(image.height / block)), { fit: 'fill' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { data } = await sharp(small.data, { raw: { width: small.info.width, height: small.info.height, channels: 4 } })
    .resize(image.width, image.height, { kernel: 'nearest', fit: 'fill' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: image.width, height: image.height };
}

/**
 * An animated GIF of a picture: each frame turns its colours a step further round the
 * wheel (the same picture, so the same request gives the same GIF), looping.
 */
export async function animatedGif(image: RawImage, animation: Animation): Promise<Buffer> {
  const frames = await Promise.all(
    Array.from({ length: animation.frames }, (_, i) =>
      sharp(image.data, { raw: { width: image.width, height: image.height, channels: 4 } })
        .modulate({ hue: Math.round((360 * i) / animation.frames) })
        .png()
        .toBuffer(),
    ),
  );
  return sharp(frames, { join: { animated: true } })
    // The quickest palette search: a test picture needs no better, and the simulator shares the machine.
    .gif({ delay: Array(animation.frames).fill(animation.frameMs), loop: 0, effort: 1 })
    .toBuffer();
}

/**
 * Encodes raw pixels. `compression` is the API's output_compression (0-100, higher
 * keeps more quality) and applies to jpeg and webp. Opaque images lose their alpha
 * channel; JPEG has none to keep.
 */
export async function encode(image: RawImage, format: Exclude<OutputFormat, 'svg' | 'gif'>, compression: number, transparent: boolean): Promise<Buffer> {
  let pipeline = sharp(image.data, { raw: { width: image.width, height: image.height, channels: 4 } });
  if (!transparent || format === 'jpeg') pipeline = pipeline.flatten({ background: '#ffffff' });
  switch (format) {
    case 'png':
      return pipeline.png({ compressionLevel: 6 }).toBuffer();
    case 'jpeg':
      return pipeline.jpeg({ quality: Math.max(1, compression), mozjpeg: false }).toBuffer();
    case 'webp':
      return pipeline.webp({ quality: Math.max(1, compression) }).toBuffer();
  }
}
