import 'server-only';
import { serverConfig } from '../config';
import { loadCatalogue } from '../models/load-catalogue';
import { createSimulator, type Simulator } from './simulator';

/**
 * The studio's in-process simulator, used when no OPENAI_API_KEY is set. One per
 * server process (kept on globalThis so dev-mode reloads do not reset its counters).
 */
const holder = globalThis as typeof globalThis & { __imageStudioSimulator?: { simulator: Simulator; key: string } };

export function builtInSimulator(): Simulator {
  const config = serverConfig();
  const catalogue = loadCatalogue();
  const key = JSON.stringify([config.simulator, catalogue.models.length, config.modelsFile]);
  if (holder.__imageStudioSimulator?.key !== key) {
    holder.__imageStudioSimulator = {
      key,
      simulator: createSimulator({
        catalogue,
        latencyMs: config.simulator.latencyMs,
        retiredModels: config.simulator.retiredModels,
        secret: process.env.SIMULATOR_SECRET,
      }),
    };
  }
  return holder.__imageStudioSimulator.simulator;
}

/** Where the in-process simulator is mounted, so its `url` results can be fetched. */
export const SIMULATOR_MOUNT = '/api/simulator/v1';
