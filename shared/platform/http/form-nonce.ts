// A public form that serves one submission records its CSRF nonce as used in the submission's own
// transaction: a second post of the same page view fails that write, and nothing else of it is written.
import { nowEpochSeconds } from '../clock.js';
import { TTL_ATTRIBUTE } from '../dynamo/table-definition.js';
import { putNew, type LabelledPart } from '../dynamo/transactions.js';
import { hashToken } from '../links/tokens.js';

/** A used nonce, keyed by its hash. */
export const formNonceKey = (nonceHash: string) => ({ pk: `FORM_NONCE#${nonceHash}`, sk: 'USED' });

/** Longer than any form cookie lives, so a used nonce is remembered while its cookie could still be sent. */
const USED_FORM_NONCE_RETENTION_SECONDS = 24 * 60 * 60;

/** The part that marks the nonce used; its condition fails when the form was sent before. */
export const formNonceUsedPart = <L extends string>(label: L, nonce: string): LabelledPart<L> =>
  putNew(label, { ...formNonceKey(hashToken(nonce)), kind: 'usedFormNonce', [TTL_ATTRIBUTE]: nowEpochSeconds() + USED_FORM_NONCE_RETENTION_SECONDS });
