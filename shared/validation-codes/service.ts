// US Government validation codes: a partner records the codes it was issued, each allowing a number of new
// customers; in the US Government cloud every new customer names one, and the create's own transaction takes
// one creation from it. A code is a credential of sorts: it is stored as a hash, shown masked, never logged.
import type { Principal } from '../platform/auth.js';
import { nowIso } from '../platform/clock.js';
import { config } from '../platform/config.js';
import { put, putNew, transact } from '../platform/dynamo/transactions.js';
import { project } from '../platform/dynamo/item-schema.js';
import { stateConflict } from '../platform/errors.js';
import { hashToken } from '../platform/links/tokens.js';
import { activityItem } from '../activity/index.js';
import { validationCodeItem, ValidationCodeView, type ValidationCodeRecord } from './entity.js';
import { alreadyRecorded, codeRequired, codeSpent, codeTooSmall, codeUnknown, notInThisCloud } from './problems.js';
import type { CreateValidationCodeRequest, ValidationCodeSummary } from './schemas.js';
import * as store from './store.js';

export const maskCode = (code: string): string => `****${code.slice(-4)}`;

const codeHash = (code: string): string => hashToken(code);

export async function recordValidationCode(principal: Principal, body: CreateValidationCodeRequest): Promise<ValidationCodeSummary> {
  const record: ValidationCodeRecord = {
    partnerId: principal.partnerId,
    codeHash: codeHash(body.code),
    maskedCode: maskCode(body.code),
    allowedCreations: body.allowedCreations,
    remainingCreations: body.allowedCreations,
    createdAt: nowIso(),
    createdBy: principal.userId,
  };
  const view = project(ValidationCodeView, record);
  const outcome = await transact([
    putNew('code', validationCodeItem(record)),
    put('activity', activityItem(principal, 'Record Validation Code', record.createdAt, [{ field: 'validationCode', after: { maskedCode: view.maskedCode, allowedCreations: view.allowedCreations } }])),
  ]);
  if (!outcome.ok) throw outcome.failed.has('code') ? alreadyRecorded(outcome.cause) : stateConflict('Another request was recording codes; nothing was written. Send it again.', outcome.cause);
  return view;
}

export const listValidationCodes = (principal: Principal, options: { limit: number; continuationToken?: string }) => store.listValidationCodes(principal.partnerId, options);

/** Whether new customers need a validation code here: only in the US Government cloud. */
export const validationCodesRequired = (): boolean => config().partition === 'aws-us-gov';

/** A code as a record names it: never the code itself. */
export interface CodeReference {
  codeHash: string;
  maskedCode: string;
}

export const codeReference = (code: string): CodeReference => ({ codeHash: codeHash(code), maskedCode: maskCode(code) });

export interface CodeSpend {
  /** The transaction part that takes one creation from the code. */
  part: ReturnType<typeof store.spendPart>;
  /** For the create's activity record. */
  maskedCode: string;
  /** The problem of a failed part: the item as it was (none: unknown code). */
  refused: (item: Record<string, unknown> | undefined, cause: unknown) => Error;
}

const spendOf = (partnerId: string, reference: CodeReference): CodeSpend => ({
  part: store.spendPart(partnerId, reference.codeHash),
  maskedCode: reference.maskedCode,
  refused: (item, cause) => (item ? codeSpent(reference.maskedCode, cause) : codeUnknown(cause)),
});

/**
 * What a new customer's create adds for the code it names: in the US Government cloud a spend of one creation
 * (no code is a problem); elsewhere nothing, and naming a code is a problem. A code is named as sent, or (a
 * create made later for an earlier request, as an import's) by the reference that request stored.
 */
export function validationCodeSpend(partnerId: string, code: string | CodeReference | undefined): CodeSpend | undefined {
  if (!validationCodesRequired()) {
    if (code !== undefined) throw notInThisCloud();
    return undefined;
  }
  if (code === undefined) throw codeRequired();
  return spendOf(partnerId, typeof code === 'string' ? codeReference(code) : code);
}

/**
 * Checks ahead of `creations` new customers (a file's) that the code named allows them all, as their creates
 * will: in the US Government cloud a code is needed for any, and it must be recorded with that many left;
 * elsewhere naming a code is a problem. The reference to store for the creates, if a code was named.
 */
export async function checkCodeAllows(partnerId: string, code: string | undefined, creations: () => Promise<number>): Promise<CodeReference | undefined> {
  if (!validationCodesRequired()) {
    if (code !== undefined) throw notInThisCloud();
    return undefined;
  }
  const needed = await creations();
  if (code === undefined) {
    if (needed > 0) throw codeRequired();
    return undefined;
  }
  const reference = codeReference(code);
  const found = await store.findValidationCode(partnerId, reference.codeHash);
  if (!found) throw codeUnknown();
  if (found.remainingCreations < needed) throw found.remainingCreations === 0 ? codeSpent(reference.maskedCode) : codeTooSmall(reference.maskedCode, found.remainingCreations, needed);
  return reference;
}
