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

/**
 * What a file that is no image we take seems to be, for the error message: sharp's word
 * for other image formats, a few common signatures otherwise.
 */
function sniff(data: Buffer, sharpFormat: string | undefined): string {
  if (sharpFormat) return `image/${sharpFormat === 'jpg' ? 'jpeg' : sharpFormat}`;
  const head = data.subarray(0, 8).toString('latin1');
  if (head.startsWith('%PDF')) return 'application/pdf';
  if (head.startsWith('PK\u0003\u0004')) return 'application/zip';
  if (data[0] === 0x1f && data[1] === 0x8b) return 'application/gzip';
  if (head.startsWith('GIF8')) return 'image/gif';
  if (data.length > 0 && !data.subarray(0, 512).some((b) => b < 9 || (b > 13 && b < 32))) return 'text/plain';
  return data.length === 0 ? 'an empty file' : 'application/octet-stream';
}

const unsupported = (param: string, detected: string, declared: string) =>
  invalidRequest(
    `Invalid file "${param}": its bytes are ${detected}${declared && declared !== detected ? ` (sent as ${declared})` : ''}. Send a PNG, JPEG or WebP image.`,
    param,
    'unsupported_file_mimetype',
  );

export async function checkImage(file: { data: Buffer; contentType: string; filename: string }, param: string): Promise<CheckedImage> {
  // The part's declared type and file name are not checked: SDKs label streams and
  // untyped files application/octet-stream. The bytes decide.
  let meta: Awaited<ReturnType<ReturnType<typeof sharp>['metadata']>>;
  try {
    // The header only: safe at any size, so the pixel limit below can say what is wrong.
    meta = await sharp(file.data, { limitInputPixels: false }).metadata();
  } catch {
    throw unsupported(param, sniff(file.data, undefined), file.contentType);
  }
  const format = String(meta.format) === 'jpg' ? 'jpeg' : meta.format;
  if (format !== 'png' && format !== 'jpeg' && format !== 'webp') throw unsupported(param, sniff(file.data, meta.format), file.contentType);
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
export function checkAgainstRules(images: CheckedImage[], mask: CheckedImage | null, rules: InputRules, label: string, markup: CheckedImage | null = null) {
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
  if (markup) checkMarkup(markup, images[0]!, mask, rules, label);
}

/**
 * Markup (GPT Image 2.5 and 2.6 edits): a transparent PNG laid over the first image,
 * its marks (arrows, circles, notes) showing what to change. Not with a mask.
 */
function checkMarkup(markup: CheckedImage, first: CheckedImage, mask: CheckedImage | null, rules: InputRules, label: string) {
  if (!rules.markup) throw invalidRequest(`${label} does not take markup; GPT Image 2.5 and 2.6 models do.`, 'markup', 'unknown_parameter');
  if (mask) throw invalidRequest('Markup and a mask cannot be combined: send the marks, or the mask, not both.', 'markup', 'invalid_value');
  if (markup.format !== 'png') throw invalidRequest('The markup must be a PNG: transparent, with only the marks drawn.', 'markup', 'invalid_image_format');
  if (!markup.hasAlpha) throw invalidRequest('The markup has no alpha channel: it must be transparent except for the marks.', 'markup', 'invalid_markup');
  if (markup.width !== first.width || markup.height !== first.height)
    throw invalidRequest(`The markup is ${markup.width}×${markup.height} but the image is ${first.width}×${first.height}; they must match. The markup lies over the first image.`, 'markup', 'invalid_markup');
  if (markup.data.byteLength > rules.maxFileBytes) throw invalidRequest(`The markup is larger than ${rules.maxFileBytes / 1048576} MB.`, 'markup', 'file_too_large', 413);
}

/** Whether an image has any pixel that is not fully opaque (markup must: it lies over the picture). */
export async function hasTransparentPixels(image: CheckedImage): Promise<boolean> {
  const { channels } = await sharp(image.data).ensureAlpha().stats();
  return channels[3]!.min < 255;
}
