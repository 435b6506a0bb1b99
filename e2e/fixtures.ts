import { test as base, expect } from '@playwright/test';
import { CANARY_KEY } from './servers';

/**
 * Every end-to-end test runs under a watch for the API key: each response the browser
 * receives (headers and body, pages, scripts, API answers, event streams, errors) is
 * searched for the key's value, and the test fails if it is found anywhere.
 */
export const test = base.extend<{ keyWatch: void }>({
  keyWatch: [
    async ({ context }, use, testInfo) => {
      const leaks: string[] = [];
      const checks: Array<Promise<void>> = [];
      let seen = 0;
      context.on('response', (response) => {
        seen++;
        checks.push(
          (async () => {
            const headers = await response.allHeaders().catch(() => ({}));
            if (JSON.stringify(headers).includes(CANARY_KEY)) leaks.push(`headers of ${response.url()}`);
            const body = await response.body().catch(() => null);
            if (body?.includes(CANARY_KEY)) leaks.push(`body of ${response.url()}`);
          })(),
        );
      });
      await use();
      await Promise.race([Promise.all(checks), new Promise((resolve) => setTimeout(resolve, 10_000))]);
      testInfo.annotations.push({ type: 'key-watch', description: `${seen} responses searched` });
      expect(leaks, 'the API key reached the browser').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
