'use client';

import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { squareImage, type SquareFix } from '@/lib/client/square-image';
import type { InputRules } from '@/lib/models/types';
import { useEditor } from './editor-provider';
import type { InputImage } from './editor-store';

/**
 * When the request about to be made cannot take the first image as it is (DALL·E 2's
 * edits and variations: a square PNG under 4 MB), says so and offers the fix with a
 * preview. The image is only replaced when the person picks one; the server never
 * converts anything itself.
 */
/** What keeps a model from taking an image as it is, by its rules. */
export function inputProblems(image: InputImage | undefined, rules: InputRules | undefined) {
  const needsSquare = Boolean(image && rules?.square && image.width !== image.height);
  const wrongFormat = Boolean(image && rules && !rules.formats.some((f) => image.file.type === `image/${f}`));
  const tooBig = Boolean(image && rules && image.file.size > rules.maxFileBytes);
  return { needsSquare, wrongFormat, tooBig, any: needsSquare || wrongFormat || tooBig };
}

/** `rules` are the inputs the request about to be made accepts; `who` names it ("DALL·E 2", "DALL·E 2 variations"). */
export function InputFix({ rules, who }: { rules: InputRules | undefined; who: string }) {
  const { images, replaceFirst } = useEditor(useShallow((e) => ({ images: e.images, replaceFirst: e.replaceFirst })));
  const first = images[0];
  const { needsSquare, wrongFormat, tooBig } = inputProblems(first, rules);
  const [previews, setPreviews] = useState<Partial<Record<SquareFix, { blob: Blob; url: string }>>>({});

  useEffect(() => {
    if (!first || !(needsSquare || wrongFormat || tooBig)) return;
    let cancelled = false;
    void Promise.all((['crop', 'pad'] as const).map(async (how) => [how, await squareImage(first.file, how)] as const)).then((made) => {
      if (cancelled) return;
      setPreviews(Object.fromEntries(made.map(([how, blob]) => [how, { blob, url: URL.createObjectURL(blob) }])));
    });
    return () => {
      cancelled = true;
    };
  }, [first, needsSquare, wrongFormat, tooBig]);

  if (!first || !rules || !(needsSquare || wrongFormat || tooBig)) return null;
  const problems = [
    needsSquare && `it is ${first.width}×${first.height}, not square`,
    wrongFormat && `it is ${first.file.type.replace('image/', '').toUpperCase()}, not ${rules.formats.map((f) => f.toUpperCase()).join(' or ')}`,
    tooBig && `it is ${(first.file.size / 1048576).toFixed(1)} MB, over ${rules.maxFileBytes / 1048576} MB`,
  ].filter(Boolean);
  return (
    <section role="status" aria-label="Image needs a fix" className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-3 text-xs text-amber-900 dark:border-amber-700 dark:bg-amber-950/40 dark:text-amber-100">
      <p>
        {who} cannot take this image as it is: {problems.join('; ')}. Pick a fix to use instead (the mask is cleared), or choose another model.
      </p>
      <div className="flex gap-3">
        {(['crop', 'pad'] as const).map((how) => (
          <figure key={how} className="text-center">
            {previews[how] ? (
              // eslint-disable-next-line @next/next/no-img-element -- a local preview
              <img src={previews[how]!.url} alt={`${how === 'crop' ? 'Cropped' : 'Padded'} to square`} className="h-20 w-20 rounded border border-amber-300 bg-[conic-gradient(#e4e4e7_25%,transparent_0_50%,#e4e4e7_0_75%,transparent_0)] bg-[length:8px_8px] object-contain" />
            ) : (
              <div className="h-20 w-20 rounded border border-amber-300" />
            )}
            <button type="button" disabled={!previews[how]} onClick={() => void replaceFirst(previews[how]!.blob, `${first.name.replace(/\.\w+$/, '')}-${how}.png`)} className="mt-1 rounded-md bg-amber-600 px-2 py-1 font-semibold text-white disabled:opacity-40">
              {how === 'crop' ? 'Crop to square' : 'Pad to square'}
            </button>
          </figure>
        ))}
      </div>
    </section>
  );
}
