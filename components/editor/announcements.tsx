'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import type { EditorState } from './editor-store';
import { useEditorStore } from './editor-provider';

/**
 * The editor's state, told to screen readers: what each change did (a shape added,
 * invert, undo, zoom, the keyboard's crosshair and rectangle, marks and layers). It watches the store, so
 * a change made by key, button or pointer is announced the same way. A new node for
 * each message, so that saying "Undone." twice is heard twice.
 */
export function EditorAnnouncer() {
  const store = useEditorStore();
  const t = useTranslations('editor');
  const [said, setSaid] = useState({ n: 0, text: '' });
  useEffect(
    () =>
      store.subscribe((now, before) => {
        const text = describeChange(now, before, t);
        if (text) setSaid((s) => ({ n: s.n + 1, text }));
      }),
    [store, t],
  );
  return (
    <div role="status" aria-live="polite" className="sr-only" data-testid="editor-announcer">
      <span key={said.n}>{said.text}</span>
    </div>
  );
}

type Translate = ReturnType<typeof useTranslations<'editor'>>;

function describeChange(now: EditorState, before: EditorState, t: Translate): string | null {
  const first = now.images[0];
  if (first && first !== before.images[0]) return t('say.loaded', { name: first.name, width: first.width, height: first.height });
  if (now.mask !== before.mask || now.markup !== before.markup) {
    if (now.future.length > before.future.length) return t('say.undone');
    if (now.future.length < before.future.length && now.past.length > before.past.length) return t('say.redone');
    if (now.markup !== before.markup) return now.markup.length ? t('say.marked', { count: now.markup.length }) : t('say.markupCleared');
    const { mask } = now;
    if (mask.shapes.length > before.mask.shapes.length) return t(mask.shapes.at(-1)!.mode === 'erase' ? 'say.erased' : 'say.added', { count: mask.shapes.length });
    if (mask.inverted !== before.mask.inverted) return t(mask.inverted ? 'say.inverted' : 'say.notInverted');
    if (mask.feather !== before.mask.feather) return t('say.feather', { value: mask.feather });
    if (mask.shapes.length === 0) return t('say.cleared');
    return null;
  }
  if (now.anchor && !before.anchor) return t('say.anchor', now.anchor);
  if (!now.anchor && before.anchor) return t('say.dropped');
  if (now.cursor && now.cursor !== before.cursor) {
    const { x, y } = now.cursor;
    return now.anchor ? t('say.sizing', { x, y, width: Math.abs(x - now.anchor.x), height: Math.abs(y - now.anchor.y) }) : t('say.cursor', { x, y });
  }
  if (now.layer !== before.layer) return `${t('say.layer', { layer: t(`layers.${now.layer}`) })} ${t('say.tool', { tool: t(`tools.${now.tool}`) })}`;
  if (now.tool !== before.tool) return t('say.tool', { tool: t(`tools.${now.tool}`) });
  if (now.view && before.view && now.view.zoom !== before.view.zoom) return t('say.zoom', { percent: Math.round(now.view.zoom * 100) });
  return null;
}
