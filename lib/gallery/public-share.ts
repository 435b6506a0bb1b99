import 'server-only';
import { SHARE_TOKEN } from './ids';
import { gallery } from './instance';
import { openShare } from './shares';

/** What a public share link may show, or null (unknown, revoked, expired: all alike). */
export async function sharedImage(token: string) {
  if (!SHARE_TOKEN.test(token)) return null;
  return openShare((await gallery()).db, token);
}
