// The import's background work: rows in batches, each row decided at most once. A row's outcome is written in
// the transaction of the change it stands for (the new customer, the invitation) and only if the row has none
// yet, so a batch done again after a crash leaves what was decided alone. After each batch a checkpoint moves
// the import on; its stream record hands the rest to the worker, and a run goes on by itself while it has time.
import { randomUUID } from 'node:crypto';
import type { Principal } from '../platform/auth.js';
import { nowIso } from '../platform/clock.js';
import { isProblem, type Problem } from '../platform/errors.js';
import type { Guard } from '../platform/dynamo/transactions.js';
import { isRole } from '../platform/roles.js';
import { logger } from '../platform/logger.js';
import { parse } from '../platform/zod.js';
import { createCustomer, CreateCustomerRequest, getCustomerOfTenant } from '../customers/index.js';
import { claimedDomains, findOrganizationByDomain } from '../organizations/index.js';
import { createInvitation } from '../invitations/index.js';
import { createBody } from './columns.js';
import type { ImportRecord, InputRow, RowRecord } from './entity.js';
import { rowDecided } from './problems.js';
import * as store from './store.js';

/** Rows per batch: one Query for those decided already, one BatchGetItem for their domains, one transaction per row, then one Query for their outcomes and the checkpoint with their counts. */
export const BATCH_ROWS = 25;

/** Problems a row cannot be retried out of: they make it `invalid`. Others (a conflict, a busy table) fail the batch, which is retried. */
const TRANSIENT = new Set(['http.stateConflict', 'http.idempotencyInProgress', 'http.serviceUnavailable']);
const isRowProblem = (error: unknown): error is Problem => isProblem(error) && !TRANSIENT.has(error.code);

type Decision = Omit<RowRecord, 'row'>;

/** The row's outcome as parts of the change's transaction: the change is refused when the row was decided already. */
const rowGuards = (record: ImportRecord, row: InputRow, decided: Decision): Guard[] =>
  store.decideRowParts(record, { row: row.row, ...decided }).map((part) => ({ part, error: rowDecided }));

const invalid = (error: Problem, path: string): Decision => ({
  outcome: 'invalid',
  errors: error.errors?.length ? error.errors.map((e) => ({ path, message: `${e.path}: ${e.message}` })) : [{ path, message: error.detail }],
});

/** A row to decide: validation's outcome, or the create it stands for and whether its domain was found claimed. */
type Pending = { row: InputRow; body?: undefined } | { row: InputRow; body: CreateCustomerRequest; claimed: boolean };

async function decide(record: ImportRecord, principal: Principal, pending: Pending): Promise<void> {
  const { row } = pending;
  const alone = (decided: Decision) => store.decideRow(record, { row: row.row, ...decided });
  if (!pending.body) return void (await alone({ outcome: row.outcome!, ...(row.errors ? { errors: row.errors } : {}) }));
  const { body } = pending;
  const domain = body.companyProfile.domain;
  const organization = pending.claimed ? await findOrganizationByDomain(domain) : undefined;
  if (!organization) {
    const customerId = randomUUID();
    try {
      await createCustomer(principal, body, undefined, {
        customerId,
        guards: rowGuards(record, row, { outcome: 'created', customerId }),
        ...(record.validationCode ? { validationCode: record.validationCode } : {}),
      });
    } catch (error) {
      // Decided already; or the domain was claimed since it was read, and the retried batch invites it.
      if (isProblem(error, 'customerImports.rowDecided')) return;
      if (isProblem(error, 'customers.domainTaken') || !isRowProblem(error)) throw error;
      // A code spent meanwhile (by other creates) leaves the rest of the file's new customers without one.
      await alone(invalid(error, error.code.startsWith('validationCodes.') ? 'validationCode' : 'row'));
    }
    return;
  }
  const customer = await getCustomerOfTenant(principal.partnerId, organization.tenantId);
  if (customer?.state === 'active') return void (await alone({ outcome: 'alreadyActive', customerId: customer.id }));
  const email = row.input.adminEmail;
  if (!email) {
    return void (await alone({ outcome: 'invalid', errors: [{ path: 'adminEmail', message: `is required: ${domain} is an existing organization, which is invited at one of its admin addresses` }] }));
  }
  const invitationId = randomUUID();
  const reinstated = customer ? { customerId: customer.id } : {};
  try {
    await createInvitation(
      principal,
      { email: email.toLowerCase(), domain, companyName: body.companyProfile.companyName, id: invitationId, importId: record.id, ...reinstated },
      rowGuards(record, row, { outcome: 'invited', invitationId, ...reinstated }),
    );
  } catch (error) {
    if (isProblem(error, 'customerImports.rowDecided')) return;
    if (!isRowProblem(error)) throw error;
    // The consent rule first of all: an address outside the organization is not invited.
    await alone(invalid(error, 'adminEmail'));
  }
}

/** The batch's undecided rows, their domains looked up together: one read for the batch, not one a row. */
async function pendingRows(rows: InputRow[]): Promise<Pending[]> {
  const bodies = rows.map((row) => (row.outcome ? undefined : parse(CreateCustomerRequest, createBody(row.input))));
  const claimed = await claimedDomains(bodies.flatMap((body) => (body ? [body.companyProfile.domain] : [])));
  return rows.map((row, i) => {
    const body = bodies[i];
    return body ? { row, body, claimed: claimed.has(body.companyProfile.domain) } : { row };
  });
}

/** The import's user, as the worker acts for it (its activity records name that user). */
const principalOf = (record: ImportRecord): Principal => ({ partnerId: record.partnerId, userId: record.createdBy, roles: record.roles.filter(isRole) });

export type RunOutcome = 'stale' | 'completed' | 'handedOn';

/**
 * Works the import from its checkpoint while `hasTime()`; `batch` is the checkpoint the stream record was
 * written at (an older record is stale: a later run went past it).
 */
export async function runImport(partnerId: string, importId: string, batch: number, hasTime: () => boolean): Promise<RunOutcome> {
  let record = await store.getImport(partnerId, importId);
  if (!record || record.state !== 'processing' || record.batch !== batch) return 'stale';
  const principal = principalOf(record);
  const rows = await store.inputRows(partnerId, importId);
  do {
    const from = record.nextRow;
    const batchRows = rows.slice(from - 1, from - 1 + BATCH_ROWS);
    // After a crash, rows of this batch may be decided already: they are passed over without a write.
    const decided = new Set((await store.decidedFrom(partnerId, importId, from, BATCH_ROWS)).map((r) => r.row));
    for (const row of await pendingRows(batchRows.filter((r) => !decided.has(r.row)))) await decide(record, principal, row);
    // Every row of the batch is decided now, by this run or an earlier one: the checkpoint counts them all.
    const counted = batchRows.length ? (await store.decidedFrom(partnerId, importId, from, batchRows.length)).filter((r) => r.row < from + batchRows.length) : [];
    const next = await store.checkpoint(record, from + Math.max(batchRows.length, 1), nowIso(), counted);
    // Another run moved it on meanwhile (a retried record): that run carries on.
    if (!next) return 'stale';
    record = next;
    logger.info('import batch done', { importId, nextRow: record.nextRow, rowCount: record.rowCount });
  } while (record.state === 'processing' && hasTime());
  return record.state === 'completed' ? 'completed' : 'handedOn';
}
