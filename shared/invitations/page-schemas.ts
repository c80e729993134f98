import { strictObject, string } from 'zod';
import { SIGNATURE_PATTERN, TOKEN_PATTERN } from '../platform/links/formats.js';

/** Anything but a one-time token of ours is not a link of ours. */
export const LinkTokenParams = strictObject({ token: string().regex(TOKEN_PATTERN) });

export const RelationshipLinkParams = strictObject({
  partnerId: string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/),
  signature: string().regex(SIGNATURE_PATTERN),
});
