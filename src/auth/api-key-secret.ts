import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Recognisable in logs and secret scanners, like `ghp_` or `sk_`. */
export const API_KEY_PREFIX = 'bfk_';
const DISPLAY_PREFIX_LENGTH = API_KEY_PREFIX.length + 8;

/** 256 bits of entropy, base64url so it survives headers and shells unquoted. */
export function generateApiKeySecret(): string {
  return API_KEY_PREFIX + randomBytes(32).toString('base64url');
}

export function hashApiKeySecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function displayPrefix(secret: string): string {
  return secret.slice(0, DISPLAY_PREFIX_LENGTH);
}

/** Hashes compared without an early exit, so timing says nothing about how much matched. */
export function hashesEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}
