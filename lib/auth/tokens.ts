import { randomBytes } from 'node:crypto';
import type { Sql } from '../db/types';
import { storedDigest } from '../http/same-secret';

/**
 * Personal API tokens, for scripts that use the studio as their `openai` base URL.
 * A token is 256 random bits shown once; only its SHA-256 is stored (a fast hash is
 * enough for a secret that long), with its last four characters as a hint.
 */
export const TOKEN_PREFIX = 'isk_';
const TOKEN_PATTERN = /^isk_[A-Za-z0-9_-]{43}$/;
export const TOKEN_ID = /^tok_[A-Za-z0-9_-]{16}$/;
export const TOKEN_NAME_MAX = 80;

export type TokenRecord = { id: string; name: string; hint: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null };
type Row = { id: string; name: string; hint: string; created_at: Date; last_used_at: Date | null; revoked_at: Date | null };

const fromRow = (r: Row): TokenRecord => ({
  id: r.id, name: r.name, hint: r.hint, createdAt: new Date(r.created_at),
  lastUsedAt: r.last_used_at ? new Date(r.last_used_at) : null, revokedAt: r.revoked_at ? new Date(r.revoked_at) : null,
});


export const looksLikeToken = (value: string) => value.startsWith(TOKEN_PREFIX);

export async function createToken(sql: Sql, creator: string, name: string): Promise<{ token: string; record: TokenRecord }> {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const id = `tok_${randomBytes(12).toString('base64url')}`;
  const { rows } = await sql.query<Row>(
    'insert into api_tokens (id, creator, name, token_sha256, hint) values ($1, $2, $3, $4, $5) returning *',
    [id, creator, name, storedDigest(token), token.slice(-4)],
  );
  return { token, record: fromRow(rows[0]!) };
}

export async function listTokens(sql: Sql, creator: string): Promise<TokenRecord[]> {
  const { rows } = await sql.query<Row>('select * from api_tokens where creator = $1 order by created_at desc limit 200', [creator]);
  return rows.map(fromRow);
}

/** Revokes one of the person's own tokens; false when they have no such live token. */
export async function revokeToken(sql: Sql, creator: string, id: string): Promise<boolean> {
  const { rows } = await sql.query<{ id: string }>(
    'update api_tokens set revoked_at = clock_timestamp() where id = $1 and creator = $2 and revoked_at is null returning id',
    [id, creator],
  );
  return rows.length > 0;
}

/** Whose token this is (their person id and the name to show), if it is live; notes its use. */
export async function tokenOwner(sql: Sql, token: string): Promise<{ creator: string; name: string; tokenId: string } | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const { rows } = await sql.query<{ id: string; creator: string; name: string }>(
    `with used as (update api_tokens set last_used_at = clock_timestamp() where token_sha256 = $1 and revoked_at is null returning id, creator)
     select used.id, used.creator, coalesce(people.name, used.creator) as name from used left join people on people.id = used.creator`,
    [storedDigest(token)],
  );
  return rows[0] ? { creator: rows[0].creator, name: rows[0].name, tokenId: rows[0].id } : null;
}
