/**
 * Makes a square PNG from an image, in the browser, for models that only take square
 * PNGs (DALL·E 2): crop the middle, or pad with transparency. Down to `maxEdge` so the
 * result stays under the model's file limit. Only ever done when the person asks.
 */
export type SquareFix = 'crop' | 'pad';

export async function squareImage(file: Blob, how: SquareFix, maxEdge = 1024): Promise<Blob> {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  const side = how === 'crop' ? Math.min(bitmap.width, bitmap.height) : Math.max(bitmap.width, bitmap.height);
  const target = Math.min(side, maxEdge);
  const scale = target / side;
  const canvas = new OffscreenCanvas(target, target);
  const ctx = canvas.getContext('2d')!;
  const w = bitmap.width * scale;
  const h = bitmap.height * scale;
  ctx.drawImage(bitmap, (target - w) / 2, (target - h) / 2, w, h);
  bitmap.close();
  return canvas.convertToBlob({ type: 'image/png' });
}

/** The image on a larger transparent canvas: margins added on each side (outpainting). */
export async function padImage(file: Blob, pad: { top: number; right: number; bottom: number; left: number }): Promise<Blob> {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  const canvas = new OffscreenCanvas(bitmap.width + pad.left + pad.right, bitmap.height + pad.top + pad.bottom);
  canvas.getContext('2d')!.drawImage(bitmap, pad.left, pad.top);
  bitmap.close();
  return canvas.convertToBlob({ type: 'image/png' });
}
