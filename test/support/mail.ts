// Reading a rendered mail the way a mail client and its reader would.

/** Everything a mail client could turn into a link in text: URLs. */
export const urls = (text: string): string[] => text.match(/https?:\/\/[^\s"'<>]+/g) ?? [];

/** What no rendered text may hold: a bidi control, or a C0/C1 control other than tab, LF and CR. */
export const UNSAFE_CHARACTER = /[\p{Bidi_Control}]|(?![\t\n\r])\p{Cc}/u;

/** The targets of href/src attributes in HTML. */
export const hrefs = (html: string): string[] => [...html.matchAll(/\b(?:href|src)\s*=\s*"([^"]*)"/g)].map((m) => m[1]!);

/** What a reader sees (tags removed, entities decoded, zero-width spaces dropped). */
export const visible = (html: string): string =>
  html
    .replace(/<title>.*?<\/title>/s, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\u200B/g, '')
    .replace(/\s+/g, ' ');
