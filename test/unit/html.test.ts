// The `html` tag (shared/platform/html.ts): what a page or mail interpolates is escaped unless it is already
// SafeHtml, so hostile text stays text wherever it lands. URLs are not its job: hrefs come from trusted bases.
import fc from 'fast-check';
import { html, joinHtml, raw, SafeHtml } from '../../shared/platform/html.js';

const HOSTILE = `<script>alert("x")</script>' onmouseover='alert(1)' & "><img src=x onerror=alert(2)>`;

describe('html', () => {
  test('interpolated text is escaped, in element content and in quoted attribute values', () => {
    const out = String(html`<p title="${HOSTILE}">${HOSTILE}</p>`);
    const escaped = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onmouseover=&#39;alert(1)&#39; &amp; &quot;&gt;&lt;img src=x onerror=alert(2)&gt;';
    expect(out).toBe(`<p title="${escaped}">${escaped}</p>`);
  });

  test('no interpolated text can open a tag, close an attribute or start an entity, whatever it holds', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const value = String(html`${text}`);
        expect(String(html`<a title="${text}">${text}</a>`)).toBe(`<a title="${value}">${value}</a>`);
        expect(value).not.toMatch(/[<>"']/);
        expect(value.replace(/&(amp|lt|gt|quot|#39);/g, '')).not.toContain('&');
      }),
    );
  });

  test('numbers are text; nested html results and lists of them are inserted as they are, without separators', () => {
    const items = ['a<b', 'c&d'].map((item) => html`<li>${item}</li>`);
    expect(String(html`<ul data-n="${2}">${items}</ul>`)).toBe('<ul data-n="2"><li>a&lt;b</li><li>c&amp;d</li></ul>');
    expect(String(html`${[[html`<i>1</i>`], 'x>']}`)).toBe('<i>1</i>x&gt;');
    expect(String(joinHtml(items, '\n'))).toBe('<li>a&lt;b</li>\n<li>c&amp;d</li>');
  });

  test('a result is escaped once only: nesting never double-escapes, and a string never passes for SafeHtml', () => {
    const inner = html`${'&'}`;
    expect(String(html`<b>${inner}</b>`)).toBe('<b>&amp;</b>');
    expect(String(html`${String(inner)}`)).toBe('&amp;amp;');
    expect(String(html`${{ toString: () => '<b>' } as unknown as string}`)).toBe('&lt;b&gt;');
  });

  test('control and bidi characters in text are neutralized', () => {
    expect(String(html`${'a\u202Eb\u0000'}`)).toBe('a\uFFFDb\uFFFD');
  });

  test('raw() inserts a vetted constant unchanged; only html and raw make SafeHtml', () => {
    expect(String(html`<style>${raw('a{font-family:"Segoe UI"}')}</style>`)).toBe('<style>a{font-family:"Segoe UI"}</style>');
    // tsc checks this line: the constructor is private, so no code can wrap text as SafeHtml by hand.
    // @ts-expect-error private constructor
    const made = () => new SafeHtml('<b>');
    expect(typeof made).toBe('function');
  });
});
