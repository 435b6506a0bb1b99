import { catalogueSchema, type Catalogue, type CatalogueInput, type Endpoint, type ModelSpec } from './types';

/**
 * Pure operations on a catalogue: merging a deployment's overrides into the built-in
 * table and looking models up. No I/O here, so the browser uses the same code.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Deep merge where objects merge key by key, arrays and scalars replace, and `null` deletes. */
function deepMerge(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null && key !== 'retired') delete out[key];
    else out[key] = deepMerge(base[key], value);
  }
  return out;
}

export type CatalogueOverride = {
  models?: Array<Partial<Record<string, Json>> & { id: string }>;
  defaults?: Partial<CatalogueInput['defaults']>;
};

export class CatalogueError extends Error {}

/**
 * Applies an override: an entry whose id (or alias) exists is merged into it, so a
 * deployment can change one price or drop one option; a new id adds a model and must
 * be complete. The result is validated as a whole.
 */
export function buildCatalogue(base: CatalogueInput, override?: CatalogueOverride): Catalogue {
  const models = [...base.models] as unknown[];
  for (const entry of override?.models ?? []) {
    const index = models.findIndex((m) => isPlainObject(m) && m.id === entry.id);
    if (index >= 0) models[index] = deepMerge(models[index], entry);
    else models.push(entry);
  }
  const parsed = catalogueSchema.safeParse({
    models,
    defaults: { ...base.defaults, ...override?.defaults },
  });
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const path = [...(first?.path ?? [])];
    // Name the model by its id rather than its position in the merged list.
    let where = path.join('.') || '(root)';
    if (path[0] === 'models' && typeof path[1] === 'number') {
      const entry = models[path[1]];
      const id = isPlainObject(entry) && typeof entry.id === 'string' ? entry.id : `#${path[1]}`;
      where = [`model "${id}"`, ...path.slice(2)].join('.');
    }
    throw new CatalogueError(`Invalid model catalogue at ${where}: ${first?.message}`);
  }
  const catalogue = parsed.data;
  const ids = new Set<string>();
  for (const model of catalogue.models) {
    for (const name of [model.id, ...model.aliases]) {
      if (ids.has(name)) throw new CatalogueError(`Invalid model catalogue: the name "${name}" is used twice.`);
      ids.add(name);
    }
  }
  for (const [endpoint, id] of Object.entries(catalogue.defaults)) {
    const model = findModel(catalogue, id);
    const ep = endpoint === 'generationsGptImage' ? 'generations' : (endpoint as Endpoint);
    if (!model?.endpoints[ep]) throw new CatalogueError(`Invalid model catalogue: default "${id}" does not offer ${ep}.`);
  }
  return catalogue;
}

export function findModel(catalogue: Catalogue, name: string): ModelSpec | undefined {
  return catalogue.models.find((m) => m.id === name || m.aliases.includes(name));
}

/** Models that offer an endpoint, in catalogue order. */
export function modelsFor(catalogue: Catalogue, endpoint: Endpoint): ModelSpec[] {
  return catalogue.models.filter((m) => m.endpoints[endpoint]);
}

/** Parameters that exist only on GPT image models: using one selects that family. */
export const GPT_IMAGE_ONLY_PARAMS = ['background', 'moderation', 'output_compression', 'output_format', 'partial_images', 'stream'];

/**
 * The model a request means: the one it names, or the wire API's default for the
 * endpoint (DALL·E 2 for generations unless a GPT-image-only parameter is present).
 */
export function resolveModelName(catalogue: Catalogue, endpoint: Endpoint, body: Record<string, unknown>): string {
  if (typeof body.model === 'string' && body.model.length > 0) return body.model;
  if (endpoint === 'generations') {
    const usesGptOnly = GPT_IMAGE_ONLY_PARAMS.some((p) => body[p] !== undefined && body[p] !== null);
    return usesGptOnly ? catalogue.defaults.generationsGptImage : catalogue.defaults.generations;
  }
  return catalogue.defaults[endpoint];
}

const FAMILY_NAMES: Record<ModelSpec['family'], string> = { 'dall-e': 'DALL·E models', 'gpt-image': 'GPT image models' };

/**
 * Names a set of models briefly: "GPT image models" when it is a whole family (of those
 * offering the endpoint), else up to three names. With the verb that agrees with it.
 */
export function describeModels(catalogue: Catalogue, endpoint: Endpoint, owners: ModelSpec[]): { names: string; verb: 'do' | 'does' } {
  const family = owners[0]?.family;
  const wholeFamily = family && owners.length > 1 && owners.every((m) => m.family === family) && modelsFor(catalogue, endpoint).filter((m) => m.family === family).length === owners.length;
  if (wholeFamily) return { names: FAMILY_NAMES[family], verb: 'do' };
  const labels = owners.map((m) => m.label);
  const names = labels.length <= 3 ? labels.join(', ') : `${labels.slice(0, 3).join(', ')} and ${labels.length - 3} more`;
  return { names, verb: owners.length === 1 ? 'does' : 'do' };
}
