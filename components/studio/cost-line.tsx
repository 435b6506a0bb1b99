'use client';

import { useTranslations } from 'next-intl';
import type { CostEstimate } from '@/lib/models/cost';
import { useMoney } from '../use-money';
import { useBudget } from './use-budget';

/**
 * What a request is expected to cost, shown before it is sent (notes in the tooltip),
 * and, where there is a daily budget, what is left of it today: flagged when the
 * estimate is more than that, since the studio would refuse it.
 */
export function CostLine({ cost, refreshKey }: { cost: CostEstimate | null; refreshKey?: unknown }) {
  const t = useTranslations('studio.cost');
  const money = useMoney();
  const budget = useBudget(refreshKey);
  const left = budget?.remaining_today_usd ?? null;
  const over = cost !== null && left !== null && cost.usd > left + 1e-9;
  return (
    <p className="text-xs text-zinc-600 dark:text-zinc-300" data-testid="cost-estimate" title={cost?.notes.map(({ key, ...values }) => t(`notes.${key}`, values)).join(' ')}>
      {cost ? (
        <>
          {t.rich('estimated', { usd: money(cost.usd), strong: (chunks) => <strong>{chunks}</strong> })}
          <span className="text-zinc-500 dark:text-zinc-400">
            {t('pricesOf', { date: cost.asOf })}
            {cost.confirmed ? '' : t('unconfirmed')}
          </span>
        </>
      ) : (
        t('noPrice')
      )}
      {left !== null && (
        <span
          data-testid="budget-left"
          className={over ? 'mt-0.5 block font-semibold text-amber-700 dark:text-amber-400' : 'mt-0.5 block text-zinc-500'}
          title={budget ? t('resets', { time: budget.resets_at.slice(11, 16) }) : undefined}
        >
          {t(over ? 'over' : 'left', { usd: money(left) })}
        </span>
      )}
    </p>
  );
}
