import type { Mark } from './marks';

/**
 * Draws marks with the canvas 2D API, in image pixels. The same function paints the
 * editor's view (inside a Konva shape, under the view's transform) and the layer that is
 * uploaded (a canvas of the first image's size, no transform), so what a person sees is
 * what the model gets.
 */
type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

const NOTE_FONT = (size: number) => `600 ${size}px system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK JP", sans-serif`;

export function drawMarks(ctx: Context2D, marks: readonly Mark[]) {
  for (const mark of marks) drawMark(ctx, mark);
}

function drawMark(ctx: Context2D, mark: Mark) {
  ctx.save();
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.strokeStyle = mark.color;
  ctx.fillStyle = mark.color;
  if (mark.kind === 'pen') {
    const p = mark.points;
    ctx.lineWidth = mark.width;
    if (p.length === 2) {
      ctx.beginPath();
      ctx.arc(p[0]!, p[1]!, mark.width / 2, 0, Math.PI * 2);
      ctx.fill();
    } else {
      ctx.beginPath();
      ctx.moveTo(p[0]!, p[1]!);
      for (let i = 2; i + 1 < p.length; i += 2) ctx.lineTo(p[i]!, p[i + 1]!);
      ctx.stroke();
    }
  } else if (mark.kind === 'arrow') {
    arrow(ctx, mark.x1, mark.y1, mark.x2, mark.y2, mark.width);
  } else if (mark.kind === 'box') {
    ctx.lineWidth = mark.width;
    ctx.strokeRect(mark.x, mark.y, mark.w, mark.h);
  } else if (mark.kind === 'ellipse') {
    ctx.lineWidth = mark.width;
    ctx.beginPath();
    ctx.ellipse(mark.x + mark.w / 2, mark.y + mark.h / 2, mark.w / 2, mark.h / 2, 0, 0, Math.PI * 2);
    ctx.stroke();
  } else {
    note(ctx, mark);
  }
  ctx.restore();
}

/** A shaft and a filled head whose size follows the stroke, so thin arrows still show their direction. */
function arrow(ctx: Context2D, x1: number, y1: number, x2: number, y2: number, width: number) {
  const length = Math.hypot(x2 - x1, y2 - y1);
  if (length === 0) return;
  const head = Math.min(length, Math.max(10, width * 4));
  const ux = (x2 - x1) / length;
  const uy = (y2 - y1) / length;
  // The shaft stops where the head begins, so its round cap does not poke through the point.
  ctx.lineWidth = width;
  ctx.beginPath();
  ctx.moveTo(x1, y1);
  ctx.lineTo(x2 - ux * head * 0.8, y2 - uy * head * 0.8);
  ctx.stroke();
  const bx = x2 - ux * head;
  const by = y2 - uy * head;
  const half = head * 0.55;
  ctx.beginPath();
  ctx.moveTo(x2, y2);
  ctx.lineTo(bx - uy * half, by + ux * half);
  ctx.lineTo(bx + uy * half, by - ux * half);
  ctx.closePath();
  ctx.fill();
}

/** Text with a contrasting halo, line by line, so a note reads on any picture. */
function note(ctx: Context2D, mark: Extract<Mark, { kind: 'note' }>) {
  ctx.font = NOTE_FONT(mark.size);
  ctx.textBaseline = 'top';
  ctx.lineWidth = Math.max(2, mark.size / 5);
  ctx.strokeStyle = isLight(mark.color) ? '#000000' : '#ffffff';
  const lineHeight = mark.size * 1.25;
  mark.text.split('\n').forEach((line, i) => {
    ctx.strokeText(line, mark.x, mark.y + i * lineHeight);
    ctx.fillText(line, mark.x, mark.y + i * lineHeight);
  });
}

const isLight = (hex: string) => {
  const n = parseInt(hex.slice(1), 16);
  return ((n >> 16) & 255) * 0.299 + ((n >> 8) & 255) * 0.587 + (n & 255) * 0.114 > 150;
};
