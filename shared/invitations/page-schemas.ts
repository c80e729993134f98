import { strictObject, string } from 'zod';

/** 256 bits in base64url: 43 characters. Anything else is not a link of ours. */
export const LinkTokenParams = strictObject({ token: string().regex(/^[A-Za-z0-9_-]{43}$/) });

export const RelationshipLinkParams = strictObject({
  partnerId: string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/),
  signature: string().regex(/^[A-Za-z0-9_-]{22,64}$/),
});
