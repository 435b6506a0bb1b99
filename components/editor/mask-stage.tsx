'use client';

import type Konva from 'konva';
import { useEffect, useRef, useState } from 'react';
import { Circle, Group, Image as KonvaImage, Layer, Line, Rect, Shape as KonvaShape, Stage } from 'react-konva';
import { useShallow } from 'zustand/react/shallow';
import { useTranslations } from 'next-intl';
import { fitView, imageToScreen, panBy, pinch, screenToImage, zoomAt, type Point, type View } from '@/lib/mask/geometry';
import { rectFrom, type Shape } from '@/lib/mask/shapes';
import { drawMarks } from '@/lib/markup/draw';
import { dragMark, isWorthKeeping, noteSize, type Mark } from '@/lib/markup/marks';
import type { EditorState } from './editor-store';
import { useEditor, useEditorStore } from './editor-provider';

/**
 * The painting surface. Konva only draws: pointer positions become image pixels through
 * the view (lib/mask/geometry), shapes and marks are committed to the store, the tinted
 * overlay shows exactly what the rasteriser will export, and the marks are drawn by the
 * same function that draws the uploaded markup layer (lib/markup/draw). Mouse, touch and pen all paint
 * (touches are ignored while a pen is down: the palm); wheel or pinch zooms; space+drag,
 * the pan tool or two fingers pan. The focused canvas also works by keyboard.
 */
const TINT = '#ec4899';

function ShapeNode({ shape, inverted }: { shape: Shape; inverted: boolean }) {
  // Painting adds tint (or, inverted, removes it); erasing does the opposite.
  const cuts = (shape.mode === 'paint') === inverted;
  const op = cuts ? 'destination-out' : 'source-over';
  if (shape.kind === 'rect') return <Rect x={shape.x} y={shape.y} width={shape.width} height={shape.height} fill={TINT} globalCompositeOperation={op} />;
  if (shape.kind === 'lasso') return <Line points={shape.points} closed fill={TINT} globalCompositeOperation={op} />;
  if (shape.points.length === 2) return <Circle x={shape.points[0]} y={shape.points[1]} radius={shape.radius} fill={TINT} globalCompositeOperation={op} />;
  return <Line points={shape.points} stroke={TINT} strokeWidth={shape.radius * 2} lineCap="round" lineJoin="round" globalCompositeOperation={op} />;
}

/** The marks, drawn under the view's transform by the export's own drawing code. */
function MarksNode({ marks }: { marks: readonly Mark[] }) {
  // listening={false}: the layer never takes pointer events, so Konva needs no hit drawing of it.
  return <KonvaShape listening={false} sceneFunc={(context) => drawMarks(context._context, marks)} />;
}

/** Where a note is being typed: in image pixels (where it will be drawn) and on screen (where the input sits). */
type NoteDraft = { at: Point; screen: Point };

export default function MaskStage() {
  const { images, mask, markup, layer, tool, brushSize, view, setView, commitShape, commitMark, cursor, anchor, strokeWidth, markColor, noteAt, setNoteAt } = useEditor(
    useShallow((s) => ({
      images: s.images, mask: s.mask, markup: s.markup, layer: s.layer, tool: s.tool, brushSize: s.brushSize, view: s.view, setView: s.setView, commitShape: s.commitShape,
      commitMark: s.commitMark, cursor: s.cursor, anchor: s.anchor, strokeWidth: s.strokeWidth, markColor: s.markColor, noteAt: s.noteAt, setNoteAt: s.setNoteAt,
    })),
  );

  const first = images[0];
  const box = useRef<HTMLDivElement>(null);
  // Unknown until the box is measured: a view fitted to a guessed size would put the
  // image off-centre, or off a phone's screen.
  const [measured, setSize] = useState<{ width: number; height: number } | null>(null);
  const size = measured ?? { width: 0, height: 0 };
  const onKeyDown = useCanvasKeys(size);
  const t = useTranslations('editor');
  const [bitmap, setBitmap] = useState<HTMLImageElement | null>(null);
  const [draft, setDraft] = useState<Shape | null>(null);
  const [draftMark, setDraftMark] = useState<Mark | null>(null);
  const [spaceHeld, setSpaceHeld] = useState(false);
  const pointers = useRef(new Map<number, Point>());
  const penDown = useRef(false);
  const gesture = useRef<{ kind: 'draw'; start: Point } | { kind: 'pan'; last: Point } | { kind: 'pinch' } | { kind: 'note'; at: Point } | null>(null);

  useEffect(() => {
    const node = box.current;
    if (!node) return;
    const observer = new ResizeObserver(([entry]) => setSize({ width: Math.max(100, entry!.contentRect.width), height: Math.max(100, entry!.contentRect.height) }));
    observer.observe(node);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (!first) return;
    const img = new window.Image();
    img.onload = () => setBitmap(img);
    img.src = first.url;
  }, [first]);

  useEffect(() => {
    if (first && !view && measured) setView(fitView(first, measured));
  }, [first, view, measured, setView]);

  useEffect(() => {
    const down = (e: KeyboardEvent) => {
      if (e.code === 'Space' && !(e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement)) {
        e.preventDefault();
        setSpaceHeld(true);
      }
    };
    const up = (e: KeyboardEvent) => e.code === 'Space' && setSpaceHeld(false);
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    return () => {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
    };
  }, []);

  if (!first || !view || !measured) return <div ref={box} className="h-full w-full" />;

  const position = (e: Konva.KonvaEventObject<PointerEvent>): Point => {
    const stage = e.target.getStage()!;
    stage.setPointersPositions(e.evt);
    return stage.getPointerPosition() ?? { x: 0, y: 0 };
  };

  const onDown = (e: Konva.KonvaEventObject<PointerEvent>) => {
    // Palm rejection: while a pen is down, touches are the hand resting on the screen.
    if (e.evt.pointerType === 'touch' && penDown.current) return;
    if (e.evt.pointerType === 'pen') {
      penDown.current = true;
      // A palm that landed first loses to the pen: drop whatever it started.
      pointers.current.clear();
      setDraft(null);
      setDraftMark(null);
      gesture.current = null;
    }
    const at = position(e);
    pointers.current.set(e.evt.pointerId, at);
    if (pointers.current.size === 2) {
      setDraft(null);
      setDraftMark(null);
      gesture.current = { kind: 'pinch' };
      return;
    }
    if (tool === 'pan' || spaceHeld || e.evt.button === 1) {
      gesture.current = { kind: 'pan', last: at };
      return;
    }
    const p = screenToImage(at, view);
    gesture.current = { kind: 'draw', start: p };
    const mode = tool === 'eraser' ? 'erase' : 'paint';
    const radius = brushSize / 2;
    if (tool === 'brush' || tool === 'eraser') setDraft({ kind: 'brush', mode, radius, points: [p.x, p.y] });
    else if (tool === 'rect') setDraft(rectFrom(p, p, 'paint'));
    else if (tool === 'lasso') setDraft({ kind: 'lasso', mode: 'paint', points: [p.x, p.y] });
    else if (tool === 'pen') setDraftMark({ kind: 'pen', color: markColor, width: strokeWidth, points: [p.x, p.y] });
    else if (tool === 'arrow' || tool === 'box' || tool === 'ellipse') setDraftMark(dragMark(tool, p, p, markColor, strokeWidth));
    // A note opens when the click ends: the press itself moves focus to the canvas, which
    // would take it straight from a field opened now.
    else if (tool === 'note') gesture.current = { kind: 'note', at: p };
  };

  const onMove = (e: Konva.KonvaEventObject<PointerEvent>) => {
    const at = position(e);
    const before = pointers.current.get(e.evt.pointerId);
    if (!before) return;
    const g = gesture.current;
    if (g?.kind === 'pinch' && pointers.current.size === 2) {
      const [[idA, a], [idB, b]] = [...pointers.current.entries()] as [[number, Point], [number, Point]];
      const after: [Point, Point] = [idA === e.evt.pointerId ? at : a, idB === e.evt.pointerId ? at : b];
      setView(pinch(view, [a, b], after));
    } else if (g?.kind === 'pan') {
      setView(panBy(view, at.x - g.last.x, at.y - g.last.y));
      gesture.current = { kind: 'pan', last: at };
    } else if (g?.kind === 'draw' && draft) {
      const p = screenToImage(at, view);
      if (draft.kind === 'rect') setDraft(rectFrom(g.start, p, 'paint'));
      else setDraft({ ...draft, points: [...draft.points, p.x, p.y] });
    } else if (g?.kind === 'draw' && draftMark) {
      const p = screenToImage(at, view);
      if (draftMark.kind === 'pen') setDraftMark({ ...draftMark, points: [...draftMark.points, p.x, p.y] });
      else if (draftMark.kind !== 'note') setDraftMark(dragMark(draftMark.kind, g.start, p, draftMark.color, draftMark.width));
    }
    pointers.current.set(e.evt.pointerId, at);
  };

  const onUp = (e: Konva.KonvaEventObject<PointerEvent>) => {
    if (e.evt.pointerType === 'pen') penDown.current = false;
    if (!pointers.current.delete(e.evt.pointerId)) return;
    if (gesture.current?.kind === 'draw' && draft) {
      const worth = draft.kind === 'rect' ? draft.width > 0 && draft.height > 0 : draft.kind === 'lasso' ? draft.points.length >= 6 : true;
      if (worth) commitShape(draft);
    }
    if (gesture.current?.kind === 'draw' && draftMark && isWorthKeeping(draftMark)) commitMark(draftMark);
    if (gesture.current?.kind === 'note') setNoteAt(gesture.current.at);
    setDraft(null);
    setDraftMark(null);
    if (pointers.current.size === 0) gesture.current = null;
  };

  const onWheel = (e: Konva.KonvaEventObject<WheelEvent>) => {
    e.evt.preventDefault();
    const stage = e.target.getStage()!;
    const at = stage.getPointerPosition() ?? { x: size.width / 2, y: size.height / 2 };
    setView(zoomAt(view, Math.exp(-e.evt.deltaY * 0.0015), at));
  };

  const pointerStyle = tool === 'pan' || spaceHeld ? 'grab' : 'crosshair';
  // The shape the keyboard's two corners are drawing, shown as it will be committed.
  const keyed = anchor && cursor ? keyShape({ layer, tool, markColor, strokeWidth }, anchor, cursor) : null;
  const note: NoteDraft | null = noteAt ? { at: noteAt, screen: imageToScreen(noteAt, view) } : null;
  return (
    <div
      ref={box}
      // The canvas itself takes focus: its keys draw, zoom and pan (useCanvasKeys).
      tabIndex={0}
      role="application"
      aria-roledescription={t('canvasRole')}
      aria-label={t('canvasLabel', { width: first.width, height: first.height })}
      aria-describedby="editor-keys"
      onKeyDown={onKeyDown}
      className="relative h-full w-full touch-none select-none outline-none focus-visible:ring-4 focus-visible:ring-inset focus-visible:ring-accent"
      style={{ cursor: pointerStyle }}
      data-testid="mask-stage"
    >
      <Stage width={size.width} height={size.height} onPointerDown={onDown} onPointerMove={onMove} onPointerUp={onUp} onPointerCancel={onUp} onWheel={onWheel}>
        <Layer listening={false}>
          <Group x={view.panX} y={view.panY} scaleX={view.zoom} scaleY={view.zoom}>
            {bitmap && <KonvaImage image={bitmap} width={first.width} height={first.height} />}
          </Group>
        </Layer>
        <Layer listening={false} opacity={0.5}>
          <Group x={view.panX} y={view.panY} scaleX={view.zoom} scaleY={view.zoom} clipX={0} clipY={0} clipWidth={first.width} clipHeight={first.height}>
            {mask.inverted && <Rect width={first.width} height={first.height} fill={TINT} />}
            {mask.shapes.map((shape, i) => (
              <ShapeNode key={i} shape={shape} inverted={mask.inverted} />
            ))}
            {draft && <ShapeNode shape={draft} inverted={mask.inverted} />}
            {keyed && 'shape' in keyed && <ShapeNode shape={keyed.shape} inverted={mask.inverted} />}
          </Group>
        </Layer>
        <Layer listening={false}>
          <Group x={view.panX} y={view.panY} scaleX={view.zoom} scaleY={view.zoom} clipX={0} clipY={0} clipWidth={first.width} clipHeight={first.height}>
            <MarksNode marks={markup} />
            {draftMark && <MarksNode marks={[draftMark]} />}
            {keyed && 'mark' in keyed && <MarksNode marks={[keyed.mark]} />}
          </Group>
        </Layer>
        {cursor && <KeyCursor at={imageToScreen(cursor, view)} />}
      </Stage>
      {note && (
        <NoteInput
          key={`${note.at.x},${note.at.y}`}
          draft={note}
          color={markColor}
          fontPx={noteSize(strokeWidth) * view.zoom}
          label={t('noteLabel')}
          onDone={(text) => {
            setNoteAt(null);
            if (text.trim()) commitMark({ kind: 'note', color: markColor, size: noteSize(strokeWidth), x: note.at.x, y: note.at.y, text: text.trim() });
            box.current?.focus();
          }}
        />
      )}
    </div>
  );
}

/**
 * Where a note is typed: a text field on the canvas at the note's place, at the size the
 * note will be drawn. Enter places it, Escape (or leaving it empty) drops it.
 */
function NoteInput({ draft, color, fontPx, label, onDone }: { draft: NoteDraft; color: string; fontPx: number; label: string; onDone(text: string): void }) {
  const [text, setText] = useState('');
  const done = useRef(false);
  const finish = (value: string) => {
    if (done.current) return;
    done.current = true;
    onDone(value);
  };
  return (
    <input
      autoFocus
      aria-label={label}
      data-testid="note-input"
      value={text}
      onChange={(e) => setText(e.target.value)}
      onPointerDown={(e) => e.stopPropagation()}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Enter') finish(text);
        else if (e.key === 'Escape') finish('');
      }}
      onBlur={() => finish(text)}
      style={{ left: draft.screen.x, top: draft.screen.y, color, fontSize: Math.max(12, fontPx) }}
      className="absolute min-w-40 rounded border border-accent bg-black/40 px-1 font-semibold outline-none"
    />
  );
}

/** The keyboard's crosshair, drawn in screen space so it keeps its size at any zoom. */
function KeyCursor({ at }: { at: Point }) {
  const arm = 12;
  return (
    <Layer listening={false}>
      {[0, 1].map((outline) => (
        <Group key={outline}>
          <Line points={[at.x - arm, at.y, at.x + arm, at.y]} stroke={outline ? '#fff' : '#000'} strokeWidth={outline ? 1 : 3} />
          <Line points={[at.x, at.y - arm, at.x, at.y + arm]} stroke={outline ? '#fff' : '#000'} strokeWidth={outline ? 1 : 3} />
        </Group>
      ))}
    </Layer>
  );
}

/** Screen pixels an arrow key moves the crosshair or pans; Shift moves five times as far. */
const KEY_STEP = 8;

/**
 * What can be done without a pointer, on the focused canvas: arrow keys move a
 * crosshair (Alt+arrows pan), Enter sets a rectangle's first and opposite corners,
 * Escape drops a half-drawn one, Ctrl/Cmd+A masks everything, Delete clears, + and −
 * zoom about the crosshair. Tools, invert, undo and fit are the editor's page-wide keys.
 */
function useCanvasKeys(viewport: { width: number; height: number }) {
  const store = useEditorStore();
  return (e: React.KeyboardEvent) => {
    const s = store.getState();
    const first = s.images[0];
    const view = s.view;
    if (!first || !view) return;
    const arrow = ({ ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] } as Record<string, [number, number]>)[e.key];
    const mod = e.ctrlKey || e.metaKey;
    const centre = s.cursor ?? screenToImage({ x: viewport.width / 2, y: viewport.height / 2 }, view);
    const clamp = (p: Point): Point => ({ x: Math.round(Math.min(first.width, Math.max(0, p.x))), y: Math.round(Math.min(first.height, Math.max(0, p.y))) });
    if (arrow && (e.altKey || s.tool === 'pan')) {
      const step = KEY_STEP * (e.shiftKey ? 5 : 1);
      s.setView(panBy(view, -arrow[0] * step, -arrow[1] * step));
    } else if (arrow && !mod) {
      const step = (KEY_STEP * (e.shiftKey ? 5 : 1)) / view.zoom;
      const next = clamp(s.cursor ? { x: centre.x + arrow[0] * step, y: centre.y + arrow[1] * step } : centre);
      s.setCursor(next);
      s.setView(keepInView(view, imageToScreen(next, view), viewport));
    } else if (e.key === 'Enter' && !mod) {
      const at = clamp(centre);
      if (!s.cursor) s.setCursor(at);
      else if (s.tool === 'note') s.setNoteAt(at);
      else if (!s.anchor) s.setAnchor(at);
      else {
        s.setAnchor(null);
        commitKeyShape(s, s.anchor, at);
      }
    } else if (e.key === 'Escape' && s.anchor) s.setAnchor(null);
    else if (mod && e.key.toLowerCase() === 'a' && s.layer === 'mask') s.selectAll();
    else if ((e.key === 'Delete' || e.key === 'Backspace') && !mod) s.clear();
    else if ((e.key === '+' || e.key === '=' || e.key === '-') && !mod) {
      const anchorAt = s.cursor ? imageToScreen(s.cursor, view) : { x: viewport.width / 2, y: viewport.height / 2 };
      s.setView(zoomAt(view, e.key === '-' ? 1 / 1.25 : 1.25, anchorAt));
    } else return;
    e.preventDefault();
    e.stopPropagation();
  };
}

/**
 * The shape two keyboard corners make: on the mask a rectangle (erased with the eraser);
 * in markup the tool's own arrow, box or ellipse (the pen draws a box: a freehand line has
 * no corners). The preview and the commit both come from here.
 */
function keyShape(s: Pick<EditorState, 'layer' | 'tool' | 'markColor' | 'strokeWidth'>, from: Point, to: Point): { shape: Shape } | { mark: Mark } {
  if (s.layer === 'markup') return { mark: dragMark(s.tool === 'arrow' || s.tool === 'ellipse' ? s.tool : 'box', from, to, s.markColor, s.strokeWidth) };
  return { shape: rectFrom(from, to, s.tool === 'eraser' ? 'erase' : 'paint') };
}

function commitKeyShape(s: EditorState, from: Point, to: Point) {
  const keyed = keyShape(s, from, to);
  if ('mark' in keyed) {
    if (isWorthKeeping(keyed.mark)) s.commitMark(keyed.mark);
  } else if (keyed.shape.kind === 'rect' && keyed.shape.width > 0 && keyed.shape.height > 0) s.commitShape(keyed.shape);
}

/** The view panned just enough to keep a screen point inside the viewport, with a margin. */
function keepInView(view: View, at: Point, viewport: { width: number; height: number }, margin = 32): View {
  const dx = at.x < margin ? margin - at.x : at.x > viewport.width - margin ? viewport.width - margin - at.x : 0;
  const dy = at.y < margin ? margin - at.y : at.y > viewport.height - margin ? viewport.height - margin - at.y : 0;
  return dx || dy ? panBy(view, dx, dy) : view;
}
