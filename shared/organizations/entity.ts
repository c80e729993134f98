// Organizations as stored, whichever partners serve them: the organization record (its domains and
// proven admin contacts) and one item per domain that claims it across the whole system.
import { array, number, object, string, type Infer } from '../platform/dynamo/item-schema.js';

/** Global: the organization itself, whichever partners serve it. */
export const organizationKey = (tenantId: string) => ({ pk: `ORGANIZATION#${tenantId}`, sk: 'ORGANIZATION' });
/** Global: a domain names one organization across all partners. */
export const domainKey = (domain: string) => ({ pk: `DOMAIN#${domain}`, sk: 'DOMAIN' });

export const OrganizationItem = object({
  tenantId: string,
  domains: array(string),
  adminContacts: array(
    object({
      emailHash: string,
      /** What a partner may be shown of the address (see maskEmail). */
      masked: string,
      /** When and through which invitation the organization proved it. */
      provenAt: string,
      invitationId: string,
    }),
  ),
  createdAt: string,
  /** The partner whose customer create or accepted invitation brought the organization in. */
  createdBy: string,
  /** 0: not stored yet (an organization that only has its domain item). */
  version: number,
});
export type OrganizationRecord = Infer<typeof OrganizationItem>;
export type AdminContact = OrganizationRecord['adminContacts'][number];

export const organizationItem = (record: OrganizationRecord) => ({ ...organizationKey(record.tenantId), kind: 'organization', ...record });

/** Which organization a domain names, and who brought it in when. */
export const DomainItem = object({ tenantId: string, createdBy: string, createdAt: string });
export type DomainClaim = Infer<typeof DomainItem>;

export const domainItem = (domain: string, claim: DomainClaim) => ({ ...domainKey(domain), kind: 'domain', ...claim });
