// Continuation tokens: DynamoDB's LastEvaluatedKey, sealed under the short-lived keys (platform/links).
// Callers can neither read nor alter them, and a token only opens for the partner and query it was issued
// for (the binding), so a forged or replayed-elsewhere token is refused with a 400.
import { open, seal } from '../links/sealed.js';
import { invalidContinuationToken } from '../errors.js';

export async function sealCursor(lastEvaluatedKey: Record<string, unknown> | undefined, binding: string): Promise<string | undefined> {
  if (!lastEvaluatedKey) return undefined;
  return seal('shortLived', 'cursor', JSON.stringify(lastEvaluatedKey), binding);
}

export async function openCursor(token: string | undefined, binding: string): Promise<Record<string, unknown> | undefined> {
  if (token === undefined) return undefined;
  const plain = await open('shortLived', 'cursor', token, binding);
  if (plain === undefined) throw invalidContinuationToken();
  try {
    const value: unknown = JSON.parse(plain);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object');
    return value as Record<string, unknown>;
  } catch (error) {
    throw invalidContinuationToken(error);
  }
}
