// Every row checked before anything is written, by the single create's own schema and rules, and the file's
// duplicates found: what the import stores as each row's starting point, and what validateOnly answers.
import { safeParse } from '../platform/zod.js';
import { Email } from '../platform/schemas.js';
import { emailDomain } from '../platform/email-address.js';
import type { FieldError } from '../platform/errors.js';
import { CreateCustomerRequest } from '../customers/index.js';
import { partnerRuleError, type PartnerProfileRecord } from '../partner/index.js';
import { columnOf, createBody } from './columns.js';
import type { InputRow } from './entity.js';

export interface RowError extends FieldError {
  row: number;
}

/**
 * A row's errors: the create's schema (with its country rules), the admin address, and the partner's markets and
 * own domain as the create's transaction checks them. The partner type is left to the processing: an indirect
 * reseller may not create an organization but may invite an existing one, and only then is it known which.
 */
export function rowErrors(cells: Record<string, string>, profile: PartnerProfileRecord): FieldError[] {
  const parsed = safeParse(CreateCustomerRequest, createBody(cells));
  const errors: FieldError[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({
        path: columnOf(issue.path.map(String)),
        message: issue.code === 'unrecognized_keys' ? `unknown field: ${issue.keys.join(', ')}` : issue.message,
      }));
  if (cells.adminEmail !== undefined && !safeParse(Email, cells.adminEmail).success) errors.push({ path: 'adminEmail', message: 'must be an email address' });
  if (parsed.success) {
    const body = parsed.data;
    const rules = { country: body.billingProfile.defaultAddress.country, billingEmailDomain: emailDomain(body.billingProfile.email), allowedPartnerTypes: [profile.partnerType] };
    const broken = partnerRuleError(profile, rules);
    // The profile read passes every rule: partnerRuleError then says it changed meanwhile, which it did not.
    if (broken.code !== 'http.stateConflict') {
      errors.push(...(broken.errors?.map((e) => ({ ...e, path: columnOf(e.path.replace(/^body\./, '').split('.')) })) ?? [{ path: 'country', message: broken.detail }]));
    }
  }
  return errors;
}

/** Each row's starting point: `invalid` with its errors, `skippedDuplicateInFile` (a valid row's domain came before), or pending. */
export function checkRows(rows: Record<string, string>[], profile: PartnerProfileRecord): InputRow[] {
  const seen = new Set<string>();
  return rows.map((input, i): InputRow => {
    const row = i + 1;
    const errors = rowErrors(input, profile);
    if (errors.length > 0) return { row, input, outcome: 'invalid', errors };
    const domain = input.domain!.toLowerCase();
    if (seen.has(domain)) return { row, input, outcome: 'skippedDuplicateInFile' };
    seen.add(domain);
    return { row, input };
  });
}

export const rowErrorList = (rows: InputRow[]): RowError[] => rows.flatMap((r) => (r.errors ?? []).map((e) => ({ row: r.row, ...e })));
