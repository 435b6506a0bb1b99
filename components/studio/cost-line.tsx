import { formatUsd, type CostEstimate } from '@/lib/models/cost';

/** What a request is expected to cost, shown before it is sent (notes in the tooltip). */
export function CostLine({ cost }: { cost: CostEstimate | null }) {
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
    </p>
  );
}
