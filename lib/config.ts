import 'server-only';

/**
 * Server settings, read from the environment on each call so tests can vary them.
 * Nothing here may reach the browser: the API key in particular is only ever handed
 * to the upstream SDK client.
 */
export type UpstreamMode = 'simulator' | 'openai' | 'gateway';

const num = (value: string | undefined, fallback: number) => {
  const n = value === undefined || value === '' ? Number.NaN : Number(value);
  return Number.isFinite(n) ? n : fallback;
};

const optionalNumber = (value: string | undefined) => {
  const n = num(value, Number.NaN);
  return Number.isFinite(n) && n >= 0 ? n : null;
};

export function serverConfig() {
  const env = process.env;
  const apiKey = env.OPENAI_API_KEY?.trim() || undefined;
  const baseURL = env.OPENAI_BASE_URL?.trim() || undefined;
  const mode: UpstreamMode = !apiKey ? 'simulator' : baseURL ? 'gateway' : 'openai';
  return {
    apiKey,
    baseURL,
    mode,
    /** SDK retries on connection errors, 408, 409, 429 and 5xx. */
    maxRetries: num(env.OPENAI_MAX_RETRIES, 2),
    timeoutMs: num(env.OPENAI_TIMEOUT_MS, 10 * 60 * 1000),
    /** A rate limit asking for a longer wait than this is answered at once instead of retried. */
    maxRetryWaitMs: num(env.STUDIO_MAX_RETRY_WAIT_MS, 5000),
    /** Comment lines sent on an idle event stream so proxies keep it open. */
    heartbeatMs: num(env.STUDIO_HEARTBEAT_MS, 15_000),
    /** JSON bodies larger than this are refused with 413. */
    maxJsonBytes: num(env.STUDIO_MAX_JSON_BYTES, 1024 * 1024),
    modelsFile: env.STUDIO_MODELS_FILE?.trim() || undefined,
    /** The origin clients use, when the server sits behind a proxy that rewrites Host. */
    publicUrl: env.STUDIO_PUBLIC_URL?.trim().replace(/\/+$/, '') || undefined,
    /** Budgets and rate limits, enforced in the database for every instance (unset: none). */
    limits: {
      personDailyUsd: optionalNumber(env.STUDIO_BUDGET_PERSON_DAILY_USD),
      teamDailyUsd: optionalNumber(env.STUDIO_BUDGET_TEAM_DAILY_USD),
      personPerMinute: optionalNumber(env.STUDIO_RATE_PERSON_PER_MINUTE),
    },
    simulator: {
      latencyMs: num(env.SIMULATOR_LATENCY_MS, 250),
      retiredModels: (env.SIMULATOR_RETIRED_MODELS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    },
  };
}

export type ServerConfig = ReturnType<typeof serverConfig>;
