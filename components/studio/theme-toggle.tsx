'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { useRovingRadios } from '../use-roving-radios';

type Theme = 'light' | 'dark' | 'system';
const STORAGE_KEY = 'image-studio-theme';

/** Runs before paint (inlined in the layout) so the page never flashes the wrong theme. */
export const THEME_SCRIPT = `(function(){try{var t=localStorage.getItem('${STORAGE_KEY}');var d=t==='dark'||((!t||t==='system')&&matchMedia('(prefers-color-scheme: dark)').matches);document.documentElement.classList.toggle('dark',d);document.documentElement.style.colorScheme=d?'dark':'light'}catch(e){}})()`;

function apply(theme: Theme) {
  const dark = theme === 'dark' || (theme === 'system' && window.matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.classList.toggle('dark', dark);
  document.documentElement.style.colorScheme = dark ? 'dark' : 'light';
}

export function ThemeToggle() {
  const t = useTranslations('shell.theme');
  const [theme, setTheme] = useState<Theme>('system');
  useEffect(() => {
    // Reading the saved choice after mount keeps server and client markup identical.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setTheme((localStorage.getItem(STORAGE_KEY) as Theme | null) ?? 'system');
  }, []);
  const roving = useRovingRadios();
  const choose = (next: Theme) => {
    setTheme(next);
    localStorage.setItem(STORAGE_KEY, next);
    apply(next);
  };
  return (
    <div role="radiogroup" aria-label={t('label')} className="inline-flex rounded-lg border border-zinc-300 p-0.5 text-xs dark:border-zinc-700" {...roving}>
      {(['light', 'dark', 'system'] as const).map((option) => (
        <button
          key={option}
          type="button"
          role="radio"
          aria-checked={theme === option}
          onClick={() => choose(option)}
          className={`rounded-md px-2 py-1 ${theme === option ? 'bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900' : 'text-zinc-600 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800'}`}
        >
          {t(option)}
        </button>
      ))}
    </div>
  );
}
