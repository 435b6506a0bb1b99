import { expect, test } from 'vitest';
import { limitRetryWait, retryWaitMs } from './retry-wait';

const answer = (headers: Record<string, string>) => new Response('{}', { status: 429, headers });

test('reads retry-after-ms, retry-after in seconds and as a date', () => {
  expect(retryWaitMs(new Headers({ 'retry-after-ms': '1500' }))).toBe(1500);
  expect(retryWaitMs(new Headers({ 'retry-after': '3' }))).toBe(3000);
  expect(retryWaitMs(new Headers({ 'retry-after': new Date(61_000).toUTCString() }), 1000)).toBe(60_000);
  expect(retryWaitMs(new Headers())).toBeNull();
});

test('a long wait turns the SDK retry off; a short one is left to the SDK', async () => {
  const long = limitRetryWait(answer({ 'retry-after': '120' }), 5000);
  expect(long.headers.get('x-should-retry')).toBe('false');
  expect(long.status).toBe(429);
  expect(long.headers.get('retry-after')).toBe('120');
  expect(await long.text()).toBe('{}');
  expect(limitRetryWait(answer({ 'retry-after': '2' }), 5000).headers.get('x-should-retry')).toBeNull();
  expect(limitRetryWait(answer({}), 5000).headers.get('x-should-retry')).toBeNull();
});
