import sharp from 'sharp';

export const THUMBNAIL_EDGE = 512;

/** A WebP about 512 px on its long side, made once when the image is saved. */
export async function makeThumbnail(image: Uint8Array): Promise<{ data: Buffer; width: number; height: number }> {
  const { data, info } = await sharp(image, { limitInputPixels: 4096 * 4096 })
    .rotate()
    .resize(THUMBNAIL_EDGE, THUMBNAIL_EDGE, { fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 78 })
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** The real format and size of image bytes, read from the bytes themselves. */
export async function inspectImage(image: Uint8Array): Promise<{ format: string; width: number; height: number }> {
  const meta = await sharp(image).metadata();
  if (!meta.format || !meta.width || !meta.height) throw new Error('not an image');
  const format = String(meta.format);
  return { format: format === 'jpg' ? 'jpeg' : format, width: meta.width, height: meta.height };
}
