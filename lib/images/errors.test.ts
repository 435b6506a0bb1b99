import OpenAI from 'openai';
import { afterEach, expect, test } from 'vitest';
import { errorResponse, fromUpstream, redact, StudioError } from './errors';

const apiError = (status: number, error: Record<string, unknown>, headers: Record<string, string> = {}) =>
  OpenAI.APIError.generate(status, { error }, undefined, new Headers(headers));

afterEach(() => {
  delete process.env.OPENAI_API_KEY;
});

test('a rate limit says when to retry and passes retry-after on', () => {
  const e = fromUpstream(apiError(429, { message: 'Rate limit', code: 'rate_limit_exceeded' }, { 'retry-after': '12' }));
  expect(e.status).toBe(429);
  expect(e.body.message).toBe('The image service is rate limiting the studio. Try again in 12 seconds.');
  expect(e.headers['retry-after']).toBe('12');
  expect(fromUpstream(apiError(429, { code: 'insufficient_quota', message: 'quota' })).body.message).toMatch(/out of credit/);
});

test('refusals, retired models and outages become actionable messages', () => {
  expect(fromUpstream(apiError(400, { code: 'moderation_blocked', message: 'safety' })).body).toMatchObject({ code: 'moderation_blocked', message: expect.stringMatching(/Rephrase the prompt/) });
  expect(fromUpstream(apiError(404, { code: 'model_not_found', message: 'The model `dall-e-3` does not exist' }), 'dall-e-3')).toMatchObject({ status: 404, body: { param: 'model', message: expect.stringMatching(/"dall-e-3".*retired.*Choose another model/) } });
  expect(fromUpstream(apiError(503, { message: 'overloaded: internal shard 7 at 10.2.3.4' }))).toMatchObject({ status: 502, body: { message: expect.not.stringMatching(/10\.2\.3\.4/) } });
  expect(fromUpstream(new OpenAI.APIConnectionTimeoutError())).toMatchObject({ status: 504 });
  expect(fromUpstream(new OpenAI.APIConnectionError({ message: 'ECONNREFUSED' }))).toMatchObject({ status: 502, body: { code: 'upstream_unreachable' } });
  expect(fromUpstream(new TypeError('terminated'))).toMatchObject({ body: { code: 'stream_interrupted' } });
});

test('an upstream 401 never echoes the key or its masked form', async () => {
  process.env.OPENAI_API_KEY = 'sk-proj-SECRETSECRET1234';
  const e = fromUpstream(apiError(401, { code: 'invalid_api_key', message: 'Incorrect API key provided: sk-proj-****1234.' }));
  expect(e.status).toBe(502);
  expect(e.body.message).not.toMatch(/sk-|1234/);
  const res = errorResponse(new Error(`boom with ${process.env.OPENAI_API_KEY}`));
  const text = await res.text();
  expect(res.status).toBe(500);
  expect(text).not.toContain('SECRETSECRET');
});

test('redact removes the configured key and key-shaped strings', () => {
  process.env.OPENAI_API_KEY = 'custom-gateway-key-value';
  expect(redact('key custom-gateway-key-value and sk-abcdefgh12345 here')).toBe('key [redacted] and [redacted] here');
});

test('other 4xx describe the request and keep their param', () => {
  expect(fromUpstream(apiError(400, { code: 'invalid_size', param: 'size', message: 'Invalid size 1000x1000.' }))).toMatchObject({ status: 400, body: { param: 'size', code: 'invalid_size', message: 'Invalid size 1000x1000.' } });
});

test('a StudioError from another copy of this module is still recognised (production bundles may hold two)', async () => {
  const { vi } = await import('vitest');
  vi.resetModules();
  const copy: string = './errors?copy';
  const other = (await import(/* @vite-ignore */ copy)) as typeof import('./errors');
  expect(other.StudioError).not.toBe(StudioError);
  const foreign = new other.StudioError(429, { message: 'later', type: 'rate_limit_error', param: null, code: 'budget_exceeded' });
  expect(foreign).toBeInstanceOf(StudioError);
  expect(errorResponse(foreign).status).toBe(429);
  expect(new Error('plain')).not.toBeInstanceOf(StudioError);
});
