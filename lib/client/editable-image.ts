/**
 * An image the editor can send: the Images API takes PNG, JPEG and WebP inputs, so a GIF
 * (its first frame) or an SVG (drawn at its own size) opened in the editor, say from the
 * gallery, becomes a PNG first. SVG goes through an `<img>`, which draws it without
 * running anything in it; `createImageBitmap` does not take SVG at all.
 */
const CONVERTED = new Set(['image/gif', 'image/svg+xml']);

export async function editableImage(file: Blob, name: string): Promise<{ file: Blob; name: string }> {
  if (!CONVERTED.has(file.type)) return { file, name };
  const url = URL.createObjectURL(file);
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = new OffscreenCanvas(image.naturalWidth, image.naturalHeight);
    canvas.getContext('2d')!.drawImage(image, 0, 0);
    return { file: await canvas.convertToBlob({ type: 'image/png' }), name: name.replace(/\.\w+$/, '') + '.png' };
  } finally {
    URL.revokeObjectURL(url);
  }
}
