'use client';

import { useEffect, useState } from 'react';

export type BudgetJson = { remaining_today_usd: number | null; person_daily_usd: number | null; team_daily_usd: number | null; resets_at: string };

/** The caller's budget for today, fetched on mount and again whenever `refreshKey` changes (after each run). */
export function useBudget(refreshKey: unknown): BudgetJson | null {
  const [budget, setBudget] = useState<BudgetJson | null>(null);
  useEffect(() => {
    let live = true;
    fetch('/api/v1/budget')
      .then((res) => (res.ok ? (res.json() as Promise<BudgetJson>) : null))
      .then((value) => live && setBudget(value))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [refreshKey]);
  return budget;
}
