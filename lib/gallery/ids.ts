import { randomBytes } from 'node:crypto';

/** Image ids: 128 random bits, unguessable and safe in paths and keys. */
export const newImageId = () => `img_${randomBytes(16).toString('hex')}`;
export const IMAGE_ID = /^img_[0-9a-f]{32}$/;

/** Share tokens: 256 random bits. */
export const newShareToken = () => randomBytes(32).toString('base64url');
export const SHARE_TOKEN = /^[A-Za-z0-9_-]{43}$/;
