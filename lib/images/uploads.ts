import sharp from 'sharp';
import type { InputRules } from '../models/types';
import { invalidRequest } from './errors';

/**
 * Checks uploaded images by their bytes, not their names: the real format, that the
 * whole file decodes (a truncated PNG is refused), a pixel limit against decompression
 * bombs, and the model's rules. Nothing is converted here: the studio never changes an
 * image silently; the editor offers fixes before sending.
 */
export type CheckedImage = { param: string; data: Buffer; contentType: string; filename: string; format: 'png' | 'jpeg' | 'webp'; width: number; height: number; hasAlpha: boolean };

export const MAX_INPUT_PIXELS = 40_000_000;
const DECLARED = new Set(['image/png', 'image/jpeg', 'image/jpg', 'image/webp']);

export async function checkImage(file: { data: Buffer; contentType: string; filename: string }, param: string): Promise<CheckedImage> {
  if (!DECLARED.has(file.contentType))
    throw invalidRequest(`Invalid file type for "${param}": ${file.contentType || 'none given'}. Send image/png, image/jpeg or image/webp.`, param, 'unsupported_file_mimetype');
  let meta: Awaited<ReturnType<ReturnType<typeof sharp>['metadata']>>;
  try {
    // The header only: safe at any size, so the pixel limit below can say what is wrong.
    meta = await sharp(file.data, { limitInputPixels: false }).metadata();
  } catch {
    throw invalidRequest(`The file in "${param}" is not an image the studio can read.`, param, 'invalid_image_file');
  }
  const format = String(meta.format) === 'jpg' ? 'jpeg' : meta.format;
  if (format !== 'png' && format !== 'jpeg' && format !== 'webp')
    throw invalidRequest(`The file in "${param}" is ${meta.format ?? 'not an image'}; send PNG, JPEG or WebP.`, param, 'invalid_image_file');
  // EXIF orientations 5-8 turn the picture a quarter: its shown width is its stored height.
  const turned = (meta.orientation ?? 1) >= 5;
  const width = (turned ? meta.height : meta.width) ?? 0;
  const height = (turned ? meta.width : meta.height) ?? 0;
  if (width * height > MAX_INPUT_PIXELS)
    throw invalidRequest(`The image in "${param}" is ${width}×${height}: more than ${MAX_INPUT_PIXELS.toLocaleString('en-US')} pixels.`, param, 'image_too_large', 413);
  try {
    // Decode it all: a file whose header is fine but whose data is cut off is refused.
    await sharp(file.data, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'truncated' }).raw().toBuffer();
  } catch {
    throw invalidRequest(`The image in "${param}" is damaged or cut off; it cannot be decoded.`, param, 'invalid_image_file');
  }
  return { param, data: file.data, contentType: `image/${format}`, filename: file.filename, format, width, height, hasAlpha: Boolean(meta.hasAlpha) };
}

/** The model's rules for inputs; `what` names the endpoint for messages. */
export function checkAgainstRules(images: CheckedImage[], mask: CheckedImage | null, rules: InputRules, label: string) {
  if (images.length === 0) throw invalidRequest('Send at least one image (field "image", or "image[]" for several).', 'image', 'missing_image');
  if (images.length > rules.maxImages)
    throw invalidRequest(`${label} takes at most ${rules.maxImages} image${rules.maxImages === 1 ? '' : 's'}; ${images.length} were sent.`, 'image', 'too_many_images');
  for (const image of images) {
    if (image.data.byteLength > rules.maxFileBytes)
      throw invalidRequest(`${image.param} is ${(image.data.byteLength / 1048576).toFixed(1)} MB; ${label} takes files under ${rules.maxFileBytes / 1048576} MB.`, image.param, 'file_too_large', 413);
    if (!rules.formats.includes(image.format))
      throw invalidRequest(`${label} takes ${rules.formats.map((f) => f.toUpperCase()).join(', ')} images; ${image.param} is ${image.format.toUpperCase()}.`, image.param, 'invalid_image_format');
    if (rules.square && image.width !== image.height)
      throw invalidRequest(`${label} needs a square image; ${image.param} is ${image.width}×${image.height}. Crop or pad it to a square first.`, image.param, 'invalid_image_dimensions');
  }
  if (mask) {
    if (!rules.mask) throw invalidRequest(`${label} does not take a mask.`, 'mask', 'unknown_parameter');
    const first = images[0]!;
    if (mask.format !== 'png') throw invalidRequest('The mask must be a PNG (its transparent pixels mark what may change).', 'mask', 'invalid_image_format');
    if (!mask.hasAlpha) throw invalidRequest('The mask has no alpha channel: make the parts that may change transparent.', 'mask', 'invalid_mask');
    if (mask.width !== first.width || mask.height !== first.height)
      throw invalidRequest(`The mask is ${mask.width}×${mask.height} but the image is ${first.width}×${first.height}; they must match. The mask applies to the first image.`, 'mask', 'invalid_mask');
    if (mask.data.byteLength > rules.maxFileBytes) throw invalidRequest(`The mask is larger than ${rules.maxFileBytes / 1048576} MB.`, 'mask', 'file_too_large', 413);
  }
}
