// US Government validation codes as stored: one item per code a partner was issued, keyed by a hash of the
// code, so the table never holds a code itself, only its masked form for lists.
import { partnerPartition } from '../platform/dynamo/keys.js';
import { number, object, string, type Infer } from '../platform/dynamo/item-schema.js';

export const validationCodeKeys = {
  code: (partnerId: string, codeHash: string) => ({ pk: partnerPartition(partnerId), sk: `VALIDATION_CODE#${codeHash}` }),
  /** Every code of a partner sorts here. */
  all: (partnerId: string) => ({ pk: partnerPartition(partnerId), skPrefix: 'VALIDATION_CODE#' }),
};

/** A code as the API shows it. */
export const ValidationCodeView = object({
  maskedCode: string,
  allowedCreations: number,
  remainingCreations: number,
  createdAt: string,
  createdBy: string,
});

export const ValidationCodeItem = object({ ...ValidationCodeView.fields, partnerId: string, codeHash: string });
export type ValidationCodeRecord = Infer<typeof ValidationCodeItem>;

export const validationCodeItem = (record: ValidationCodeRecord) => ({ ...validationCodeKeys.code(record.partnerId, record.codeHash), kind: 'validationCode', ...record });
