import { describe, expect, test } from 'vitest';
import { parseTrustedProxies, resolveRequestFacts } from './front-door.mjs';

const facts = (trust: string | undefined, remoteAddress: string, headers: Record<string, string>) =>
  resolveRequestFacts({ remoteAddress, headers: { host: 'studio.example', ...headers } }, parseTrustedProxies(trust));

describe('without trusted proxies', () => {
  test('the address is the connection’s and the origin the request’s own, whatever the client sends', () => {
    const f = facts(undefined, '::ffff:198.51.100.7', { 'x-forwarded-for': '10.0.0.1', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' });
    expect(f).toMatchObject({ clientAddress: '198.51.100.7', origin: 'http://studio.example', trusted: 0 });
  });

  test('a Host that is not a host name gives no origin', () => {
    expect(facts(undefined, '127.0.0.1', { host: 'evil.example/path' }).origin).toBeNull();
    expect(facts(undefined, '127.0.0.1', { host: '[::1]:3000' }).origin).toBe('http://[::1]:3000');
  });
});

describe('a number of hops', () => {
  test('one hop: the address the proxy appended, and its host and scheme', () => {
    const f = facts('1', '10.0.0.2', { 'x-forwarded-for': '6.6.6.6, 203.0.113.9', 'x-forwarded-host': 'studio.team.example', 'x-forwarded-proto': 'https' });
    expect(f).toMatchObject({ clientAddress: '203.0.113.9', origin: 'https://studio.team.example', trusted: 1 });
  });

  test('two hops: the outer proxy saw the client', () => {
    const f = facts('2', '10.0.0.2', { 'x-forwarded-for': '6.6.6.6, 203.0.113.9, 10.0.0.3', 'x-forwarded-proto': 'http, https, http' });
    expect(f).toMatchObject({ clientAddress: '203.0.113.9', proto: 'https' });
  });

  test('a request with fewer hops than configured falls back to what there is', () => {
    expect(facts('3', '10.0.0.2', {}).clientAddress).toBe('10.0.0.2');
    expect(facts('3', '10.0.0.2', { 'x-forwarded-for': '203.0.113.9' }).clientAddress).toBe('203.0.113.9');
  });
});

describe('a list of proxies', () => {
  test('walks back through trusted addresses to the first one that is not', () => {
    const f = facts('10.0.0.0/8, 192.0.2.1', '10.0.0.2', { 'x-forwarded-for': '6.6.6.6, 203.0.113.9, 192.0.2.1' });
    expect(f).toMatchObject({ clientAddress: '203.0.113.9', trusted: 2 });
  });

  test('a connection from an untrusted address is believed about nothing', () => {
    const f = facts('loopback', '198.51.100.7', { 'x-forwarded-for': '1.1.1.1', 'x-forwarded-host': 'evil.example' });
    expect(f).toMatchObject({ clientAddress: '198.51.100.7', origin: 'http://studio.example', trusted: 0 });
  });

  test('IPv6 and named ranges', () => {
    expect(facts('private', 'fd00::5', { 'x-forwarded-for': '2001:db8::1' }).clientAddress).toBe('2001:db8::1');
    expect(facts('::1', '::1', { 'x-forwarded-for': '203.0.113.9' }).clientAddress).toBe('203.0.113.9');
  });

  test('anything else is a configuration error', () => {
    for (const bad of ['proxy.example', '10.0.0.0/33', '1.2.3', '10.0.0.0/8/1', '-1']) expect(() => parseTrustedProxies(bad)).toThrow(/STUDIO_TRUSTED_PROXIES/);
    expect(parseTrustedProxies('')).toEqual({ kind: 'none' });
    expect(parseTrustedProxies('0')).toEqual({ kind: 'none' });
  });
});

test('a trusted proxy may set the scheme without X-Forwarded-For; schemes other than http and https give no origin', () => {
  expect(facts('1', '10.0.0.2', { 'x-forwarded-proto': 'https' }).origin).toBe('https://studio.example');
  expect(facts('1', '10.0.0.2', { 'x-forwarded-proto': 'javascript' }).origin).toBeNull();
});
