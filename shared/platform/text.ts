// Stored names reach mail and pages that other people read. The schemas refuse control and bidi characters in
// new input (shared/platform/schemas.ts), but data stored before that, or written by another path, may still
// hold them: a right-to-left override makes "Contoso \u202Emoc.tfosorcim" display as "Contoso microsoft.com",
// and C0/C1 controls can end a header line or drive a terminal. So every text is neutralized on its way out.

/** The bidi controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) and C0/C1 controls with DEL. */
const UNSAFE_FOR_DISPLAY = /(?![\t\n\r])[\p{Bidi_Control}\p{Cc}]/gu;

/**
 * Replaces each bidi control and each C0/C1 control by U+FFFD, so the reader sees that something was there
 * instead of text that was quietly turned around or joined. Tab, LF and CR stay: they are layout in a mail's
 * text part and mere white space in HTML; a subject makes them one line itself.
 */
export const neutralizeControls = (text: string): string => text.replace(UNSAFE_FOR_DISPLAY, '\uFFFD');

/** One line of display text, such as a mail subject: a name with a line break cannot add a header. */
export const singleLine = (text: string): string => neutralizeControls(text.replace(/\s+/g, ' ').trim());
