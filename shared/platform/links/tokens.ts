// One-time tokens: 256 random bits, URL-safe, of which only a hash is stored, so the table never holds a
// usable link. The hash needs no key: nobody reverses a hash of 256 random bits by trying, and so tokens
// outlive every key rotation.
import { createHash, randomBytes } from 'node:crypto';

export const newToken = (): string => randomBytes(32).toString('base64url');

/** What is stored in place of a token (and looked up by it). */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('base64url');
