/**
 * Fault injection for the simulator. Tests (and curious users of demo mode) write
 * directives into the prompt, so a fault travels through every layer unchanged:
 * the browser, the studio's proxy and the SDK all pass the prompt along.
 *
 *   sim:refuse         moderation refusal (400)
 *   sim:429[=S]        rate limited, retry after S seconds (default 1)
 *   sim:500, sim:503   upstream error
 *   sim:retired        the model is refused as retired (404 model_not_found)
 *   sim:cut[=N]        the stream is cut after N events (default 1)
 *   sim:latency=MS     wait MS milliseconds before each event
 *   sim:hang           never answer (until the client gives up)
 *   sim:hostile-svg    an SVG answer carries script, event handlers, javascript: links,
 *                      external references and <foreignObject>, as a hostile upstream might
 */
export type Faults = {
  refuse: boolean;
  rateLimitSeconds: number | null;
  serverError: 500 | 503 | null;
  retired: boolean;
  cutAfterEvents: number | null;
  latencyMs: number | null;
  hang: boolean;
  hostileSvg: boolean;
};

const DIRECTIVE = /\bsim:(refuse|429|500|503|retired|cut|latency|hang|hostile-svg)(?:=(\d+(?:\.\d+)?))?/g;

export function parseFaults(prompt: string | undefined): Faults {
  const faults: Faults = {
    refuse: false,
    rateLimitSeconds: null,
    serverError: null,
    retired: false,
    cutAfterEvents: null,
    latencyMs: null,
    hang: false,
    hostileSvg: false,
  };
  for (const match of (prompt ?? '').matchAll(DIRECTIVE)) {
    const value = match[2] === undefined ? undefined : Number(match[2]);
    switch (match[1]) {
      case 'refuse': faults.refuse = true; break;
      case '429': faults.rateLimitSeconds = value ?? 1; break;
      case '500': faults.serverError = 500; break;
      case '503': faults.serverError = 503; break;
      case 'retired': faults.retired = true; break;
      case 'cut': faults.cutAfterEvents = Math.floor(value ?? 1); break;
      case 'latency': faults.latencyMs = Math.min(value ?? 0, 600_000); break;
      case 'hang': faults.hang = true; break;
      case 'hostile-svg': faults.hostileSvg = true; break;
    }
  }
  return faults;
}

/** The directives to show people, each with its description's message key (studio.upstream.faults). */
export const FAULT_HELP = [
  ['sim:refuse', 'refuse'],
  ['sim:429=2', 'rateLimited'],
  ['sim:500', 'upstream500'],
  ['sim:retired', 'retired'],
  ['sim:cut=1', 'cut'],
  ['sim:latency=1500', 'latency'],
] as const;
