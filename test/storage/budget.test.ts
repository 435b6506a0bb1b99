import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { migrate } from '@/lib/db/migrations';
import { openPostgres } from '@/lib/db/postgres';
import type { Database } from '@/lib/db/types';
import { dailySpend, release, reserve, settle, type Limits } from '@/lib/budget/ledger';
import { databases, postgresSchema, type Opened } from '../support/backends';

const none: Limits = { personDailyUsd: null, teamDailyUsd: null, personPerMinute: null };

describe.each(databases)('budgets on %s', (_name, open) => {
  let db: Opened<Database>;
  beforeAll(async () => {
    db = await open();
  });
  afterAll(() => db.close());

  test('a reservation that would pass the daily cap is refused with which limit and when it resets', async () => {
    const limits = { ...none, personDailyUsd: 1 };
    expect((await reserve(db.value, 'ana', 0.6, limits)).ok).toBe(true);
    const refused = await reserve(db.value, 'ana', 0.6, limits);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.refusal.limit).toBe('person_daily');
      expect(refused.refusal.message).toMatch(/daily budget of \$1\.00.*\$0\.600 spent today.*midnight UTC/);
      expect(refused.refusal.retryAfterSeconds).toBeGreaterThan(0);
      expect(refused.refusal.retryAfterSeconds).toBeLessThanOrEqual(86_400);
    }
    expect((await reserve(db.value, 'ben', 0.6, limits)).ok).toBe(true);
  });

  test('a failed request is released and costs nothing; a finished one is charged its actual cost', async () => {
    const limits = { ...none, personDailyUsd: 1 };
    const first = await reserve(db.value, 'cleo', 0.9, limits);
    if (!first.ok) throw new Error('expected a reservation');
    await release(db.value, first.id);
    const second = await reserve(db.value, 'cleo', 0.9, limits);
    if (!second.ok) throw new Error('expected a reservation after the release');
    await settle(db.value, second.id, 0.2);
    expect((await reserve(db.value, 'cleo', 0.7, limits)).ok).toBe(true);
    const cleo = (await dailySpend(db.value, 1)).find((r) => r.creator === 'cleo')!;
    expect(cleo.requests).toBe(2);
    expect(cleo.usd).toBeCloseTo(0.9, 9);
  });

  test('requests per minute are limited per person', async () => {
    const limits = { ...none, personPerMinute: 3 };
    for (let i = 0; i < 3; i++) expect((await reserve(db.value, 'dev', 0.01, limits)).ok).toBe(true);
    const refused = await reserve(db.value, 'dev', 0.01, limits);
    expect(refused).toMatchObject({ ok: false, refusal: { limit: 'person_per_minute' } });
    if (!refused.ok) expect(refused.refusal.retryAfterSeconds).toBeLessThanOrEqual(60);
  });
});

describe('two app instances sharing one PostgreSQL server', () => {
  let schema: Awaited<ReturnType<typeof postgresSchema>>;
  let a: Database;
  let b: Database;
  beforeAll(async () => {
    schema = await postgresSchema('budget');
    [a, b] = await Promise.all([openPostgres(schema.url, 8), openPostgres(schema.url, 8)]);
    await migrate(a);
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
    await schema.drop();
  });

  test('concurrent requests from both cannot together pass a person cap or the team cap', async () => {
    const limits: Limits = { personDailyUsd: 1, teamDailyUsd: 2.5, personPerMinute: null };
    // 40 requests of $0.10 at once, half through each instance, from three people.
    const people = ['eve', 'fay', 'gus'];
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => reserve(i % 2 ? a : b, people[i % 3]!, 0.1, limits)),
    );
    const granted = results.filter((r) => r.ok).length;
    const spend = await dailySpend(a, 1);
    for (const row of spend) expect(row.usd).toBeLessThanOrEqual(1 + 1e-9);
    const team = spend.reduce((sum, r) => sum + r.usd, 0);
    expect(team).toBeLessThanOrEqual(2.5 + 1e-9);
    expect(granted).toBe(Math.round(team * 10));
    expect(granted).toBe(25);
  });
});
