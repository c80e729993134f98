// What the values of this module look like, for the schemas that check paths and form fields. Constants
// only: a schema module that imports them bundles no crypto and no key loading.

/** A one-time token: 32 random bytes in base64url, 43 characters. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A signature: `<key version>.<HMAC-SHA256 in base64url>`. */
export const SIGNATURE_PATTERN = /^[1-9][0-9]{0,2}\.[A-Za-z0-9_-]{43}$/;
