/// <reference lib="webworker" />
/**
 * The markup layer, kept drawn off the main thread: a transparent canvas of the first
 * image's size that each mark is drawn onto as it is made (undo, clear or a new image
 * redraw it from blank). Once the marks stop arriving the layer is encoded here too, so
 * pressing Edit finds the PNG ready: the layer changes once a mark, while a mask changes
 * with every brush stroke's pixels. The marks are drawn by the same code as the editor's
 * view (lib/markup/draw).
 */
import type { LayerWorkerReply, LayerWorkerRequest } from '../mask/layer-protocol';
import { drawMarks } from './draw';
import type { Mark } from './marks';

declare const self: DedicatedWorkerGlobalScope;

let canvas: OffscreenCanvas | null = null;
/** `version` counts the messages that drew; `encoded` is the layer's PNG as of one of them. */
let version = 0;
let encoded: { version: number; png: Promise<Blob> } | null = null;

const encode = () => {
  if (canvas && encoded?.version !== version) encoded = { version, png: canvas.convertToBlob({ type: 'image/png' }) };
  return encoded!.png;
};

self.onmessage = async ({ data }: MessageEvent<LayerWorkerRequest<Mark>>) => {
  if (data.type === 'export') {
    const reply: LayerWorkerReply = canvas ? { id: data.id, png: await encode() } : { id: data.id, error: 'No image to mark up.' };
    self.postMessage(reply);
    return;
  }
  if (data.type === 'reset') canvas = new OffscreenCanvas(data.width, data.height);
  else if (data.type === 'draw' && canvas) drawMarks(canvas.getContext('2d')!, data.shapes);
  else return;
  const now = ++version;
  // Encode once the messages already queued (the rest of a redraw) have been drawn.
  setTimeout(() => {
    if (now === version) void encode();
  }, 0);
};
