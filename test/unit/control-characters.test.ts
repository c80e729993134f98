// Text that people type is shown to other people: neutralized at output (neutralizeControls, which escapeHtml
// and the mail renderers use), checked over every code point rather than a few samples.
import { escapeHtml } from '../../shared/html.js';
import { neutralizeControls } from '../../shared/text.js';

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const hex = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

const C0 = range(0x00, 0x1f);
const DEL = [0x7f];
const C1 = range(0x80, 0x9f);
const LINE_BREAKS = [0x09, 0x0a, 0x0d];
const BIDI_CONTROLS = [0x061c, 0x200e, 0x200f, ...range(0x202a, 0x202e), ...range(0x2066, 0x2069)];

/** Every code point except the surrogates, which are not characters on their own. */
function* everyCodePoint() {
  for (let cp = 0; cp <= 0x10ffff; cp++) if (cp < 0xd800 || cp > 0xdfff) yield cp;
}

describe('neutralizeControls', () => {
  const neutralized = new Set([...C0, ...DEL, ...C1, ...BIDI_CONTROLS].filter((cp) => !LINE_BREAKS.includes(cp)));

  test('replaces exactly the C0 and C1 controls (but tab, LF and CR), DEL and the bidi controls with U+FFFD', () => {
    const wrong: string[] = [];
    for (const cp of everyCodePoint()) {
      const ch = String.fromCodePoint(cp);
      if (neutralizeControls(ch) !== (neutralized.has(cp) ? '\uFFFD' : ch)) wrong.push(hex(cp));
    }
    expect(wrong).toEqual([]);
  });

  test('the right-to-left override no longer turns the text around', () => {
    expect(neutralizeControls('Contoso \u202Emoc.tfosorcim')).toBe('Contoso \uFFFDmoc.tfosorcim');
    expect(neutralizeControls('line one\r\nline two\tend')).toBe('line one\r\nline two\tend');
  });

  test('escapeHtml neutralizes before it escapes, for element content and attribute values alike', () => {
    expect(escapeHtml('Contoso \u202Emoc.tfosorcim <b>"x"</b>\u0000\u0085')).toBe('Contoso \uFFFDmoc.tfosorcim &lt;b&gt;&quot;x&quot;&lt;/b&gt;\uFFFD\uFFFD');
  });
});
