import { getTranslations } from 'next-intl/server';
import { FAULT_HELP } from '@/lib/simulator/faults';
import type { UpstreamKind } from '@/lib/models/availability';

/** Says plainly where images come from; in demo mode, how to try the failure paths. */
export async function UpstreamBadge({ upstream }: { upstream: UpstreamKind }) {
  const t = await getTranslations('studio.upstream');
  if (upstream !== 'simulator') {
    return (
      <span className="rounded-full bg-emerald-100 px-2.5 py-1 text-xs font-medium text-emerald-800 dark:bg-emerald-900/40 dark:text-emerald-200">
        {t(upstream === 'openai' ? 'openai' : 'gateway')}
      </span>
    );
  }
  return (
    <details className="relative">
      <summary
        data-testid="simulator-badge"
        className="cursor-pointer list-none rounded-full bg-amber-100 px-2.5 py-1 text-xs font-semibold text-amber-900 dark:bg-amber-900/50 dark:text-amber-100"
      >
        {t('simulator')}
      </summary>
      <div className="absolute right-0 z-20 mt-2 w-80 rounded-lg border border-zinc-200 bg-white p-3 text-xs shadow-lg dark:border-zinc-700 dark:bg-zinc-900">
        <p className="mb-2">
          {t.rich('simulatorAbout', { code: (chunks) => <code>{chunks}</code> })}
        </p>
        <p className="mb-1 font-medium">{t('tryError')}</p>
        <ul className="space-y-0.5">
          {FAULT_HELP.map(([directive, key]) => (
            <li key={directive}>
              <code className="rounded bg-zinc-100 px-1 dark:bg-zinc-800">{directive}</code> {t(`faults.${key}`)}
            </li>
          ))}
        </ul>
      </div>
    </details>
  );
}
