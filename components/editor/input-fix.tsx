'use client';

import { useFormatter, useTranslations } from 'next-intl';
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
  const t = useTranslations('editor.fix');
  const format = useFormatter();
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
    needsSquare && t('notSquare', { width: first.width, height: first.height }),
    wrongFormat && t('wrongFormat', { format: first.file.type.replace('image/', '').toUpperCase(), formats: rules.formats.map((f) => f.toUpperCase()).join(t('or')) }),
    tooBig && t('tooBig', { size: format.number(first.file.size / 1048576, { maximumFractionDigits: 1, minimumFractionDigits: 1 }), max: rules.maxFileBytes / 1048576 }),
  ].filter(Boolean);
  return (
    <section role="status" aria-label={t('label')} className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-3 text-xs text-amber-900 dark:border-amber-700 dark:bg-amber-950/40 dark:text-amber-100">
      <p>
        {t('intro', { who, problems: problems.join('; ') })}
      </p>
      <div className="flex gap-3">
        {(['crop', 'pad'] as const).map((how) => (
          <figure key={how} className="text-center">
            {previews[how] ? (
              // eslint-disable-next-line @next/next/no-img-element -- a local preview
              <img src={previews[how]!.url} alt={t(how === 'crop' ? 'cropped' : 'padded')} className="h-20 w-20 rounded border border-amber-300 bg-[conic-gradient(#e4e4e7_25%,transparent_0_50%,#e4e4e7_0_75%,transparent_0)] bg-[length:8px_8px] object-contain" />
            ) : (
              <div className="h-20 w-20 rounded border border-amber-300" />
            )}
            <button type="button" disabled={!previews[how]} onClick={() => void replaceFirst(previews[how]!.blob, `${first.name.replace(/\.\w+$/, '')}-${how}.png`)} className="mt-1 rounded-md bg-amber-600 px-2 py-1 font-semibold text-white disabled:opacity-40">
              {t(how)}
            </button>
          </figure>
        ))}
      </div>
    </section>
  );
}
