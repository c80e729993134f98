// The fixed catalogue of admin roles a partner may ask a customer for, and their names for people. A plain
// module (no zod), so the mailer and the cleanup carry only this list.
import { t, type Locale } from '../platform/i18n/messages.js';

export const DELEGATED_ADMIN_ROLE_IDS = [
  'directoryReaders',
  'globalReader',
  'userAdministrator',
  'helpdeskAdministrator',
  'licenseAdministrator',
  'billingAdministrator',
  'serviceSupportAdministrator',
  'globalAdministrator',
] as const;
export type DelegatedAdminRoleId = (typeof DELEGATED_ADMIN_ROLE_IDS)[number];

export const MAX_DELEGATED_ADMIN_DAYS = 730;

const isRoleId = (id: string): id is DelegatedAdminRoleId => (DELEGATED_ADMIN_ROLE_IDS as readonly string[]).includes(id);

/** Human role names; an unknown id is still shown, because the customer must see everything it is asked for. */
export const roleName = (locale: Locale, id: string): string => (isRoleId(id) ? t(locale, `role.${id}`) : id);
