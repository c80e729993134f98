import { renderInvitationEmail, unlinkable, type InvitationMailModel } from '../../shared/invitations/email.js';
import { hrefs, UNSAFE_CHARACTER, urls, visible } from '../support/mail';

const LINK = 'https://accounts.example.com/invitations/AbC_123-token';

const model = (overrides: Partial<InvitationMailModel> = {}): InvitationMailModel => ({
  locale: 'en',
  partnerName: 'Fabrikam Reseller Ltd',
  partnerCountry: 'DE',
  recipientEmail: 'admin@contoso.example',
  link: LINK,
  expiresAt: '2026-12-25T16:00:00.000Z',
  ...overrides,
});

const withAdmin = (overrides: Partial<NonNullable<InvitationMailModel['delegatedAdmin']>> = {}) =>
  model({ delegatedAdmin: { displayName: 'Helpdesk access', roles: ['helpdeskAdministrator', 'licenseAdministrator'], durationDays: 90, autoExtend: true, ...overrides } });


describe('renderInvitationEmail', () => {
  test('subject, HTML and text name the partner and the reseller relationship', () => {
    const mail = renderInvitationEmail(model());
    expect(mail.subject).toBe('Fabrikam Reseller Ltd invites you to a reseller relationship');
    for (const body of [mail.text, visible(mail.html)]) {
      expect(body).toContain('Fabrikam Reseller Ltd, a cloud services partner based in Germany, invites your organization to a reseller relationship.');
      expect(body).toContain('As your reseller, Fabrikam Reseller Ltd can sell cloud services');
      expect(body).toContain('Fabrikam Reseller Ltd does not ask for admin access to your organization.');
      expect(body).toContain('This invitation expires on December 25, 2026 at 4:00 PM UTC.');
    }
    expect(mail.html).toMatch(/^<!doctype html>\n<html lang="en">/);
  });

  test('a joint invitation names the provider too, and what each relationship grants (names stay plain text)', () => {
    const mail = renderInvitationEmail(model({ indirectProviderName: 'Tailspin.com Distribution' }));
    for (const body of [mail.text, visible(mail.html)].map((b) => b.replace(/\u200B/g, ''))) {
      expect(body).toContain('Fabrikam Reseller Ltd invites you together with Tailspin.com Distribution, its indirect provider');
      expect(body).toContain('As your reseller, Fabrikam Reseller Ltd can sell cloud services');
      expect(body).toContain('Tailspin.com Distribution can create your organization’s account and place orders for it');
    }
    expect(mail.text).toContain('Tailspin.\u200Bcom');
    expect(urls(mail.text)).toEqual([LINK]);
  });

  test('delegated admin: the access name, human role names, duration and auto-extend', () => {
    const mail = renderInvitationEmail(withAdmin());
    expect(mail.subject).toBe('Fabrikam Reseller Ltd invites you to a reseller relationship and asks for admin access');
    for (const body of [mail.text, visible(mail.html)]) {
      expect(body).toContain('also asks for admin access to your organization, named “Helpdesk access”, with these roles:');
      expect(body).toContain('Helpdesk Administrator');
      expect(body).toContain('License Administrator');
      expect(body).not.toContain('helpdeskAdministrator');
      expect(body).toContain('The access lasts 90 days from when you accept.');
      expect(body).toContain('It renews automatically for 180 more days at each end date.');
      expect(body).toContain('Accepting the invitation also approves this admin access.');
    }
    expect(mail.text).toContain('- Helpdesk Administrator\n- License Administrator');
    expect(mail.html).toContain('<li>Helpdesk Administrator</li><li>License Administrator</li>');
  });

  test('one day, no auto-extend; Global Administrator never auto-extends', () => {
    const short = renderInvitationEmail(withAdmin({ durationDays: 1, autoExtend: false }));
    expect(short.text).toContain('The access lasts 1 day from when you accept.');
    expect(short.text).toContain('It ends on its end date and does not renew.');
    const ga = renderInvitationEmail(withAdmin({ roles: ['globalAdministrator', 'globalReader'], autoExtend: true }));
    expect(ga.text).toContain('The Global Administrator role never renews automatically.');
  });

  test('exactly one link: the invitation link, the same in HTML and text', () => {
    for (const mail of [renderInvitationEmail(model()), renderInvitationEmail(withAdmin())]) {
      expect(urls(mail.text)).toEqual([LINK]);
      expect(urls(mail.html)).toEqual([LINK]);
      expect(hrefs(mail.html)).toEqual([LINK]);
      expect(mail.html.match(/<a\b/g)).toHaveLength(1);
    }
  });

  test('partner-chosen text cannot add a link: URL-like names are kept from being auto-linked', () => {
    const mail = renderInvitationEmail(
      withAdmin({ displayName: 'see www.evil.example' }),
    );
    const evil = renderInvitationEmail(model({ partnerName: 'Contoso.com Ltd https://phish.example/login admin@phish.example' }));
    for (const m of [mail, evil]) {
      expect(urls(m.text)).toEqual([LINK]);
      expect(urls(m.html)).toEqual([LINK]);
      expect(hrefs(m.html)).toEqual([LINK]);
      for (const body of [m.text, m.html]) {
        expect(body).not.toMatch(/phish\.example|evil\.example|www\.evil/);
      }
    }
    // ...while the reader still sees the same characters.
    expect(visible(evil.html)).toContain('Contoso.com Ltd https://phish.example/login admin@phish.example, a cloud services partner based in Germany');
    expect(evil.text.replace(/\u200B/g, '')).toContain('Contoso.com Ltd https://phish.example/login admin@phish.example');
    expect(unlinkable('a.b@c:d')).toBe('a.\u200Bb@\u200Bc:\u200Bd');
  });

  test('every value is escaped in HTML', () => {
    const mail = renderInvitationEmail(
      model({
        partnerName: `<script>alert(1)</script> & "Quotes" 'Ltd'`,
        partnerCountry: 'US',
        delegatedAdmin: { displayName: '<img src=x onerror=alert(1)>', roles: ['globalReader', '<b>odd</b>'], durationDays: 30, autoExtend: false },
      }),
    );
    expect(mail.html).not.toMatch(/<script|<img|<b>|onerror=alert\(1\)>/);
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Quotes&quot; &#39;Ltd&#39;');
    expect(mail.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(mail.html).toContain('<li>&lt;b&gt;odd&lt;/b&gt;</li>');
    expect(mail.html).toContain(`<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Quotes&quot; &#39;Ltd&#39; invites you`);
    // The text part is plain text: shown as typed, not escaped.
    expect(mail.text).toContain(`<script>alert(1)</script> & "Quotes" 'Ltd'`);
    expect(hrefs(mail.html)).toEqual([LINK]);
  });

  test('a link with quotes is escaped in the href; only http(s) links are accepted', () => {
    const odd = 'https://accounts.example.com/invitations/a"b<c';
    expect(renderInvitationEmail(model({ link: odd })).html).toContain('href="https://accounts.example.com/invitations/a&quot;b&lt;c"');
    expect(() => renderInvitationEmail(model({ link: 'javascript:alert(1)' }))).toThrow(/http/);
    expect(() => renderInvitationEmail(model({ link: '/invitations/relative' }))).toThrow(/absolute/);
  });

  test('the subject is one line whatever the partner name holds', () => {
    expect(renderInvitationEmail(model({ partnerName: 'Evil\r\nBcc: victim@example.com' })).subject).toBe(
      'Evil Bcc: victim@example.com invites you to a reseller relationship',
    );
  });

  test('a right-to-left override or another control character in a name reaches neither the subject nor the body', () => {
    const mail = renderInvitationEmail(
      model({
        partnerName: 'Contoso \u202Emoc.tfosorcim',
        delegatedAdmin: { displayName: 'Help\u2067desk\u0000\u001B[31m\u0085', roles: ['globalReader', '\u202Dodd'], durationDays: 30, autoExtend: false },
      }),
    );
    for (const part of [mail.subject, mail.text, mail.html]) expect(part).not.toMatch(UNSAFE_CHARACTER);
    expect(mail.subject).toBe('Contoso \uFFFDmoc.tfosorcim invites you to a reseller relationship and asks for admin access');
    expect(visible(mail.html)).toContain('Contoso \uFFFDmoc.tfosorcim, a cloud services partner');
    expect(mail.text).toContain('Contoso \uFFFDmoc.\u200Btfosorcim, a cloud services partner');
    expect(mail.text).toContain('named “Help\uFFFDdesk\uFFFD\uFFFD[31m\uFFFD”');
    expect(mail.text).toContain('- \uFFFDodd');
  });

  test('without a country, and for an unknown locale (English fallback)', () => {
    const mail = renderInvitationEmail(model({ partnerCountry: undefined, locale: 'xx-YY' }));
    expect(mail.text).toContain('Fabrikam Reseller Ltd invites your organization to a reseller relationship.');
    expect(mail.html).toContain('<html lang="en">');
  });

  test('every message key is filled in (no {placeholder} left)', () => {
    for (const mail of [renderInvitationEmail(model()), renderInvitationEmail(withAdmin()), renderInvitationEmail(model({ partnerCountry: undefined }))]) {
      expect(`${mail.subject}\n${mail.text}\n${mail.html}`).not.toMatch(/\{\w+\}/);
    }
  });
});
