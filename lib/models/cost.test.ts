import { expect, test } from 'vitest';
import { BUILT_IN_CATALOGUE } from './catalogue';
import { costFromUsage, estimateCost, formatUsd } from './cost';
import { buildCatalogue, findModel } from './registry';

const catalogue = buildCatalogue(BUILT_IN_CATALOGUE);
const model = (id: string) => findModel(catalogue, id)!;

test('DALL·E is priced per image by quality and size', () => {
  expect(estimateCost(model('dall-e-3'), 'generations', { size: '1792x1024', quality: 'hd' })?.usd).toBe(0.12);
  expect(estimateCost(model('dall-e-3'), 'generations', {})?.usd).toBe(0.04);
  expect(estimateCost(model('dall-e-2'), 'generations', { size: '256x256', n: 4 })?.usd).toBe(0.064);
});

test('GPT image models are priced by output tokens, with partial images and prompt', () => {
  // gpt-image-1 high 1024x1024: 4160 tokens at $40 per 1M = $0.1664 per image.
  const e = estimateCost(model('gpt-image-1'), 'generations', { size: '1024x1024', quality: 'high', n: 2 })!;
  expect(e.perImageUsd).toBeCloseTo(0.1664, 6);
  expect(e.usd).toBeCloseTo(0.3328, 6);
  const streamed = estimateCost(model('gpt-image-1'), 'generations', { size: '1024x1024', quality: 'low', stream: true, partial_images: 3, prompt: 'x'.repeat(400) })!;
  // (272 + 3*100) * 40e-6 + 100 text tokens * 5e-6
  expect(streamed.usd).toBeCloseTo(0.02288 + 0.0005, 6);
  const auto = estimateCost(model('gpt-image-1-mini'), 'generations', {})!;
  expect(auto.notes).toContainEqual({ key: 'autoQuality' });
});

test('custom sizes scale by area and unconfirmed prices say so', () => {
  const e = estimateCost(model('gpt-image-2'), 'generations', { size: '2048x2048', quality: 'medium' })!;
  expect(e.perImageUsd).toBeCloseTo((1056 * 4 * 30) / 1e6, 6);
  expect(e.confirmed).toBe(false);
});

test('actual cost comes from usage', () => {
  const usd = costFromUsage(model('gpt-image-1'), { input_tokens: 50, input_tokens_details: { text_tokens: 10, image_tokens: 40 }, output_tokens: 4160 });
  expect(usd).toBeCloseTo((10 * 5 + 40 * 10 + 4160 * 40) / 1e6, 6);
  expect(costFromUsage(model('dall-e-3'), { output_tokens: 1 })).toBeNull();
  expect(formatUsd(0.1664)).toBe('$0.166');
  expect(formatUsd(0.004)).toBe('$0.0040');
});

test('input images are counted in 512-pixel tiles after scaling, as OpenAI counts them', async () => {
  const { inputImageTokens } = await import('./cost');
  expect(inputImageTokens(1024, 1024)).toBe(85 + 170 * 4);
  expect(inputImageTokens(4096, 2048)).toBe(85 + 170 * 6);
  expect(inputImageTokens(256, 256)).toBe(85 + 170);
});

test('complexity scales the image tokens of the estimate by the catalogue\'s factor; omitted, it is high', () => {
  const at = (complexity?: string) => estimateCost(model('gpt-image-2.6-flare'), 'generations', { size: '1024x1024', quality: 'medium', ...(complexity ? { complexity } : {}) })!;
  // medium at 1024x1024: 1056 image tokens at $30 per 1M, times the factor.
  expect(at().usd).toBeCloseTo((1056 * 30) / 1e6, 6);
  expect(at('high').usd).toBe(at().usd);
  expect(at('medium').usd).toBeCloseTo((Math.round(1056 * 0.8) * 30) / 1e6, 6);
  expect(at('low').usd).toBeCloseTo((Math.round(1056 * 0.6) * 30) / 1e6, 6);
  // Models without complexity ignore it.
  expect(estimateCost(model('gpt-image-2.5-flare'), 'generations', { size: '1024x1024', quality: 'medium', complexity: 'low' })!.usd).toBeCloseTo((1056 * 30) / 1e6, 6);
});
