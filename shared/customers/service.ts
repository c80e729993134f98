import { createHash, randomUUID } from 'node:crypto';
import type { Principal } from '../platform/auth.js';
import { nowEpochSeconds, nowIso } from '../platform/clock.js';
import { activityItem, diff } from '../activity/index.js';
import type { Guard } from '../platform/dynamo/transactions.js';
import * as store from './store.js';
import type { PartnerRules } from './store.js';
import { CustomerView, type CustomerRecord, type IdempotencyRecord } from './entity.js';
import { project } from '../platform/dynamo/item-schema.js';
import { idempotencyInProgress, idempotencyKeyReused, preconditionFailed, preconditionRequired, stateConflict, validationFailed } from '../platform/errors.js';
import { customerNotFound, domainTaken, providerNotAuthorized, relationshipEnded, resellerNotEligible } from './problems.js';
import { issuesToFieldErrors } from '../platform/http/request.js';
import { emailDomain } from '../platform/email-address.js';
import {
  BillingProfile,
  countryRuleIssues,
  IDEMPOTENCY_KEY,
  type AgreementInput,
  type CreateCustomerRequest,
  type Customer,
  type ListCustomersQuery,
  type UpdateCustomerRequest,
} from './schemas.js';
import { customerCsvHeader, customerCsvRows } from './csv.js';
import { findPartnerProfile, ORGANIZATION_CREATORS, partnerRuleError } from '../partner/index.js';
import { type CodeReference, validationCodeSpend } from '../validation-codes/index.js';

export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

export const etagOf = (record: { version: number }): string => `"v${record.version}"`;
export const customerLocation = (customerId: string): string => `/v1/customers/${customerId}`;

export interface CustomerResult {
  customer: Customer;
  etag: string;
}

const publicView = (record: CustomerRecord): Customer => project(CustomerView, record);

/** Same JSON value, same hash, whatever the key order or spacing of the request. */
export function requestHash(body: unknown): string {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : value && typeof value === 'object'
        ? Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]))
        : value;
  return createHash('sha256').update(JSON.stringify(canonical(body))).digest('base64url');
}

export type CreateResult =
  | { replayed: false; customer: Customer; etag: string }
  | { replayed: true; response: IdempotencyRecord['response'] };

/** What a caller that writes a record of its own in the create's transaction (an import's row) adds to it. */
export interface CreateOptions {
  /** Chosen by the caller, which names the customer in its own record. */
  customerId?: string;
  guards?: Guard[];
  /** The code an earlier request named (an import's), instead of one in the body. */
  validationCode?: CodeReference;
}

export async function createCustomer(principal: Principal, body: CreateCustomerRequest, idempotencyKey?: string, options: CreateOptions = {}): Promise<CreateResult> {
  if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    throw validationFailed([{ path: 'header.Idempotency-Key', message: 'must be 1-255 visible ASCII characters' }]);
  }
  const at = nowIso();
  const base = {
    tenantId: randomUUID(),
    companyProfile: body.companyProfile,
    billingProfile: body.billingProfile,
    ...(body.companyRegistrationId ? { companyRegistrationId: body.companyRegistrationId } : {}),
    relationshipToPartner: 'reseller' as const,
    state: 'active' as const,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  const id = options.customerId ?? randomUUID();
  const record: CustomerRecord = {
    ...base,
    id,
    partnerId: principal.partnerId,
    ...(body.associatedPartnerId ? { associatedPartnerId: body.associatedPartnerId } : {}),
  };
  // The reseller keeps its own record of the organization, pointing back at the provider.
  const resellerCopy: CustomerRecord | undefined = body.associatedPartnerId
    ? { ...base, id, partnerId: body.associatedPartnerId, associatedPartnerId: principal.partnerId }
    : undefined;
  if (body.associatedPartnerId === principal.partnerId) {
    throw validationFailed([{ path: 'body.associatedPartnerId', message: 'must be another partner' }]);
  }
  const codeSpend = validationCodeSpend(principal.partnerId, options.validationCode ?? body.validationCode);
  const customer = publicView(record);
  const etag = etagOf(record);
  const created = diff({}, customer);
  const rules: PartnerRules = {
    country: body.billingProfile.defaultAddress.country,
    billingEmailDomain: emailDomain(body.billingProfile.email),
    allowedPartnerTypes: body.associatedPartnerId ? ['indirectProvider'] : ORGANIZATION_CREATORS,
  };
  const outcome = await store.insertCustomer(
    {
      record,
      resellerCopy,
      rules,
      codeSpend: codeSpend?.part,
      activities: [
        activityItem(principal, 'Create Customer', at, codeSpend ? [...created, { field: 'validationCode', after: codeSpend.maskedCode }] : created, id),
        ...(resellerCopy ? [activityItem(principal, 'Create Customer', at, created, id, resellerCopy.partnerId)] : []),
      ],
      idempotency: idempotencyKey
        ? {
            key: idempotencyKey,
            requestHash: requestHash(body),
            expiresAtEpoch: nowEpochSeconds() + IDEMPOTENCY_TTL_SECONDS,
            response: { status: 201, body: customer, headers: { Location: customerLocation(id), ETag: etag } },
          }
        : undefined,
      guards: options.guards?.map((g) => g.part.part) ?? [],
    },
    nowEpochSeconds(),
  );
  switch (outcome.outcome) {
    case 'guardFailed':
      throw options.guards![outcome.index]!.error(outcome.cause);
    case 'created':
      return { replayed: false, customer, etag };
    case 'replay':
      if (outcome.stored.requestHash !== requestHash(body)) throw idempotencyKeyReused();
      return { replayed: true, response: outcome.stored.response };
    case 'partnerRuleFailed':
      throw partnerRuleError(outcome.profile, rules, outcome.cause);
    case 'validationCodeRefused':
      throw codeSpend!.refused(outcome.item, outcome.cause);
    case 'providerNotAuthorized':
      throw providerNotAuthorized(outcome.cause);
    case 'resellerNotEligible':
      throw resellerNotEligible(body.associatedPartnerId!, rules.country, outcome.cause);
    case 'domainTaken':
      throw domainTaken(body.companyProfile.domain, outcome.cause);
    case 'conflict':
      throw idempotencyKey
        ? idempotencyInProgress('A request with this Idempotency-Key is being processed; retry in a moment.', outcome.cause)
        : stateConflict('A concurrent request changed the same data; retry in a moment.', outcome.cause);
  }
}

export async function getCustomer(principal: Principal, customerId: string): Promise<CustomerResult> {
  const record = await store.findCustomer(principal.partnerId, customerId);
  if (!record) throw customerNotFound(customerId);
  return { customer: publicView(record), etag: etagOf(record) };
}

export function versionFromIfMatch(ifMatch: string | undefined): number | '*' {
  if (ifMatch === undefined || ifMatch.trim() === '') throw preconditionRequired();
  if (ifMatch.trim() === '*') return '*';
  // If-Match compares strongly (RFC 9110): a weak tag never matches.
  const match = /^"v(\d{1,15})"$/.exec(ifMatch.trim());
  if (!match) throw preconditionFailed();
  return Number(match[1]);
}

/** RFC 7396: null removes a member, objects merge, anything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const result: Record<string, unknown> = target && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [name, value] of Object.entries(patch)) {
    if (value === null) delete result[name];
    // Defined, not assigned: a member named "__proto__" (JSON.parse makes them) must not set the prototype.
    else if (value !== undefined) Object.defineProperty(result, name, { value: mergePatch(result[name], value), enumerable: true, writable: true, configurable: true });
  }
  return result;
}

export async function updateCustomer(principal: Principal, customerId: string, patch: UpdateCustomerRequest, ifMatch: string | undefined): Promise<CustomerResult> {
  const expected = versionFromIfMatch(ifMatch);
  const current = await store.findCustomer(principal.partnerId, customerId);
  if (!current) throw customerNotFound(customerId);
  if (current.state === 'ended') throw relationshipEnded(customerId);
  if (expected !== '*' && expected !== current.version) throw preconditionFailed();

  const merged = BillingProfile.safeParse(mergePatch(current.billingProfile, patch.billingProfile ?? {}));
  if (!merged.success) throw validationFailed(issuesToFieldErrors('body.billingProfile', merged.error), merged.error);
  const registrationId = patch.companyRegistrationId ?? current.companyRegistrationId;
  const ruleIssues = countryRuleIssues(merged.data, registrationId);
  if (ruleIssues.length > 0) throw validationFailed(ruleIssues.map((i) => ({ path: ['body', ...i.path].join('.'), message: i.message })));

  const before = publicView(current);
  const next: CustomerRecord = {
    ...current,
    billingProfile: merged.data,
    ...(registrationId ? { companyRegistrationId: registrationId } : {}),
    updatedAt: nowIso(),
    version: current.version + 1,
  };
  const changes = diff(before, publicView(next)).filter((c) => c.field !== 'updatedAt');
  if (changes.length === 0) return { customer: before, etag: etagOf(current) };

  const emailOrCountryChanged =
    merged.data.email !== current.billingProfile?.email || merged.data.defaultAddress.country !== current.billingProfile?.defaultAddress.country;
  const rules: PartnerRules | undefined = emailOrCountryChanged
    ? { country: merged.data.defaultAddress.country, billingEmailDomain: emailDomain(merged.data.email), allowedPartnerTypes: ['directBill', 'indirectProvider', 'indirectReseller'] }
    : undefined;
  const outcome = await store.replaceCustomer(next, current.version, activityItem(principal, 'Update Customer Billing Profile', next.updatedAt, changes, customerId), rules);
  if (outcome.outcome === 'stale') throw preconditionFailed(outcome.cause);
  if (outcome.outcome === 'relationshipEnded') throw relationshipEnded(customerId, outcome.cause);
  if (outcome.outcome === 'partnerRuleFailed') throw partnerRuleError(outcome.profile, rules!, outcome.cause);
  return { customer: publicView(next), etag: etagOf(next) };
}

export async function recordAgreement(principal: Principal, customerId: string, input: AgreementInput) {
  const recordedAt = nowIso();
  const agreement = {
    id: randomUUID(),
    customerId,
    agreementType: 'MicrosoftCustomerAgreement' as const,
    dateAgreed: new Date(input.dateAgreed).toISOString(),
    primaryContact: input.primaryContact,
    recordedBy: principal.userId,
    recordedAt,
  };
  const activity = activityItem(principal, 'Record Customer Agreement', recordedAt, [{ field: 'agreement', after: { id: agreement.id, dateAgreed: agreement.dateAgreed } }], customerId);
  const outcome = await store.insertAgreement(principal.partnerId, agreement, activity);
  if (outcome.outcome === 'customerNotFound') throw customerNotFound(customerId);
  if (outcome.outcome === 'relationshipEnded') throw relationshipEnded(customerId, outcome.cause);
  if (outcome.outcome === 'conflict') throw stateConflict('The customer was being changed by another request; nothing was recorded. Send it again.', outcome.cause);
  return agreement;
}

export async function listAgreements(principal: Principal, customerId: string) {
  const items = await store.listAgreements(principal.partnerId, customerId);
  if (!items) throw customerNotFound(customerId);
  return { items };
}

/**
 * The partner's customers, or (indirectReseller / indirectProvider) those it shares with that partner. The
 * named partner must be the caller's counterpart: a provider asks for one of its resellers, a reseller for one
 * of its providers. Anything else (a partner it shares nothing with, one of another partner's, the wrong side)
 * is an empty page: the same answer whether or not the other partner exists, so it tells nothing about others.
 */
export async function listCustomers(principal: Principal, query: ListCustomersQuery) {
  const { indirectReseller, indirectProvider, ...options } = query;
  const sharedWith = indirectReseller ?? indirectProvider;
  if (sharedWith === undefined) return store.listCustomers(principal.partnerId, options);
  const callerType = indirectReseller !== undefined ? 'indirectProvider' : 'indirectReseller';
  const [profile, page] = await Promise.all([findPartnerProfile(principal.partnerId), store.listCustomers(principal.partnerId, { ...options, sharedWith })]);
  return profile?.partnerType === callerType ? page : { items: [] };
}

/** Active customers the partner shares with another partner: one read however many. */
export const countSharedCustomers = (partnerId: string, otherPartnerId: string): Promise<number> => store.countSharedCustomers(partnerId, otherPartnerId);

export const isDomainTaken = (domain: string) => store.isDomainTaken(domain);

/**
 * Lambda answers through API Gateway are capped at 6 MB, and the CSV goes out as a JSON string in which
 * a control character takes six bytes (\u0001). So a part is measured as it is sent, JSON-escaped: it
 * takes whole DynamoDB pages while they keep it within about 4 MB, then hands back a token for the next
 * part, which starts with the page that did not fit. Every part is a complete CSV with its header row.
 */
export const EXPORT_PART_BYTES = 4 * 1024 * 1024;
/**
 * The first page of a part goes in whatever its size, so a page must fit the cap alone: the longest row
 * that validation allows, every character escaped to six bytes, is about 8 KB, and 250 of them about 2 MB.
 */
export const EXPORT_PAGE_ITEMS = 250;

/** The size of `text` in the JSON that Lambda makes of a response body. */
const jsonStringBytes = (text: string): number => Buffer.byteLength(JSON.stringify(text)) - 2;

export async function exportCustomersCsv(principal: Principal, continuationToken?: string, limits = { partBytes: EXPORT_PART_BYTES, pageItems: EXPORT_PAGE_ITEMS }) {
  const chunks = [customerCsvHeader()];
  let size = jsonStringBytes(chunks[0]!);
  let token = continuationToken;
  do {
    const page = await store.exportPage(principal.partnerId, token, limits.pageItems);
    const rows = customerCsvRows(page.customers);
    const rowsSize = jsonStringBytes(rows);
    if (chunks.length > 1 && size + rowsSize > limits.partBytes) break;
    chunks.push(rows);
    size += rowsSize;
    token = page.continuationToken;
  } while (token && size < limits.partBytes);
  return { csv: chunks.join(''), continuationToken: token };
}
