/** What a partner id looks like wherever one arrives: a token's claim, a path, a body, a link. */
export const PARTNER_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
