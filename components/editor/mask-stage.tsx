'use client';

import type Konva from 'konva';
import { useEffect, useRef, useState } from 'react';
import { Circle, Group, Image as KonvaImage, Layer, Line, Rect, Stage } from 'react-konva';
import { useShallow } from 'zustand/react/shallow';
import { fitView, panBy, pinch, screenToImage, zoomAt, type Point } from '@/lib/mask/geometry';
import { rectFrom, type Shape } from '@/lib/mask/shapes';
import { useEditor } from './editor-provider';

/**
 * The painting surface. Konva only draws: pointer positions become image pixels through
 * the view (lib/mask/geometry), shapes are committed to the store, and the tinted
 * overlay shows exactly what the rasteriser will export. Mouse, touch and pen all paint;
 * wheel or pinch zooms; space+drag, the pan tool or two fingers pan.
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

export default function MaskStage() {
  const { images, mask, tool, brushSize, view, setView, commitShape } = useEditor(
    useShallow((s) => ({ images: s.images, mask: s.mask, tool: s.tool, brushSize: s.brushSize, view: s.view, setView: s.setView, commitShape: s.commitShape })),
  );
  const first = images[0];
  const box = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ width: 800, height: 600 });
  const [bitmap, setBitmap] = useState<HTMLImageElement | null>(null);
  const [draft, setDraft] = useState<Shape | null>(null);
  const [spaceHeld, setSpaceHeld] = useState(false);
  const pointers = useRef(new Map<number, Point>());
  const gesture = useRef<{ kind: 'draw'; start: Point } | { kind: 'pan'; last: Point } | { kind: 'pinch' } | null>(null);

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
    if (first && !view) setView(fitView(first, size));
  }, [first, view, size, setView]);

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

  if (!first || !view) return <div ref={box} className="h-full w-full" />;

  const position = (e: Konva.KonvaEventObject<PointerEvent>): Point => {
    const stage = e.target.getStage()!;
    stage.setPointersPositions(e.evt);
    return stage.getPointerPosition() ?? { x: 0, y: 0 };
  };

  const onDown = (e: Konva.KonvaEventObject<PointerEvent>) => {
    const at = position(e);
    pointers.current.set(e.evt.pointerId, at);
    if (pointers.current.size === 2) {
      setDraft(null);
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
    }
    pointers.current.set(e.evt.pointerId, at);
  };

  const onUp = (e: Konva.KonvaEventObject<PointerEvent>) => {
    pointers.current.delete(e.evt.pointerId);
    if (gesture.current?.kind === 'draw' && draft) {
      const worth = draft.kind === 'rect' ? draft.width > 0 && draft.height > 0 : draft.kind === 'lasso' ? draft.points.length >= 6 : true;
      if (worth) commitShape(draft);
    }
    setDraft(null);
    if (pointers.current.size === 0) gesture.current = null;
  };

  const onWheel = (e: Konva.KonvaEventObject<WheelEvent>) => {
    e.evt.preventDefault();
    const stage = e.target.getStage()!;
    const at = stage.getPointerPosition() ?? { x: size.width / 2, y: size.height / 2 };
    setView(zoomAt(view, Math.exp(-e.evt.deltaY * 0.0015), at));
  };

  const cursor = tool === 'pan' || spaceHeld ? 'grab' : 'crosshair';
  return (
    <div ref={box} className="h-full w-full touch-none select-none" style={{ cursor }} data-testid="mask-stage">
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
          </Group>
        </Layer>
      </Stage>
    </div>
  );
}
