// Mail addresses are personal data: keys, indexes and organization records hold a hash, and anything a
// partner is shown of an address it did not type itself is masked.
import { createHash } from 'node:crypto';

/** The part after the last '@', lower-cased. */
export const emailDomain = (email: string): string => email.slice(email.lastIndexOf('@') + 1).toLowerCase();

/** Recipients are keyed by a hash: no mail address ends up in a key or an index. */
export const emailHash = (email: string): string => createHash('sha256').update(email.trim().toLowerCase()).digest('hex');

/** `jane.doe@fabrikam.example` → `j***@f***.example`: enough for its owner to recognise, too little to mail. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at);
  const [first = '', ...rest] = email.slice(at + 1).split('.');
  return `${local.slice(0, 1)}***@${first.slice(0, 1)}***${rest.length ? `.${rest.join('.')}` : ''}`;
}
