'use client';

import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};

/**
 * False while the server's HTML is showing and React has not yet taken over; true after.
 * Buttons whose work is all in JavaScript stay disabled until then, so an early click is
 * visibly not yet possible instead of silently lost.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(subscribe, () => true, () => false);
}
