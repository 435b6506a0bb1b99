import type { RunEventMessage, RunJson } from '@/lib/client/runs';
import type { ResultSlot } from '../studio/run-slice';

/**
 * What a run looks like in the browser, folded from its events: the run object (from
 * each `run.*` event), and its image slots filling with partial then final images.
 * Pure, so the feed and the editor fold events the same way (and tests can too).
 */
export type RunView = {
  run: RunJson;
  slots: ResultSlot[];
  /** The last event folded in: a follow resumes after it. */
  lastSeq: number;
  /** Stream events carry no image index: images arrive one after another. */
  current: number;
};

const mimeOf = (format: unknown) => (format === 'svg' ? 'image/svg+xml' : `image/${typeof format === 'string' && /^[a-z]+$/.test(format) ? format : 'png'}`);

export function newRunView(run: RunJson): RunView {
  return { run, slots: Array.from({ length: run.n }, () => ({})), lastSeq: 0, current: 0 };
}

/** A run object read again (a list or poll): newer facts win, images already shown stay. */
export function withRun(view: RunView, run: RunJson): RunView {
  return run.last_sequence_number >= view.run.last_sequence_number ? { ...view, run } : view;
}

export function applyRunEvent(view: RunView, event: RunEventMessage): RunView {
  if (event.seq <= view.lastSeq) return view;
  const next = { ...view, lastSeq: event.seq };
  const data = event.data;
  if (event.type.startsWith('run.')) {
    const run = data.run as RunJson | undefined;
    return run ? { ...next, run } : next;
  }
  const format = data.output_format ?? view.run.options.output_format;
  const src = typeof data.b64_json === 'string' ? `data:${mimeOf(format)};base64,${data.b64_json}` : typeof data.image_url === 'string' ? data.image_url : typeof data.url === 'string' ? data.url : null;
  const update = (patch: ResultSlot) => next.slots.map((slot, i) => (i === next.current ? { ...slot, ...patch } : slot));
  if (event.type.endsWith('.partial_image') && src) return { ...next, slots: update({ partial: { src, index: Number(data.partial_image_index ?? 0) } }) };
  if (event.type.endsWith('.completed') && src) {
    const final = {
      src,
      format: typeof format === 'string' ? format : 'png',
      revisedPrompt: typeof data.revised_prompt === 'string' ? data.revised_prompt : undefined,
      size: typeof data.size === 'string' ? data.size : undefined,
      createdAt: Date.now(),
      galleryId: typeof data.gallery_id === 'string' ? data.gallery_id : undefined,
    };
    return { ...next, slots: update({ final }), current: next.current + 1 };
  }
  return next;
}

/** Slots of a run read from the list after it ended: its kept images, from the gallery. */
export function keptSlots(view: RunView): RunView {
  if (view.slots.some((s) => s.final) || view.run.gallery_ids.length === 0) return view;
  const format = typeof view.run.options.output_format === 'string' ? view.run.options.output_format : 'png';
  const slots = view.run.gallery_ids.map((id) => ({
    final: { src: `/api/v1/gallery/${id}/image`, format, createdAt: Date.parse(view.run.created_at), galleryId: id, size: typeof view.run.options.size === 'string' ? view.run.options.size : undefined },
  }));
  return { ...view, slots, current: slots.length };
}
