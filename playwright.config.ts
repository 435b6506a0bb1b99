import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { CANARY_KEY, OIDC_ADMIN_EMAIL, OIDC_CLIENT_SECRET, OIDC_ISSUER, OIDC_PORT, OIDC_PROVIDER_PORT, OIDC_URL, PORT, SIM_PORT, SIM_URL, TEAM_PASSWORD, TEAM_PERSON_DAILY_USD, TEAM_PORT } from './e2e/servers';


/** A fresh gallery for each run, so tests never see (or touch) anyone's real images. */
const DATA_DIR = process.env.E2E_DATA_DIR ?? path.join(os.tmpdir(), `image-studio-e2e-${process.pid}`);
/** Debian's Chromium where installed (no browser downloads here); Playwright's own elsewhere. */
const systemChromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

/** `npm run studio` on the simulator, with embedded storage, on `port`. */
function studio(port: number, env: Record<string, string>) {
  return {
    command: 'npm run studio',
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
    env: { PORT: String(port), HOST: '127.0.0.1', OPENAI_API_KEY: '', OPENAI_MAX_RETRIES: '0', DATABASE_URL: '', S3_BUCKET: '', ...env },
  };
}

export default defineConfig({
  testDir: './e2e',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  outputDir: 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: systemChromium,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  // Started in order: the simulator; the first studio, which builds if the build is
  // stale; the others, which find it fresh.
  webServer: [
    {
      command: `npm run simulator -- --port ${SIM_PORT} --latency 400 --api-key ${CANARY_KEY}`,
      url: `${SIM_URL}/v1/__simulator/stats`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    // The README's own command, so the suite proves it works: an open studio holding a
    // key (a recognisable fake, which the simulator requires), calling it as a gateway…
    // Every test here is the same person (open mode), two at a time: room for their runs.
    studio(PORT, { STUDIO_DATA_DIR: DATA_DIR, OPENAI_API_KEY: CANARY_KEY, OPENAI_BASE_URL: `${SIM_URL}/v1`, STUDIO_RUNS_PER_PERSON: '8' }),
    // …and one hosted for a team, with password sign-in and a daily budget, on the built-in simulator.
    studio(TEAM_PORT, {
      SIMULATOR_LATENCY_MS: '200',
      STUDIO_DATA_DIR: `${DATA_DIR}-team`,
      STUDIO_TEAM_PASSWORD: TEAM_PASSWORD,
      STUDIO_BUDGET_PERSON_DAILY_USD: String(TEAM_PERSON_DAILY_USD),
    }),
    // …and one that signs people in with the team's identity provider, a real OpenID provider on loopback.
    {
      command: `npx tsx test/support/oidc-provider-server.ts --port ${OIDC_PROVIDER_PORT} --redirect ${OIDC_URL}/api/auth/oidc/callback --secret '${OIDC_CLIENT_SECRET}'`,
      url: `${OIDC_ISSUER}/.well-known/openid-configuration`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    studio(OIDC_PORT, {
      SIMULATOR_LATENCY_MS: '200',
      STUDIO_DATA_DIR: `${DATA_DIR}-oidc`,
      STUDIO_OIDC_ISSUER: OIDC_ISSUER,
      STUDIO_OIDC_CLIENT_ID: 'image-studio',
      STUDIO_OIDC_CLIENT_SECRET: OIDC_CLIENT_SECRET,
      STUDIO_OIDC_ALLOWED_DOMAINS: 'team.example',
      STUDIO_OIDC_LABEL: 'Team SSO',
      STUDIO_ADMINS: OIDC_ADMIN_EMAIL,
    }),
  ],
});
