import { html, joinHtml, type SafeHtml } from '../html.js';
import { neutralizeControls, singleLine } from '../text.js';

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

/** Inline styles only: mail clients drop <style> blocks and external sheets. */
export const PARAGRAPH_STYLE = 'margin:0 0 16px';

/** The frame every mail of ours shares: language, heading, a narrow readable column. */
export function emailHtml(locale: string, heading: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${heading}</title></head>
<body style="margin:0;padding:0;background:#ffffff;color:#1b1b1b;font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif">
<div style="max-width:640px;margin:0 auto;padding:16px">
<h1 style="font-size:22px;line-height:1.25;margin:8px 0 16px">${heading}</h1>
${body}
</div></body></html>`.toString();
}

/**
 * What every renderer hands out. The subject is one line, so that a name with a line break cannot add a header;
 * the text part, like the HTML part (through the `html` tag), carries no control or bidi character from a name.
 */
export const renderedMail = (subject: string, html: string, text: string): RenderedMail => ({
  subject: singleLine(subject),
  html,
  text: neutralizeControls(text),
});

/** A block of a plain mail: a paragraph, or its one link (an absolute URL the system built, never typed text). */
export type MailBlock = string | { href: string; text: string };

/** A mail of paragraphs and at most a link, the same in HTML and in text: the shape most of our mails take. */
export function paragraphMail(locale: string, subject: string, heading: string, blocks: MailBlock[]): RenderedMail {
  const P = PARAGRAPH_STYLE;
  const body = blocks.map((block) =>
    typeof block === 'string' ? html`<p style="${P}">${block}</p>` : html`<p style="${P}"><a href="${block.href}" style="font-weight:600">${block.text}</a></p>`,
  );
  const text = [heading, ...blocks.map((block) => (typeof block === 'string' ? block : `${block.text}: ${block.href}`))].join('\n\n');
  return renderedMail(subject, emailHtml(locale, heading, joinHtml(body, '\n')), text);
}
