/**
 * The editor's view: where the image sits on screen. Shapes are stored in image pixels,
 * and pointer positions (CSS pixels, as the browser reports them whatever the device
 * pixel ratio) are turned into image pixels here, so zoom, pan and screen density can
 * never shift the mask.
 *
 *   screen = image × zoom + pan
 */
export type Point = { x: number; y: number };
export type Size = { width: number; height: number };
export type View = { zoom: number; panX: number; panY: number };

export const MIN_ZOOM = 0.02;
export const MAX_ZOOM = 32;

export const screenToImage = (p: Point, v: View): Point => ({ x: (p.x - v.panX) / v.zoom, y: (p.y - v.panY) / v.zoom });
export const imageToScreen = (p: Point, v: View): Point => ({ x: p.x * v.zoom + v.panX, y: p.y * v.zoom + v.panY });

/** The whole image, centred in the viewport with a margin. */
export function fitView(image: Size, viewport: Size, margin = 24): View {
  const zoom = clampZoom(Math.min((viewport.width - 2 * margin) / image.width, (viewport.height - 2 * margin) / image.height));
  return { zoom, panX: (viewport.width - image.width * zoom) / 2, panY: (viewport.height - image.height * zoom) / 2 };
}

export const clampZoom = (zoom: number) => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));

/** Zooms by `factor` keeping the image point under `anchor` (a screen point) still. */
export function zoomAt(view: View, factor: number, anchor: Point): View {
  const zoom = clampZoom(view.zoom * factor);
  const under = screenToImage(anchor, view);
  return { zoom, panX: anchor.x - under.x * zoom, panY: anchor.y - under.y * zoom };
}

export const panBy = (view: View, dx: number, dy: number): View => ({ ...view, panX: view.panX + dx, panY: view.panY + dy });

/**
 * Two-finger gestures: from the previous and current positions of two touches, the
 * view that keeps the image under both fingers (zoom by their spread, pan by their centre).
 */
export function pinch(view: View, before: [Point, Point], after: [Point, Point]): View {
  const spread = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y) || 1;
  const centre = (a: Point, b: Point) => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });
  const zoomed = zoomAt(view, spread(...after) / spread(...before), centre(...before));
  const c0 = centre(...before);
  const c1 = centre(...after);
  return panBy(zoomed, c1.x - c0.x, c1.y - c0.y);
}
