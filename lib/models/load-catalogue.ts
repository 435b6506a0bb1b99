import { readFileSync, statSync } from 'node:fs';
import { BUILT_IN_CATALOGUE } from './catalogue';
import { buildCatalogue, CatalogueError, type CatalogueOverride } from './registry';
import type { Catalogue } from './types';

/**
 * The catalogue this deployment offers: the built-in table plus the JSON file named by
 * STUDIO_MODELS_FILE, if any. Re-read when the file changes, so new models need no
 * code change and no restart.
 */
let cached: { key: string; catalogue: Catalogue } | null = null;

export function loadCatalogue(): Catalogue {
  const file = process.env.STUDIO_MODELS_FILE?.trim() || undefined;
  let key = '';
  if (file) {
    try {
      // A deployment's own file, read at run time: not part of the build's traced output.
      key = `${file}@${statSync(/*turbopackIgnore: true*/ file).mtimeMs}`;
    } catch {
      throw new CatalogueError(`STUDIO_MODELS_FILE names ${file}, which cannot be read.`);
    }
  }
  if (cached?.key === key) return cached.catalogue;
  let override: CatalogueOverride | undefined;
  if (file) {
    try {
      override = JSON.parse(readFileSync(/*turbopackIgnore: true*/ file, 'utf8')) as CatalogueOverride;
    } catch (error) {
      throw new CatalogueError(`STUDIO_MODELS_FILE (${file}) is not valid JSON: ${(error as Error).message}`);
    }
  }
  const catalogue = buildCatalogue(BUILT_IN_CATALOGUE, override);
  cached = { key, catalogue };
  return catalogue;
}
