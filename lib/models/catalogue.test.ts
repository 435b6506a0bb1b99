import { describe, expect, test } from 'vitest';
import { createdSeconds } from './availability';
import { BUILT_IN_CATALOGUE } from './catalogue';
import { buildCatalogue, CatalogueError, describeModels, findModel, modelsFor, resolveModelName } from './registry';
import { isExperimentalSize, resolveDimensions, sizeProblem } from './sizes';

const catalogue = buildCatalogue(BUILT_IN_CATALOGUE);

describe('built-in catalogue', () => {
  test('offers every model the studio promises, with dated prices', () => {
    const ids = catalogue.models.map((m) => m.id);
    expect(ids).toEqual(['dall-e-2', 'dall-e-3', 'gpt-image-1', 'gpt-image-1-mini', 'gpt-image-1.5', 'chatgpt-image-latest', 'gpt-image-2', 'gpt-image-2.5-sunburst', 'gpt-image-2.5-flare', 'gpt-image-2.6-sunburst', 'gpt-image-2.6-flare']);
    for (const model of catalogue.models) expect(model.price.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  test('GPT Image 2.6: complexity low, medium or high (high when omitted) on generations and edits, only there; its dated names resolve', () => {
    for (const id of ['gpt-image-2.6-sunburst', 'gpt-image-2.6-flare']) {
      const model = findModel(catalogue, id)!;
      for (const endpoint of ['generations', 'edits'] as const) expect(model.endpoints[endpoint]!.options.complexity, `${id} ${endpoint}`).toEqual({ kind: 'enum', values: ['low', 'medium', 'high'], default: 'high' });
      expect(model.endpoints.edits!.inputs!.markup).toBe(true);
      expect(findModel(catalogue, `${id}-2026-11-04`)?.id).toBe(id);
    }
    const others = catalogue.models.filter((m) => !m.id.startsWith('gpt-image-2.6'));
    for (const model of others) for (const spec of Object.values(model.endpoints)) expect(spec?.options.complexity, model.id).toBeUndefined();
  });

  test('every model has a dated creation, with its source', () => {
    for (const model of catalogue.models) {
      expect(model.created?.date, model.id).toMatch(/^20\d{2}-\d{2}-\d{2}$/);
      expect(model.created?.source, model.id).toBeTruthy();
    }
    expect(createdSeconds(findModel(catalogue, 'gpt-image-2')!)).toBe(Date.UTC(2026, 3, 21) / 1000);
  });

  test('follows the current spec: chatgpt-image-latest edits; gpt-image-2 takes a transparent background, marked preview', () => {
    expect(findModel(catalogue, 'chatgpt-image-latest')!.endpoints.edits!.inputs!.maxImages).toBe(16);
    const background = findModel(catalogue, 'gpt-image-2')!.endpoints.edits!.options.background!;
    expect(background).toMatchObject({ kind: 'enum', values: ['transparent', 'opaque', 'auto'], preview: ['transparent'] });
    expect(findModel(catalogue, 'gpt-image-2.5-flare-2026-09-08')!.id).toBe('gpt-image-2.5-flare');
  });

  test('knows the limits of each model', () => {
    const dalle3 = findModel(catalogue, 'dall-e-3')!.endpoints.generations!;
    expect(dalle3.options.n).toEqual({ kind: 'int', min: 1, max: 1, default: 1 });
    expect(dalle3.promptMaxLength).toBe(4000);
    expect(dalle3.returnsRevisedPrompt).toBe(true);
    expect(findModel(catalogue, 'dall-e-2')!.endpoints.variations).toBeDefined();
    expect(findModel(catalogue, 'dall-e-3')!.endpoints.edits).toBeUndefined();
    const gpt1 = findModel(catalogue, 'gpt-image-1')!;
    expect(gpt1.endpoints.edits!.inputs!.maxImages).toBe(16);
    expect(gpt1.endpoints.generations!.options.response_format).toBeUndefined();
    expect(findModel(catalogue, 'gpt-image-1-mini')!.endpoints.edits!.options.input_fidelity).toMatchObject({ values: ['low'] });
    expect(findModel(catalogue, 'gpt-image-2')!.endpoints.edits!.options.input_fidelity).toBeUndefined();
    expect(findModel(catalogue, 'gpt-image-2.5-flare')!.endpoints.generations!.options.quality).toMatchObject({ values: expect.arrayContaining(['xhigh', 'max']) });
    expect(findModel(catalogue, 'gpt-image-2.5-sunburst')!.endpoints.edits!.inputs!.markup).toBe(true);
  });

  test('marks retired models with their date', () => {
    expect(findModel(catalogue, 'dall-e-2')!.retired?.date).toBe('2026-05-12');
    expect(findModel(catalogue, 'gpt-image-1')!.retired?.date).toBe('2026-10-23');
    expect(findModel(catalogue, 'gpt-image-1.5')!.retired).toBeNull();
  });

  test('resolves dated snapshots to their model', () => {
    expect(findModel(catalogue, 'gpt-image-2-2026-04-21')?.id).toBe('gpt-image-2');
  });

  test('defaults the model as the wire API does', () => {
    expect(resolveModelName(catalogue, 'generations', { prompt: 'x' })).toBe('dall-e-2');
    expect(resolveModelName(catalogue, 'generations', { prompt: 'x', output_format: 'webp' })).toBe('gpt-image-1');
    expect(resolveModelName(catalogue, 'edits', {})).toBe('gpt-image-1.5');
    expect(resolveModelName(catalogue, 'generations', { model: 'dall-e-3' })).toBe('dall-e-3');
  });
});

describe('overrides', () => {
  test('change one field of an existing model and keep the rest', () => {
    const c = buildCatalogue(BUILT_IN_CATALOGUE, { models: [{ id: 'gpt-image-1.5', price: { asOf: '2026-12-01', perMillionTokens: { textIn: 1, imageIn: 1, imageOut: 20 } } }] });
    const m = findModel(c, 'gpt-image-1.5')!;
    expect(m.price.asOf).toBe('2026-12-01');
    expect(m.price.perMillionTokens?.imageOut).toBe(20);
    expect(m.price.outputTokens?.high?.['1024x1024']).toBe(4160);
    expect(m.endpoints.generations!.options.quality).toBeDefined();
  });

  test('remove an option with null and add a whole new model', () => {
    const gen = structuredClone(findModel(catalogue, 'gpt-image-2')!);
    const c = buildCatalogue(BUILT_IN_CATALOGUE, {
      models: [
        { id: 'gpt-image-1', endpoints: { generations: { options: { moderation: null } } } },
        { ...gen, id: 'gpt-image-3', label: 'GPT Image 3', aliases: [] },
      ],
      defaults: { edits: 'gpt-image-3' },
    });
    expect(findModel(c, 'gpt-image-1')!.endpoints.generations!.options.moderation).toBeUndefined();
    expect(findModel(c, 'gpt-image-3')?.label).toBe('GPT Image 3');
    expect(c.defaults.edits).toBe('gpt-image-3');
  });

  test('refuse an incomplete new model or a clashing name, saying where', () => {
    expect(() => buildCatalogue(BUILT_IN_CATALOGUE, { models: [{ id: 'new-model', label: 'x' }] })).toThrow(CatalogueError);
    expect(() => buildCatalogue(BUILT_IN_CATALOGUE, { models: [{ id: 'gpt-image-1', aliases: ['gpt-image-2'] }] })).toThrow(/used twice/);
    expect(() => buildCatalogue(BUILT_IN_CATALOGUE, { defaults: { variations: 'gpt-image-1' } })).toThrow(/does not offer variations/);
  });
});

describe('size rules', () => {
  const gpt2 = findModel(catalogue, 'gpt-image-2')!.endpoints.generations!.sizes;
  const dalle3 = findModel(catalogue, 'dall-e-3')!.endpoints.generations!.sizes;

  test('fixed lists accept only their sizes', () => {
    expect(sizeProblem(dalle3, '1792x1024')).toBeNull();
    expect(sizeProblem(dalle3, '1536x1024')).toMatch(/one of 1024x1024, 1792x1024, 1024x1792/);
    expect(sizeProblem(dalle3, 'auto')).toMatch(/not available/);
  });

  test('gpt-image-2 takes any WIDTHxHEIGHT within its rule', () => {
    expect(sizeProblem(gpt2, '1536x864')).toBeNull();
    expect(sizeProblem(gpt2, '3840x2160')).toBeNull();
    expect(sizeProblem(gpt2, 'auto')).toBeNull();
    expect(sizeProblem(gpt2, '1000x1000')).toMatch(/multiples of 16/);
    expect(sizeProblem(gpt2, '4096x1024')).toMatch(/exceed 3840/);
    expect(sizeProblem(gpt2, '3840x3840')).toMatch(/pixels/);
    expect(sizeProblem(gpt2, '3072x512')).toMatch(/aspect ratio/);
    expect(sizeProblem(gpt2, 'big')).toMatch(/WIDTHxHEIGHT/);
    expect(isExperimentalSize(gpt2, '3840x2160')).toBe(true);
    expect(isExperimentalSize(gpt2, '2560x1440')).toBe(false);
  });

  test('auto resolves to the first preset', () => {
    expect(resolveDimensions(gpt2, 'auto')).toEqual({ width: 1024, height: 1024 });
    expect(resolveDimensions(dalle3, undefined)).toEqual({ width: 1024, height: 1024 });
    expect(resolveDimensions(gpt2, '1536x864')).toEqual({ width: 1536, height: 864 });
  });
});

test('describes a set of models briefly', () => {
  const gen = modelsFor(catalogue, 'generations');
  expect(describeModels(catalogue, 'generations', gen.filter((m) => m.family === 'gpt-image'))).toEqual({ names: 'GPT image models', verb: 'do' });
  expect(describeModels(catalogue, 'generations', [findModel(catalogue, 'dall-e-3')!])).toEqual({ names: 'DALL·E 3', verb: 'does' });
  expect(describeModels(catalogue, 'generations', gen.slice(2, 7)).names).toBe('GPT Image 1, GPT Image 1 mini, GPT Image 1.5 and 2 more');
});
