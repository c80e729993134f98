// The role table of the domain notes, in one place. Deny by default: an action not listed is refused.

export const ROLES = ['global-admin', 'admin-agent', 'sales-agent', 'helpdesk-agent'] as const;
export type Role = (typeof ROLES)[number];

const everyone: readonly Role[] = ROLES;
const exceptHelpdesk: readonly Role[] = ['global-admin', 'admin-agent', 'sales-agent'];
const admins: readonly Role[] = ['global-admin', 'admin-agent'];
const globalAdmin: readonly Role[] = ['global-admin'];

export const PERMISSIONS = {
  'customers.read': everyone,
  'customers.create': exceptHelpdesk,
  'customers.agreements.record': exceptHelpdesk,
  'customers.billing.update': everyone,
  'invitations.manage': exceptHelpdesk,
  'delegatedAdmin.manage': admins,
  'relationship.end': globalAdmin,
  'purchasePermissions.read': everyone,
  'purchasePermissions.write': admins,
  // Those who add customers read the codes a new customer names (US Government cloud); only the Global admin records them.
  'validationCodes.read': exceptHelpdesk,
  'validationCodes.write': globalAdmin,
  'referrals.manage': exceptHelpdesk,
  'businessProfile.read': everyone,
  'businessProfile.write': globalAdmin,
  'partner.read': everyone,
  'partner.write': globalAdmin,
  'indirectLinks.manage': globalAdmin,
  'activity.read': admins,
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof PERMISSIONS;

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

export function isAllowed(roles: readonly Role[], action: Action): boolean {
  const allowed: readonly Role[] = PERMISSIONS[action] ?? [];
  return roles.some((role) => allowed.includes(role));
}
