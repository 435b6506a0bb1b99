'use client';

import { formatUsd, type CostEstimate } from '@/lib/models/cost';
import { useBudget } from './use-budget';

/**
 * What a request is expected to cost, shown before it is sent (notes in the tooltip),
 * and, where there is a daily budget, what is left of it today: flagged when the
 * estimate is more than that, since the studio would refuse it.
 */
export function CostLine({ cost, refreshKey }: { cost: CostEstimate | null; refreshKey?: unknown }) {
  const budget = useBudget(refreshKey);
  const left = budget?.remaining_today_usd ?? null;
  const over = cost !== null && left !== null && cost.usd > left + 1e-9;
  return (
    <p className="text-xs text-zinc-600 dark:text-zinc-300" data-testid="cost-estimate" title={cost?.notes.join(' ')}>
      {cost ? (
        <>
          Estimated <strong>{formatUsd(cost.usd)}</strong>
          <span className="text-zinc-500"> · prices of {cost.asOf}{cost.confirmed ? '' : ', unconfirmed'}</span>
        </>
      ) : (
        'No price known for this model.'
      )}
      {left !== null && (
        <span
          data-testid="budget-left"
          className={over ? 'mt-0.5 block font-semibold text-amber-700 dark:text-amber-400' : 'mt-0.5 block text-zinc-500'}
          title={budget ? `Daily budgets reset at midnight UTC (${budget.resets_at.slice(11, 16)} UTC).` : undefined}
        >
          {over ? `More than the ${formatUsd(left)} left of today's budget: it would be refused.` : `${formatUsd(left)} left of today's budget`}
        </span>
      )}
    </p>
  );
}
