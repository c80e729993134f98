import { regex, strictObject, string } from '../platform/zod.js';
import { SIGNATURE_PATTERN, TOKEN_PATTERN } from '../platform/links/formats.js';
import { PARTNER_ID_PATTERN } from '../platform/partner-id.js';

/** Anything but a one-time token of ours is not a link of ours. */
export const LinkTokenParams = strictObject({ token: string().check(regex(TOKEN_PATTERN)) });

export const RelationshipLinkParams = strictObject({
  partnerId: string().check(regex(PARTNER_ID_PATTERN)),
  signature: string().check(regex(SIGNATURE_PATTERN)),
});
