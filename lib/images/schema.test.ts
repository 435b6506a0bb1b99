import { describe, expect, test } from 'vitest';
import { BUILT_IN_CATALOGUE } from '../models/catalogue';
import { buildCatalogue } from '../models/registry';
import { issuesByParam, validateImageRequest } from './schema';

const catalogue = buildCatalogue(BUILT_IN_CATALOGUE);
const check = (body: unknown) => validateImageRequest(catalogue, 'generations', body);
const firstIssue = (body: unknown) => {
  const r = check(body);
  if (r.ok) throw new Error('expected a problem');
  return r.issues[0]!;
};

describe('generation requests', () => {
  test('accept what each model supports', () => {
    expect(check({ model: 'dall-e-3', prompt: 'A white siamese cat', n: 1, size: '1024x1024' }).ok).toBe(true);
    expect(check({ model: 'dall-e-3', prompt: 'x', quality: 'hd', style: 'natural', response_format: 'b64_json' }).ok).toBe(true);
    expect(check({ model: 'gpt-image-1', prompt: 'x', background: 'transparent', output_format: 'webp', output_compression: 50, stream: true, partial_images: 3, moderation: 'low' }).ok).toBe(true);
    expect(check({ model: 'gpt-image-2', prompt: 'x', size: '1536x864' }).ok).toBe(true);
    expect(check({ model: 'gpt-image-2-2026-04-21', prompt: 'x' }).ok).toBe(true);
    expect(check({ model: 'gpt-image-2.5-flare', prompt: 'x', quality: 'max' }).ok).toBe(true);
  });

  test('treat null as not given, as Python clients send None', () => {
    const r = check({ model: 'dall-e-2', prompt: 'x', quality: null, style: null, stream: false });
    expect(r.ok).toBe(true);
  });

  test('refuse dall-e-3 with n=2, naming n', () => {
    expect(firstIssue({ model: 'dall-e-3', prompt: 'x', n: 2 })).toMatchObject({ param: 'n', code: 'invalid_value', message: expect.stringMatching(/only accepts n = 1/) });
  });

  test('refuse style on gpt-image-1, saying which models have it', () => {
    expect(firstIssue({ model: 'gpt-image-1', prompt: 'x', style: 'vivid' })).toMatchObject({
      param: 'style',
      code: 'unknown_parameter',
      message: 'GPT Image 1 does not support style. It applies to DALL·E 3.',
    });
  });

  test('refuse a size gpt-image-2 cannot make', () => {
    expect(firstIssue({ model: 'gpt-image-2', prompt: 'x', size: '1000x1000' })).toMatchObject({ param: 'size', code: 'invalid_size', message: expect.stringMatching(/multiples of 16/) });
  });

  test('refuse a transparent background with jpeg', () => {
    expect(firstIssue({ model: 'gpt-image-1', prompt: 'x', background: 'transparent', output_format: 'jpeg' })).toMatchObject({ param: 'background', message: expect.stringMatching(/png or webp/) });
    // gpt-image-2's transparent background is a preview upstream: offered, but not with JPEG.
    expect(check({ model: 'gpt-image-2', prompt: 'x', background: 'transparent' }).ok).toBe(true);
    expect(firstIssue({ model: 'gpt-image-2', prompt: 'x', background: 'transparent', output_format: 'jpeg' })).toMatchObject({ param: 'background' });
  });

  test('refuse a prompt that is too long for the model', () => {
    expect(firstIssue({ model: 'dall-e-2', prompt: 'x'.repeat(1001) })).toMatchObject({ param: 'prompt', code: 'string_above_max_length', message: expect.stringMatching(/1,001 characters; DALL·E 2 accepts at most 1,000/) });
    expect(check({ model: 'dall-e-3', prompt: 'x'.repeat(1001) }).ok).toBe(true);
  });

  test('refuse missing or blank prompts, wrong types and unknown parameters', () => {
    expect(firstIssue({ model: 'gpt-image-1' })).toMatchObject({ param: 'prompt', message: 'A prompt is required.' });
    expect(firstIssue({ model: 'gpt-image-1', prompt: '   ' })).toMatchObject({ param: 'prompt' });
    expect(firstIssue({ model: 'gpt-image-1', prompt: 'x', n: '2' })).toMatchObject({ param: 'n' });
    expect(firstIssue({ model: 'gpt-image-1', prompt: 'x', colour: 'red' })).toMatchObject({ param: 'colour', code: 'unknown_parameter', message: 'Unknown parameter: "colour".' });
    expect(firstIssue({ model: 'gpt-image-1', prompt: 'x', response_format: 'url' })).toMatchObject({ param: 'response_format', code: 'unknown_parameter' });
    expect(firstIssue({ model: 'dall-e-2', prompt: 'x', stream: true })).toMatchObject({ param: 'stream', code: 'unknown_parameter' });
    expect(firstIssue({ model: 'gpt-image-1', prompt: 'x', output_format: 'png', output_compression: 50 })).toMatchObject({ param: 'output_compression' });
    expect(firstIssue({ model: 'gpt-image-1', prompt: 'x', quality: 'hd' })).toMatchObject({ param: 'quality', message: expect.stringMatching(/low, medium, high, auto/) });
  });

  test('refuse unknown models and models without the endpoint', () => {
    expect(firstIssue({ model: 'dall-e-4', prompt: 'x' })).toMatchObject({ param: 'model', code: 'model_not_found' });
    expect(firstIssue({ model: 42, prompt: 'x' })).toMatchObject({ param: 'model', code: 'invalid_type' });
    expect(validateImageRequest(catalogue, 'variations', { model: 'gpt-image-1' })).toMatchObject({ ok: false, issues: [{ param: 'model', message: expect.stringMatching(/does not offer variations/) }] });
    expect(firstIssue([1, 2])).toMatchObject({ param: null, code: 'invalid_type' });
  });

  test('report every problem at once, by parameter, for the form', () => {
    const r = check({ model: 'dall-e-3', prompt: '', n: 3, size: '256x256', style: 'loud' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(issuesByParam(r.issues)).sort()).toEqual(['n', 'prompt', 'size', 'style']);
  });
});
