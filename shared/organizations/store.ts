// An organization (a cloud tenant) as the whole system knows it, whichever partners serve it: its domains
// and the admin contacts it proved by accepting an invitation. Consent rests on this record: only a person
// who controls one of the organization's mailboxes can bring it into a relationship (see mayActFor).
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { emailDomain, emailHash, maskEmail } from '../platform/email-address.js';
import { db, tableName } from '../platform/dynamo/client.js';
import { keys } from '../platform/dynamo/keys.js';
import { putVersioned, type LabelledPart } from '../platform/dynamo/transactions.js';

export interface AdminContact {
  emailHash: string;
  /** What a partner may be shown of the address (see maskEmail). */
  masked: string;
  /** When and through which invitation the organization proved it. */
  provenAt: string;
  invitationId: string;
}

export interface OrganizationRecord {
  tenantId: string;
  domains: string[];
  adminContacts: AdminContact[];
  createdAt: string;
  /** The partner whose customer create or accepted invitation brought the organization in. */
  createdBy: string;
  /** 0: not stored yet (an organization that only has its domain item). */
  version: number;
}

export const organizationItem = (record: OrganizationRecord) => ({ ...keys.organization(record.tenantId), kind: 'organization', ...record });

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
          Item: { ...keys.domain(record.domains[0]!), kind: 'domain', tenantId: record.tenantId, createdBy: record.createdBy, createdAt: record.createdAt },
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

const toOrganization = (item: Record<string, unknown>): OrganizationRecord => ({
  tenantId: item.tenantId as string,
  domains: item.domains as string[],
  adminContacts: (item.adminContacts as AdminContact[] | undefined) ?? [],
  createdAt: item.createdAt as string,
  createdBy: item.createdBy as string,
  version: item.version as number,
});

const read = async (key: { pk: string; sk: string }) =>
  (await db().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }))).Item;

/**
 * The organization of a tenant, known by one of its domains. Organizations from before this record
 * existed have only their domain item: they read as that domain with no admin contacts (version 0).
 */
export async function getOrganization(tenantId: string, knownDomain: string, domainItem?: Record<string, unknown>): Promise<OrganizationRecord> {
  const item = await read(keys.organization(tenantId));
  if (item) return toOrganization(item);
  return newOrganization(tenantId, knownDomain, (domainItem?.createdBy as string | undefined) ?? 'unknown', (domainItem?.createdAt as string | undefined) ?? new Date(0).toISOString());
}

/** The organization that owns `domain`, if any. */
export async function findOrganizationByDomain(domain: string): Promise<OrganizationRecord | undefined> {
  const domainItem = await read(keys.domain(domain));
  return domainItem ? getOrganization(domainItem.tenantId as string, domain, domainItem) : undefined;
}
