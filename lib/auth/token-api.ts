import type { TokenRecord } from './tokens';

/** The wire shape of a personal API token (never the token itself, which is shown once). */
export function tokenJson(record: TokenRecord) {
  return {
    id: record.id,
    object: 'api_token' as const,
    name: record.name,
    hint: `isk_…${record.hint}`,
    created_at: record.createdAt.toISOString(),
    last_used_at: record.lastUsedAt?.toISOString() ?? null,
    revoked_at: record.revokedAt?.toISOString() ?? null,
  };
}
export type TokenJson = ReturnType<typeof tokenJson>;
