import { expect, test } from 'vitest';
import { validateImageRequest } from '@/lib/images/schema';
import { BUILT_IN_CATALOGUE } from '@/lib/models/catalogue';
import { buildCatalogue, findModel } from '@/lib/models/registry';
import { generationBody, initialForm, restoreForm, valuesForModel } from './form';

const catalogue = buildCatalogue(BUILT_IN_CATALOGUE);

test('starts on the flagship GPT image model with its defaults, streaming two partials', () => {
  const form = initialForm(catalogue);
  expect(form.modelId).toBe('gpt-image-1.5');
  const body = generationBody(catalogue, { ...form, prompt: 'otter' });
  expect(body).toMatchObject({ model: 'gpt-image-1.5', prompt: 'otter', stream: true, partial_images: 2, quality: 'auto', size: 'auto', output_format: 'png' });
  expect(body).not.toHaveProperty('output_compression');
  expect(validateImageRequest(catalogue, 'generations', body).ok).toBe(true);
});

test('switching model keeps values that still fit and resets the rest', () => {
  const gpt = initialForm(catalogue);
  const values = valuesForModel(findModel(catalogue, 'dall-e-3')!, { ...gpt.values, quality: 'high', n: 1, size: '1536x1024' });
  expect(values).toMatchObject({ quality: 'standard', style: 'vivid', n: 1, size: '1024x1024' });
  const body = generationBody(catalogue, { modelId: 'dall-e-3', prompt: 'cat', values, stream: true });
  expect(body).toEqual({ model: 'dall-e-3', prompt: 'cat', n: 1, quality: 'standard', style: 'vivid', size: '1024x1024', response_format: 'b64_json' });
  expect(validateImageRequest(catalogue, 'generations', body).ok).toBe(true);
});

test('sends compression only for lossy formats and no stream when switched off', () => {
  const form = initialForm(catalogue, { model: 'gpt-image-1' });
  const body = generationBody(catalogue, { ...form, prompt: 'x', stream: false, values: { ...form.values, output_format: 'jpeg', output_compression: 60 } });
  expect(body).toMatchObject({ output_format: 'jpeg', output_compression: 60 });
  expect(body).not.toHaveProperty('stream');
  expect(body).not.toHaveProperty('partial_images');
});

test('a remix starts from the saved model, prompt and options', () => {
  const form = initialForm(catalogue, { model: 'dall-e-3', prompt: 'a cat', options: { quality: 'hd', style: 'natural', size: '1792x1024', response_format: 'url' } });
  expect(form).toMatchObject({ modelId: 'dall-e-3', prompt: 'a cat', values: { quality: 'hd', style: 'natural', size: '1792x1024' } });
  expect(form.values).not.toHaveProperty('response_format');
});

test('a saved draft comes back only as far as the catalogue still allows', () => {
  const draft = restoreForm(catalogue, { modelId: 'gpt-image-1', prompt: 'a kite', values: { quality: 'low', size: '1536x1024', style: 'vivid' }, stream: false });
  expect(draft).toMatchObject({ modelId: 'gpt-image-1', prompt: 'a kite', stream: false, values: { quality: 'low', size: '1536x1024' } });
  expect(draft!.values.style).toBeUndefined();
  expect(restoreForm(catalogue, { modelId: 'gpt-image-1', values: { quality: 'ultra' } })!.values.quality).toBe('auto');
  expect(restoreForm(catalogue, { modelId: 'no-such-model', prompt: 'x' })).toBeNull();
  expect(restoreForm(catalogue, 'garbage')).toBeNull();
});

test('compare makes one valid body per model (each keeping what fits it), or per quality of one model', async () => {
  const { compareBodies, compareChoices } = await import('./form');
  const form = { ...initialForm(catalogue), modelId: 'gpt-image-1', prompt: 'a fox', values: { quality: 'low', size: '1024x1024' } };
  const bodies = compareBodies(catalogue, form, 'model', ['gpt-image-1', 'dall-e-3', 'dall-e-2', 'gpt-image-1.5', 'gpt-image-1-mini']);
  expect(bodies).toHaveLength(4);
  expect(bodies.map((b) => b.model)).toEqual(['gpt-image-1', 'dall-e-3', 'dall-e-2', 'gpt-image-1.5']);
  expect(bodies[1]).toMatchObject({ model: 'dall-e-3', prompt: 'a fox', quality: 'standard' });
  for (const body of bodies) expect(validateImageRequest(catalogue, 'generations', body).ok).toBe(true);
  expect(compareChoices(catalogue, form, 'quality')).toEqual(expect.arrayContaining(['low', 'medium', 'high']));
  expect(compareBodies(catalogue, form, 'quality', ['low', 'high']).map((b) => b.quality)).toEqual(['low', 'high']);
});

test('a batch is its non-blank lines', async () => {
  const { batchPrompts } = await import('./form');
  expect(batchPrompts(' a fox \n\n  a hen\n')).toEqual(['a fox', 'a hen']);
});
