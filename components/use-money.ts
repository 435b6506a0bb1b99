'use client';

import { useFormatter } from 'next-intl';
import { formatMoney } from '@/i18n/money';

/** Dollars written the person's way, for client components (server ones use `formatMoney` with `getFormatter`). */
export function useMoney(): (usd: number) => string {
  const format = useFormatter();
  return (usd) => formatMoney(format, usd);
}
