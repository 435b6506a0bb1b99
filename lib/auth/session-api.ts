import { deviceLabel } from './device';
import type { SessionRecord } from './sessions';

/** The wire shape of a session (never its cookie). */
export function sessionJson(record: SessionRecord, currentId?: string) {
  return {
    id: record.id,
    object: 'session' as const,
    device: deviceLabel(record.userAgent),
    user_agent: record.userAgent,
    address: record.address,
    created_at: record.createdAt.toISOString(),
    last_seen_at: record.lastSeenAt.toISOString(),
    expires_at: record.expiresAt.toISOString(),
    current: record.id === currentId,
  };
}
export type SessionJson = ReturnType<typeof sessionJson>;
