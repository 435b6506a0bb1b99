/**
 * The servers of the end-to-end run (playwright.config.ts starts them):
 * - the open studio (PORT), holding a recognisable fake API key and calling the
 *   simulator on its own port through OPENAI_BASE_URL, as a gateway, so that every test
 *   can check the key never reaches the browser;
 * - the simulator (SIM_PORT), which refuses any other key, as OpenAI would;
 * - a studio hosted for a team (TEAM_PORT): password sign-in and a daily budget, on the
 *   built-in simulator;
 * - an OpenID provider (OIDC_PROVIDER_PORT, test/support/oidc-provider.ts) and a studio
 *   that signs people in with it (OIDC_PORT), for team.example addresses only, with
 *   lee@team.example as its admin.
 */
export const PORT = Number(process.env.E2E_PORT ?? 3100);
export const TEAM_PORT = PORT + 1;
export const SIM_PORT = PORT + 2;
// PORT + 3 is the shutdown spec's own studio.
export const OIDC_PROVIDER_PORT = PORT + 4;
export const OIDC_PORT = PORT + 5;
export const OIDC_URL = `http://127.0.0.1:${OIDC_PORT}`;
export const OIDC_ISSUER = `http://127.0.0.1:${OIDC_PROVIDER_PORT}`;
export const OIDC_CLIENT_SECRET = 'e2e oidc client secret';
export const OIDC_ADMIN_EMAIL = 'lee@team.example';
export const TEAM_URL = `http://127.0.0.1:${TEAM_PORT}`;
export const SIM_URL = `http://127.0.0.1:${SIM_PORT}`;
export const TEAM_PASSWORD = 'e2e team password';
export const TEAM_PERSON_DAILY_USD = 0.5;
/** `npm test` sets a fresh one each run and builds with it in the environment too, so a key inlined into a bundle would show. */
export const CANARY_KEY = process.env.E2E_CANARY_KEY ?? 'sk-e2e-canary-5b1f0c7d9e3a4f6b8c2d1e0f9a8b7c6d';
