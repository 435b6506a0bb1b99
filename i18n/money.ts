import type { useFormatter } from 'next-intl';
import { usdDigits } from '@/lib/models/cost';

type Formatter = Pick<ReturnType<typeof useFormatter>, 'number'>;

/** Dollars written the person's way ($0.040, 0,040 $, US$0.040), with next-intl's formatter of the page or component. */
export const formatMoney = (format: Formatter, usd: number) =>
  format.number(usd, { style: 'currency', currency: 'USD', minimumFractionDigits: usdDigits(usd), maximumFractionDigits: usdDigits(usd) });
