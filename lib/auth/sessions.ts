import { createHash, randomBytes, scryptSync } from 'node:crypto';
import type { Sql } from '../db/types';
import { sameSecret, storedDigest } from '../http/same-secret';
import type { AuthSettings } from './settings';

/**
 * Server-side sessions for the password and OIDC modes. The cookie holds 256 random bits;
 * the database keeps only their SHA-256, with who it is, which sign-in made it (its
 * realm), the device and address it came from and when it was last seen. Ending a
 * session (sign-out, Settings, an admin) stamps `ended_at`, so a copied cookie stops
 * working on its next request, on every instance.
 */
export type SessionPerson = { personId: string; name: string; email?: string | null };
export type SessionRecord = {
  id: string;
  personId: string;
  name: string;
  userAgent: string | null;
  address: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
};
type Row = { id: string; person_id: string; name: string; user_agent: string | null; address: string | null; created_at: Date; last_seen_at: Date; expires_at: Date };
const fromRow = (r: Row): SessionRecord => ({
  id: r.id, personId: r.person_id, name: r.name, userAgent: r.user_agent, address: r.address,
  createdAt: new Date(r.created_at), lastSeenAt: new Date(r.last_seen_at), expiresAt: new Date(r.expires_at),
});

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
export const SESSION_ID = /^ses_[A-Za-z0-9_-]{16}$/;
/** How often last_seen_at is written: reading a session is then a write at most once a minute. */
const SEEN_EVERY_SECONDS = 60;

const realms = new Map<string, string>();
/**
 * The realm a session must still match. For the password mode it is derived (scrypt) from
 * the password and STUDIO_SESSION_SECRET, so changing the password signs everybody out
 * and the table holds nothing that helps guess it; for OIDC it is the issuer and client.
 */
export function sessionRealm(settings: AuthSettings): string {
  if (settings.mode === 'oidc') return `oidc:${settings.oidc!.issuer}#${settings.oidc!.clientId}`;
  const material = `${settings.password ?? ''}\u0000${settings.sessionSecret ?? ''}`;
  const key = createHash('sha256').update(material).digest('hex');
  let realm = realms.get(key);
  if (!realm) {
    const derived = scryptSync(material, 'image-studio session realm v2', 32, { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
    realm = `password:${derived.toString('base64url')}`;
    if (realms.size > 8) realms.clear();
    realms.set(key, realm);
  }
  return realm;
}

export async function createSession(
  sql: Sql,
  who: SessionPerson & { realm: string; userAgent: string | null; address: string | null; days: number },
): Promise<{ token: string; id: string; maxAgeSeconds: number }> {
  const token = randomBytes(32).toString('base64url');
  const id = `ses_${randomBytes(12).toString('base64url')}`;
  const maxAgeSeconds = Math.round(who.days * 86_400);
  await sql.query(
    `insert into sessions (id, token_sha256, person_id, name, email, realm, user_agent, address, expires_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, clock_timestamp() + make_interval(secs => $9))`,
    [id, storedDigest(token), who.personId, who.name, who.email ?? null, who.realm, who.userAgent?.slice(0, 400) ?? null, who.address, maxAgeSeconds],
  );
  // Expired and long-ended rows are of no further use; trimming here keeps the table small without a job.
  await sql.query(`delete from sessions where expires_at < clock_timestamp() - interval '1 day'`);
  return { token, id, maxAgeSeconds };
}

/** Who a session cookie belongs to, if it is live and of this realm; notes when it was seen. */
export async function sessionOwner(sql: Sql, token: string | undefined, realm: string): Promise<(SessionPerson & { sessionId: string }) | null> {
  if (!token || !TOKEN.test(token)) return null;
  const { rows } = await sql.query<{ id: string; person_id: string; name: string; email: string | null; realm: string; stale: boolean }>(
    `select id, person_id, name, email, realm, last_seen_at < clock_timestamp() - make_interval(secs => $2) as stale
     from sessions where token_sha256 = $1 and ended_at is null and expires_at > clock_timestamp()`,
    [storedDigest(token), SEEN_EVERY_SECONDS],
  );
  const row = rows[0];
  if (!row || !sameSecret(row.realm, realm)) return null;
  if (row.stale) await sql.query('update sessions set last_seen_at = clock_timestamp() where id = $1', [row.id]);
  return { personId: row.person_id, name: row.name, email: row.email, sessionId: row.id };
}

/** A person's live sessions, most recently seen first. */
export async function listSessions(sql: Sql, personId: string): Promise<SessionRecord[]> {
  const { rows } = await sql.query<Row>(
    `select * from sessions where person_id = $1 and ended_at is null and expires_at > clock_timestamp() order by last_seen_at desc limit 100`,
    [personId],
  );
  return rows.map(fromRow);
}

/** Everyone's live sessions, for the admins: per person, how many and when last seen. */
export async function sessionsByPerson(sql: Sql): Promise<Array<{ personId: string; name: string; sessions: number; lastSeenAt: Date }>> {
  const { rows } = await sql.query<{ person_id: string; name: string; sessions: number; last_seen_at: Date }>(
    `select person_id, (array_agg(name order by last_seen_at desc))[1] as name, count(*)::int as sessions, max(last_seen_at) as last_seen_at
     from sessions where ended_at is null and expires_at > clock_timestamp() group by person_id order by max(last_seen_at) desc limit 500`,
  );
  return rows.map((r) => ({ personId: r.person_id, name: r.name, sessions: r.sessions, lastSeenAt: new Date(r.last_seen_at) }));
}

/** Ends one session of this person's; false when they have no such live session. */
export async function endSession(sql: Sql, personId: string, id: string): Promise<boolean> {
  if (!SESSION_ID.test(id)) return false;
  const { rows } = await sql.query('update sessions set ended_at = clock_timestamp() where id = $1 and person_id = $2 and ended_at is null returning id', [id, personId]);
  return rows.length > 0;
}

/** Ends the session a cookie names (sign-out). */
export async function endSessionByToken(sql: Sql, token: string | undefined): Promise<void> {
  if (!token || !TOKEN.test(token)) return;
  await sql.query('update sessions set ended_at = clock_timestamp() where token_sha256 = $1 and ended_at is null', [storedDigest(token)]);
}

/** Ends every live session of one person (an admin's action); how many were ended. */
export async function endAllSessions(sql: Sql, personId: string): Promise<number> {
  const { rows } = await sql.query('update sessions set ended_at = clock_timestamp() where person_id = $1 and ended_at is null returning id', [personId]);
  return rows.length;
}
