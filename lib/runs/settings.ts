/** The runs' settings, read from the environment on each call (tests vary them). */
const whole = (value: string | undefined, fallback: number, min = 1) => {
  const n = Number(value);
  return value !== undefined && value.trim() !== '' && Number.isInteger(n) && n >= min ? n : fallback;
};

export function runSettings(env: NodeJS.ProcessEnv = process.env) {
  return {
    /** Runs of one person executing at once, on all instances together. */
    perPerson: whole(env.STUDIO_RUNS_PER_PERSON, 4),
    /** Runs of the whole team executing at once. */
    team: whole(env.STUDIO_RUNS_TEAM, 16),
    /** How long an instance vouches for its runs without renewing (renewed every third of it). */
    leaseMs: whole(env.STUDIO_RUN_LEASE_MS, 30_000, 300),
  };
}

/** Most runs in one compare and in one batch. */
export const GROUP_LIMITS = { compare: 4, batch: 50 } as const;
