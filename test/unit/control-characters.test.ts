// Text that people type is shown to other people. Refused at input (SingleLineText, MultiLineText) and
// neutralized at output (neutralizeControls, which the `html` tag and the mail renderers use), checked over every
// code point rather than a few samples.
import { html } from '../../shared/platform/html.js';
import { MultiLineText, SingleLineText } from '../../shared/platform/schemas.js';
import { neutralizeControls } from '../../shared/platform/text.js';

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const hex = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

const C0 = range(0x00, 0x1f);
const DEL = [0x7f];
const C1 = range(0x80, 0x9f);
const LINE_BREAKS = [0x09, 0x0a, 0x0d];
const BIDI_CONTROLS = [0x061c, 0x200e, 0x200f, ...range(0x202a, 0x202e), ...range(0x2066, 0x2069)];
const SEPARATORS = [0x2028, 0x2029];
// Invisible characters that make two names look the same: soft hyphen, Mongolian vowel separator, zero-width
// space, word joiner and invisible operators, byte order mark, interlinear annotation, tag characters.
const INVISIBLE = [0x00ad, 0x180e, 0x200b, ...range(0x2060, 0x2064), 0xfeff, ...range(0xfff9, 0xfffb), 0xe0001, ...range(0xe0020, 0xe007f)];
const ZWNJ = '\u200C';
const ZWJ = '\u200D';

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

  test('the html tag neutralizes before it escapes, for element content and attribute values alike', () => {
    expect(String(html`${'Contoso \u202Emoc.tfosorcim <b>"x"</b>\u0000\u0085'}`)).toBe('Contoso \uFFFDmoc.tfosorcim &lt;b&gt;&quot;x&quot;&lt;/b&gt;\uFFFD\uFFFD');
  });
});

describe('SingleLineText and MultiLineText', () => {
  const single = (s: string) => SingleLineText.safeParse(s).success;
  const multi = (s: string) => MultiLineText.safeParse(s).success;

  test.each([
    ['C0 controls', C0],
    ['DEL', DEL],
    ['C1 controls', C1],
    ['bidi controls', BIDI_CONTROLS],
    ['line and paragraph separators', SEPARATORS],
    ['invisible format characters', INVISIBLE],
  ])('refuse %s inside a name', (_, codePoints) => {
    const accepted = codePoints.filter((cp) => single(`Con${String.fromCodePoint(cp)}toso`)).map(hex);
    expect(accepted).toEqual([]);
    const acceptedMultiLine = codePoints.filter((cp) => !LINE_BREAKS.includes(cp) && multi(`Con${String.fromCodePoint(cp)}toso`)).map(hex);
    expect(acceptedMultiLine).toEqual([]);
  });

  test('multi-line text keeps tab, LF and CR; single-line text refuses them inside (and trims them at the ends)', () => {
    expect(multi('First line\r\nsecond line\n\tindented')).toBe(true);
    expect(single('Contoso\nLtd')).toBe(false);
    expect(single('Contoso\tLtd')).toBe(false);
    expect(SingleLineText.parse(' Contoso Ltd\r\n')).toBe('Contoso Ltd');
  });

  test('accept every letter, mark, number, punctuation, symbol and space of every script', () => {
    const ordinary = /^[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}]$/u;
    const refused: string[] = [];
    for (const cp of everyCodePoint()) {
      const ch = String.fromCodePoint(cp);
      if (ordinary.test(ch) && !(single(`a${ch}b`) && multi(`a${ch}b`))) refused.push(hex(cp));
    }
    expect(refused).toEqual([]);
  });

  test.each([
    'Zoë Ünal-Øster',
    'Société Générale',
    'Müller & Söhne GmbH',
    'Ελληνική Εταιρεία',
    'Рога и копыта',
    '株式会社コントソ',
    '삼성전자',
    'شركة الاتصالات',
    'חברת החשמל',
    'टाटा कन्सल्टेंसी',
    'Contoso 🚀 Cloud',
    `Dev team 👩🏽${ZWJ}💻`,
    `Family 👨${ZWJ}👩${ZWJ}👧${ZWJ}👦`,
    `❤️${ZWJ}🔥 and 🏳️${ZWJ}🌈`,
    `می${ZWNJ}خواهم`, // Persian: the non-joiner belongs to the spelling
    `क्${ZWJ}ष`, // Devanagari: the joiner picks a glyph form
  ])('accept %s', (name) => {
    expect(single(name)).toBe(true);
    expect(multi(name)).toBe(true);
  });

  test('a joiner is accepted only between non-ASCII letters, marks or emoji, where it cannot hide inside a Latin word', () => {
    for (const joiner of [ZWJ, ZWNJ]) {
      expect(single(`Help${joiner}desk`)).toBe(false);
      expect(single(`${joiner}👩`)).toBe(false);
      expect(single(`👩${joiner}`)).toBe(false);
      expect(single(`👩${joiner}${joiner}💻`)).toBe(false);
      expect(single(`👩 ${joiner}💻`)).toBe(false);
    }
  });

  test('lone surrogates are refused', () => {
    expect(single('Contoso \uD800')).toBe(false);
    expect(single('Contoso \uDC00 Ltd')).toBe(false);
  });

  test('the problem says why', () => {
    const result = SingleLineText.safeParse('Contoso \u202Emoc.tfosorcim');
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual(['must not contain control, bidirectional or invisible formatting characters']);
  });
});
