import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { API_ROUTES, unknownEndpointMessage } from './api-routes';

const root = path.resolve(__dirname, '../../app/api/v1');

/** Every route file under app/api/v1 as its URL path ({param} for dynamic segments) and its exported methods. */
function routeFiles(dir = root, prefix = '/api/v1'): Array<{ path: string; exported: string[] }> {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return entry.startsWith('[...') ? [] : routeFiles(full, `${prefix}/${entry.replace(/^\[(.+)\]$/, '{$1}')}`);
    if (entry !== 'route.ts') return [];
    const source = readFileSync(full, 'utf8');
    return [{ path: prefix, exported: [...source.matchAll(/export const (GET|POST|DELETE|PATCH|PUT)\b/g)].map((m) => m[1]!) }];
  });
}

test('the table of served endpoints is the route files under app/api/v1', () => {
  const files = routeFiles();
  // Dynamic segments are named for what they hold in the table ({model}, {token}); compare their shape.
  const shape = (p: string) => p.replace(/\{[^}]+\}/g, '{}');
  expect(API_ROUTES.map((r) => shape(r.path)).sort()).toEqual(files.map((f) => shape(f.path)).sort());
  for (const route of API_ROUTES) {
    const file = files.find((f) => shape(f.path) === shape(route.path))!;
    for (const method of route.methods) expect(file.exported, `${method} ${route.path}`).toContain(method);
  }
});

test('an unknown endpoint’s message names the real ones', () => {
  const message = unknownEndpointMessage('GET', '/api/v1/nope');
  expect(message).toMatch(/^Unknown endpoint GET \/api\/v1\/nope\./);
  for (const route of API_ROUTES) expect(message).toContain(route.path);
});
