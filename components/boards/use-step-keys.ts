import { useEffect, type Dispatch, type SetStateAction } from 'react';

/**
 * While a lightbox shows image `open` of `count`, ← and → step to the previous and next
 * (not while typing into a field, such as a comment beside it).
 */
export function useStepKeys(open: number | null, setOpen: Dispatch<SetStateAction<number | null>>, count: number) {
  useEffect(() => {
    if (open === null) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLElement && /^(INPUT|TEXTAREA)$/.test(e.target.tagName)) return;
      if (e.key === 'ArrowRight') setOpen((i) => (i === null ? i : Math.min(count - 1, i + 1)));
      else if (e.key === 'ArrowLeft') setOpen((i) => (i === null ? i : Math.max(0, i - 1)));
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, setOpen, count]);
}
