// The manage link's token: `<subject>.<signature>`, the subject (partner, customer, a random link id) in base64url,
// signed under the long-lived ring with a purpose of its own, so no other signed value of this system (the
// relationship link, a form value) passes for it. The page verifies it before reading anything; the table
// keeps only its hash, which the link record compares, so a replaced or revoked link dies although its
// signature stays valid. The link id makes each issue a new link; the mailer signs the same subject with the
// same key version again to put the link in the mail, so a mail retry carries the same link.
import { randomBytes } from 'node:crypto';
import { resignLink, signLink, verifyLink } from '../platform/links/signed-link.js';

const PURPOSE = 'customer-manage-link';

/** Our rule: a year from the accept, or until the customer ends the relationship or accepts again. */
export const MANAGE_LINK_TTL_DAYS = 365;

export interface ManageLinkSubject {
  partnerId: string;
  customerId: string;
  linkId: string;
}

const subjectText = ({ partnerId, customerId, linkId }: ManageLinkSubject) => `${partnerId}/${customerId}/${linkId}`;
const encoded = (subject: ManageLinkSubject) => Buffer.from(subjectText(subject)).toString('base64url');

export const newLinkId = (): string => randomBytes(16).toString('base64url');

export async function mintManageToken(subject: ManageLinkSubject): Promise<{ token: string; keyVersion: number }> {
  const signature = await signLink(PURPOSE, subjectText(subject));
  return { token: `${encoded(subject)}.${signature}`, keyVersion: Number(signature.split('.')[0]) };
}

/** The token minted before, for the mail; undefined when its key version is no longer configured. */
export async function remintManageToken(subject: ManageLinkSubject, keyVersion: number): Promise<string | undefined> {
  const signature = await resignLink(PURPOSE, subjectText(subject), keyVersion);
  return signature && `${encoded(subject)}.${signature}`;
}

/** The subject of a token signed here for this purpose, else undefined (no table read for a forged one). */
export async function readManageToken(token: string): Promise<ManageLinkSubject | undefined> {
  const dot = token.indexOf('.');
  if (dot < 1) return undefined;
  const text = Buffer.from(token.slice(0, dot), 'base64url').toString('utf8');
  const [partnerId, customerId, linkId, ...rest] = text.split('/');
  if (!partnerId || !customerId || !linkId || rest.length > 0) return undefined;
  const subject = { partnerId, customerId, linkId };
  // base64url decoding forgives; only the one spelling we issue is ours.
  if (encoded(subject) !== token.slice(0, dot)) return undefined;
  return (await verifyLink(PURPOSE, text, token.slice(dot + 1))) ? subject : undefined;
}
