/** The second studio of the end-to-end run, hosted for a team: password sign-in and a daily budget. */
export const TEAM_PORT = Number(process.env.E2E_PORT ?? 3100) + 1;
export const TEAM_URL = `http://127.0.0.1:${TEAM_PORT}`;
export const TEAM_PASSWORD = 'e2e team password';
export const TEAM_PERSON_DAILY_USD = 0.5;
