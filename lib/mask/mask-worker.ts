/// <reference lib="webworker" />
/**
 * The mask, kept as pixels off the main thread. The editor posts each change as it
 * happens (a shape appended, or the whole document after undo, clear or a new image);
 * this worker draws it onto its coverage and brings the mask bitmap up to date at once,
 * so that exporting for upload is only a PNG encode, and the page never stalls for it.
 * The pixels come from the same rasteriser as everywhere else (lib/mask/rasterize).
 */
import { drawShapes, finishCoverage, writeMaskAlpha } from './rasterize';
import type { LayerWorkerReply, LayerWorkerRequest } from './layer-protocol';
import type { MaskDocument, Shape } from './shapes';

declare const self: DedicatedWorkerGlobalScope;

let width = 0;
let height = 0;
/** Every shape drawn so far, before feather and invert. */
let raw = new Uint8Array(0);
type MaskSettings = Pick<MaskDocument, 'inverted' | 'feather'>;
let settings: MaskSettings = { inverted: false, feather: 0 };
let canvas: OffscreenCanvas | null = null;
let pixels: ImageData | null = null;
/** Whether `pixels` (and the canvas) lag behind `raw` or `settings`. */
let stale = true;

function refresh() {
  if (!stale || !canvas || !pixels) return;
  writeMaskAlpha(finishCoverage(raw, settings, width, height), pixels.data);
  canvas.getContext('2d')!.putImageData(pixels, 0, 0);
  stale = false;
}

self.onmessage = async ({ data }: MessageEvent<LayerWorkerRequest<Shape, MaskSettings>>) => {
  switch (data.type) {
    case 'reset':
      ({ width, height } = data);
      raw = new Uint8Array(width * height);
      canvas = new OffscreenCanvas(width, height);
      pixels = new ImageData(width, height);
      break;
    case 'draw':
      drawShapes(raw, width, height, data.shapes);
      break;
    case 'settings':
      settings = data.settings;
      break;
    case 'export': {
      refresh();
      const reply: LayerWorkerReply = canvas
        ? { id: data.id, png: await canvas.convertToBlob({ type: 'image/png' }) }
        : { id: data.id, error: 'No image to mask.' };
      self.postMessage(reply);
      return;
    }
  }
  stale = true;
  // Bring the bitmap up to date now, while the person is still painting, so the export
  // finds it ready. Messages already queued (a stroke's shapes) go first.
  setTimeout(refresh, 0);
};
