// The API's view of a stored referral, and what the activity log says of a change to one.
import { diff } from '../activity/index.js';
import type { ReferralRecord } from './entity.js';
import { contactsVisible } from './state-machine.js';
import type { Referral } from './schemas.js';

/** The API's view of a record, with or without the customer's contacts. */
export function toReferral(record: ReferralRecord, withContacts: boolean): Referral {
  const { contacts, ...profile } = record.customerProfile;
  const optional = <K extends keyof ReferralRecord>(...names: K[]) => Object.fromEntries(names.filter((n) => record[n] !== undefined).map((n) => [n, record[n]]));
  const counterparty = record.counterparty;
  return {
    id: record.id,
    engagementId: record.engagementId,
    ...optional('name'),
    status: record.status,
    substatus: record.substatus,
    direction: record.direction,
    qualification: record.qualification,
    customerProfile: { ...profile, ...(withContacts ? { contacts } : {}) },
    consent: record.consent,
    details: record.details,
    team: record.team,
    ...optional('target', 'statusReason', 'reasonCode', 'externalReferenceId', 'campaignId', 'invitationId'),
    createdDateTime: record.createdDateTime,
    updatedDateTime: record.updatedDateTime,
    ...optional('expirationDateTime', 'acceptedDateTime'),
    // The other copy's id stays internal: the caller can never read that copy.
    ...(counterparty
      ? { counterparty: { partnerId: counterparty.partnerId, name: counterparty.partnerName, ...(counterparty.contact ? { contact: counterparty.contact } : {}) } }
      : {}),
  };
}

/**
 * Whether one referral read shows the customer's contacts: on a received referral only in the states that
 * show them (state-machine.ts); a partner's own outgoing referral always, as the contacts came from it.
 */
export const contactsShown = (record: ReferralRecord): boolean => record.direction === 'outgoing' || contactsVisible(record);

/**
 * What the activity log says of a change: which referral, and every field that changed. Never the contacts
 * (they never change): the log would show them before the referral is accepted.
 */
export function changesOf(before: ReferralRecord | undefined, after: ReferralRecord) {
  const changes = diff(before ? toReferral(before, false) : {}, toReferral(after, false)).filter((c) => c.field !== 'updatedDateTime');
  return [{ field: 'referral', after: { id: after.id } }, ...changes];
}
