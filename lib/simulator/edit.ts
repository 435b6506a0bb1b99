import sharp from 'sharp';
import type { RawImage } from './render';

/**
 * The simulator's edits and variations, made so tests can check their promises: an
 * edit keeps every pixel where the mask is opaque and changes only where it is
 * transparent; a variation is a deterministic relative of its input.
 */
export async function toRaw(image: Uint8Array, width: number, height: number, kernel: 'lanczos3' | 'nearest' = 'lanczos3'): Promise<RawImage> {
  const decoded = await sharp(image).rotate().ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  if (decoded.info.width === width && decoded.info.height === height) return { data: decoded.data, width, height };
  // Only resample when the size differs: resampling rounds semi-transparent pixels.
  const { data, info } = await sharp(decoded.data, { raw: { width: decoded.info.width, height: decoded.info.height, channels: 4 } })
    .resize(width, height, { fit: 'fill', kernel })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/**
 * An edit: the scene painted into the editable pixels. With a mask those are its
 * transparent pixels, with markup the pixels its marks cover; every other pixel is kept
 * exactly. Without one, `wholeImage`
 * models (GPT image) may change anything, so the scene shows through the whole picture,
 * blended with the input so its layout stays recognisable; otherwise (DALL·E 2, which
 * uses the image's own transparency as the mask) only the transparent pixels are
 * painted. The scene's alpha is kept, so a transparent background gives real alpha.
 */
export async function compositeEdit(input: Uint8Array, mask: Uint8Array | null, scene: RawImage, wholeImage = false, markup: Uint8Array | null = null): Promise<RawImage> {
  const { width, height } = scene;
  const base = await toRaw(input, width, height);
  const guide = mask ? await toRaw(mask, width, height, 'nearest') : null;
  // Markup marks what to change by drawing on it: its opaque-ish pixels (any alpha) are
  // the edit region, the inverse of a mask's convention.
  const marks = markup ? await toRaw(markup, width, height, 'nearest') : null;
  const out = Buffer.from(base.data);
  const from = scene.data;
  for (let i = 0; i < out.length; i += 4) {
    const editable = marks ? marks.data[i + 3]! > 0 : guide ? guide.data[i + 3] === 0 : base.data[i + 3] === 0;
    if (editable) {
      out[i] = from[i]!;
      out[i + 1] = from[i + 1]!;
      out[i + 2] = from[i + 2]!;
      out[i + 3] = from[i + 3]!;
    } else if (!guide && !marks && wholeImage) {
      for (let c = 0; c < 3; c++) out[i + c] = Math.round(0.4 * base.data[i + c]! + 0.6 * from[i + c]!);
      out[i + 3] = Math.min(base.data[i + 3]!, from[i + 3]!);
    }
  }
  return { data: out, width, height };
}

/** Variation `index` of an image: its colours turned round the wheel, every other one mirrored. */
export async function variation(input: Uint8Array, index: number, width: number, height: number): Promise<RawImage> {
  let pipeline = sharp(input).rotate().resize(width, height, { fit: 'cover' }).modulate({ hue: 47 * (index + 1), saturation: 1.1 });
  if (index % 2 === 1) pipeline = pipeline.flop();
  const { data, info } = await pipeline.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}
