import { createHash, createHmac } from 'node:crypto';

/**
 * The person behind an upstream request, as OpenAI asks for it (`safety_identifier`):
 * stable for a person, the same on every instance, and not reversible to who they are.
 * A keyed hash (HMAC-SHA256) of their studio identity, so that even a list of every
 * name cannot be matched against it without the key. The key is `STUDIO_SAFETY_ID_KEY`,
 * or else one derived from the API key, which every instance of a deployment already
 * shares (rotating the API key then gives everyone a new identifier; set the variable to
 * keep them).
 */
export function safetyIdentifier(personId: string, key: string): string {
  // 43 base64url characters: well within the 64 the field allows.
  return `studio_${createHmac('sha256', key).update(personId).digest('base64url')}`;
}

export function safetyIdentifierKey(env: Record<string, string | undefined> = process.env): string {
  const explicit = env.STUDIO_SAFETY_ID_KEY?.trim();
  if (explicit) return explicit;
  return createHash('sha256').update(`image-studio safety identifier\u0000${env.OPENAI_API_KEY?.trim() || 'simulator'}`).digest('hex');
}

/**
 * The request with the person's identifier in the field the model's catalogue entry
 * lists: `safety_identifier`, or `user` where a deployment took that away (a gateway that
 * refuses it). What a client sent in either is replaced: the studio answers for its people.
 */
export function withSafetyIdentifier<T extends Record<string, unknown>>(request: T, options: Record<string, unknown>, identifier: string): T {
  if ('safety_identifier' in options) return { ...request, safety_identifier: identifier };
  if ('user' in options) return { ...request, user: identifier };
  return request;
}
