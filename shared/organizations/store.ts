// An organization (a cloud tenant) as the whole system knows it, whichever partners serve it: its domains
// and the admin contacts it proved by accepting an invitation. Consent rests on this record: only a person
// who controls one of the organization's mailboxes can bring it into a relationship (see mayActFor).
import { BatchGetCommand, GetCommand, type BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import { emailDomain, emailHash, maskEmail } from '../platform/email-address.js';
import { db, tableName } from '../platform/dynamo/client.js';
import { readItem } from '../platform/dynamo/item-schema.js';
import { putVersioned, type LabelledPart } from '../platform/dynamo/transactions.js';
import { domainItem, DomainItem, domainKey, OrganizationItem, organizationItem, organizationKey, type DomainClaim, type OrganizationRecord } from './entity.js';

export const newOrganization = (tenantId: string, domain: string, createdBy: string, createdAt: string): OrganizationRecord => ({
  tenantId,
  domains: [domain],
  adminContacts: [],
  createdAt,
  createdBy,
  version: 0,
});

/** The writes that claim a new organization's domain and store it; both fail if another write got there first. */
export function claimOrganization(record: OrganizationRecord): LabelledPart<'domain' | 'organization'>[] {
  return [
    {
      label: 'domain',
      part: {
        Put: {
          TableName: tableName(),
          Item: domainItem(record.domains[0]!, { tenantId: record.tenantId, createdBy: record.createdBy, createdAt: record.createdAt }),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    },
    saveOrganization(record),
  ];
}

/** Stores `record` if nobody changed the organization since it was read (`version` is the one read). */
export const saveOrganization = (record: OrganizationRecord): LabelledPart<'organization'> =>
  putVersioned('organization', organizationItem({ ...record, version: record.version + 1 }), record.version === 0 ? undefined : record.version);

/** A person who controls this address may act for the organization: it is at one of its domains, or a proven admin contact. */
export function mayActFor(organization: Pick<OrganizationRecord, 'domains' | 'adminContacts'>, email: string): boolean {
  const hash = emailHash(email);
  return organization.domains.includes(emailDomain(email)) || organization.adminContacts.some((c) => c.emailHash === hash);
}

/** The organization with `email` recorded as a proven admin contact (unchanged if it already is one). */
export function withAdminContact(organization: OrganizationRecord, email: string, invitationId: string, at: string): OrganizationRecord {
  const hash = emailHash(email);
  if (organization.adminContacts.some((c) => c.emailHash === hash)) return organization;
  return { ...organization, adminContacts: [...organization.adminContacts, { emailHash: hash, masked: maskEmail(email), provenAt: at, invitationId }] };
}

/** What a partner may be told of who can accept for the organization: its domains, and its admin contacts masked. */
export const qualifyingAddresses = (organization: Pick<OrganizationRecord, 'domains' | 'adminContacts'>) => ({
  domains: organization.domains,
  adminContacts: organization.adminContacts.map((c) => c.masked),
});

const read = async (key: { pk: string; sk: string }) =>
  (await db().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }))).Item;

/**
 * The organization of a tenant, known by one of its domains. Organizations from before this record
 * existed have only their domain item: they read as that domain with no admin contacts (version 0).
 */
export async function getOrganization(tenantId: string, knownDomain: string, claim?: DomainClaim): Promise<OrganizationRecord> {
  const item = await read(organizationKey(tenantId));
  if (item) return readItem(OrganizationItem, item);
  return newOrganization(tenantId, knownDomain, claim?.createdBy ?? 'unknown', claim?.createdAt ?? new Date(0).toISOString());
}

/** The organization that owns `domain`, if any. */
export async function findOrganizationByDomain(domain: string): Promise<OrganizationRecord | undefined> {
  const item = await read(domainKey(domain));
  if (!item) return undefined;
  const claim = readItem(DomainItem, item);
  return getOrganization(claim.tenantId, domain, claim);
}

/** DynamoDB's most keys in one BatchGetItem. */
const BATCH_GET_KEYS = 100;

/**
 * Which of `domains` an organization has claimed, in one read per hundred: a batch of new customers' domains
 * (mostly unclaimed) is checked without a read each. A claim made after this read still fails the create's
 * own domain condition.
 */
export async function claimedDomains(domains: readonly string[]): Promise<Set<string>> {
  const claimed = new Set<string>();
  const unique = [...new Set(domains)];
  const byPk = new Map(unique.map((domain) => [domainKey(domain).pk, domain]));
  for (let i = 0; i < unique.length; i += BATCH_GET_KEYS) {
    let keys: Record<string, unknown>[] | undefined = unique.slice(i, i + BATCH_GET_KEYS).map(domainKey);
    while (keys && keys.length > 0) {
      const { Responses, UnprocessedKeys }: BatchGetCommandOutput = await db().send(new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: keys, ConsistentRead: true, ProjectionExpression: 'pk' } } }));
      for (const item of Responses?.[tableName()] ?? []) claimed.add(byPk.get(item.pk as string)!);
      keys = UnprocessedKeys?.[tableName()]?.Keys;
    }
  }
  return claimed;
}
