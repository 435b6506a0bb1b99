import { describe, expect, test } from 'vitest';
import { OFF_SITE_NEXT } from '@/test/fixtures/off-site-next';
import { safeReturnPath } from './return-path';



describe('safeReturnPath', () => {
  test.each(OFF_SITE_NEXT)('refuses %j', (value) => {
    const path = safeReturnPath(value);
    expect(path).toBe('/');
  });

  test('keeps paths on the studio, query and fragment included', () => {
    expect(safeReturnPath('/gallery?model=gpt-image-1#top')).toBe('/gallery?model=gpt-image-1#top');
    expect(safeReturnPath('/settings')).toBe('/settings');
    expect(safeReturnPath('/gallery/../settings')).toBe('/settings');
    // Encoded slashes stay in the path: a browser does not decode them into a host.
    expect(safeReturnPath('/%2F%2Fevil.example')).toBe('/%2F%2Fevil.example');
  });

  test('anything that is not a short string is "/"', () => {
    expect(safeReturnPath(undefined)).toBe('/');
    expect(safeReturnPath(['/a', '/b'])).toBe('/');
    expect(safeReturnPath('')).toBe('/');
    expect(safeReturnPath(`/${'a'.repeat(5000)}`)).toBe('/');
  });
});
