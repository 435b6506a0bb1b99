'use client';

import { useEffect, useRef, type KeyboardEvent } from 'react';

/**
 * A radio group as the ARIA pattern has it: one Tab stop (the checked radio, or the
 * first that can be chosen), and the arrow keys (Home, End) move the choice within the
 * group. Without it every option was a Tab stop of its own, and reaching the feed from
 * the prompt took some eighty presses. Spread the result on the `role="radiogroup"`
 * element; its `role="radio"` descendants are the options.
 */
export function useRovingRadios<T extends HTMLElement = HTMLDivElement>() {
  const ref = useRef<T>(null);
  const radios = () => [...(ref.current?.querySelectorAll<HTMLElement>('[role="radio"]') ?? [])].filter((r) => !r.hasAttribute('disabled') && r.getAttribute('aria-disabled') !== 'true');
  // After every render: which radio is checked may have changed.
  useEffect(() => {
    const all = [...(ref.current?.querySelectorAll<HTMLElement>('[role="radio"]') ?? [])];
    const choosable = radios();
    const stop = choosable.find((r) => r.getAttribute('aria-checked') === 'true') ?? choosable[0];
    for (const radio of all) radio.tabIndex = radio === stop ? 0 : -1;
  });
  const onKeyDown = (e: KeyboardEvent<T>) => {
    const options = radios();
    const at = options.indexOf(document.activeElement as HTMLElement);
    if (at < 0 || e.altKey || e.ctrlKey || e.metaKey) return;
    const step: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
    const next = e.key === 'Home' ? 0 : e.key === 'End' ? options.length - 1 : e.key in step ? (at + step[e.key]! + options.length) % options.length : null;
    if (next === null) return;
    e.preventDefault();
    options[next]!.focus();
    options[next]!.click();
  };
  return { ref, onKeyDown };
}
