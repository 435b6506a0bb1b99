import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { DOOR_SECRET_ENV } from './front-door.mjs';
import { clientAddress, originFromHeaders } from './request-facts';

/**
 * The app believes the front door's answers only when they carry this process's secret:
 * headers a client adds itself (without the door in front) count for nothing.
 */
afterEach(() => {
  delete process.env[DOOR_SECRET_ENV];
  delete process.env.STUDIO_PUBLIC_URL;
});

const claimed = { 'x-studio-client-address': '6.6.6.6', 'x-studio-origin': 'https://evil.example', 'x-forwarded-for': '6.6.6.6', 'x-forwarded-host': 'evil.example', host: 'studio.example:3000' };

test('without the door, a client’s claims are ignored: the address is unknown, the origin is Host’s', () => {
  const headers = new Headers({ ...claimed, 'x-studio-front-door': 'guess' });
  expect(clientAddress(headers)).toBe('unknown');
  expect(originFromHeaders(headers)).toBe('http://studio.example:3000');
  process.env[DOOR_SECRET_ENV] = 'the real secret';
  expect(clientAddress(headers)).toBe('unknown');
});

test('through the door (its secret), its answers count; STUDIO_PUBLIC_URL wins for the origin', () => {
  process.env[DOOR_SECRET_ENV] = 'the real secret';
  const headers = new Headers({ 'x-studio-front-door': 'the real secret', 'x-studio-client-address': '203.0.113.9', 'x-studio-origin': 'https://studio.team.example', host: 'x' });
  expect(clientAddress(headers)).toBe('203.0.113.9');
  expect(originFromHeaders(headers)).toBe('https://studio.team.example');
  process.env.STUDIO_PUBLIC_URL = 'https://images.example.com/';
  expect(originFromHeaders(headers)).toBe('https://images.example.com');
});

test('the production server refuses to start with a STUDIO_TRUSTED_PROXIES it cannot read', () => {
  const root = path.resolve(__dirname, '../..');
  const run = spawnSync(process.execPath, [path.join(root, 'scripts/serve.mjs')], { env: { ...process.env, STUDIO_TRUSTED_PROXIES: 'the proxy', PORT: '0' }, encoding: 'utf8', timeout: 20_000 });
  expect(run.status).toBe(1);
  expect(run.stderr).toMatch(/STUDIO_TRUSTED_PROXIES: "the proxy" is not an address/);
});
