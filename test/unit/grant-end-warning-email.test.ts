import { renderGrantEndWarningEmail, type GrantEndWarningModel } from '../../shared/delegated-admin/end-warning-email.js';
import { hrefs, UNSAFE_CHARACTER, urls, visible } from '../support/mail';

const model = (overrides: Partial<GrantEndWarningModel> = {}): GrantEndWarningModel => ({
  locale: 'en',
  contactName: 'Pat Partner',
  partnerName: 'Fabrikam Reseller Ltd',
  customerName: 'Contoso Ltd',
  displayName: 'Helpdesk access',
  roles: ['helpdeskAdministrator', 'licenseAdministrator'],
  endsAt: '2026-12-25T16:00:00.000Z',
  autoExtend: false,
  ...overrides,
});


describe('renderGrantEndWarningEmail', () => {
  test('names the customer, the access, its human role names and the end date; says it does not renew', () => {
    const mail = renderGrantEndWarningEmail(model());
    expect(mail.subject).toBe('Admin access “Helpdesk access” to Contoso Ltd ends on December 25, 2026 at 4:00 PM UTC');
    for (const body of [mail.text, visible(mail.html)]) {
      expect(body).toContain('Hello Pat Partner,');
      expect(body).toContain(
        'The delegated admin access “Helpdesk access” of Fabrikam Reseller Ltd to Contoso Ltd reaches its end date on December 25, 2026 at 4:00 PM UTC.',
      );
      expect(body).toContain('Helpdesk Administrator');
      expect(body).toContain('License Administrator');
      expect(body).not.toContain('helpdeskAdministrator');
      expect(body).toContain('It does not renew: after that date Fabrikam Reseller Ltd no longer has admin access to Contoso Ltd.');
      expect(body).not.toContain('renews automatically');
      expect(body).toContain('30, 7 and 1 days before the end date');
    }
    expect(mail.text).toContain('- Helpdesk Administrator\n- License Administrator');
    expect(mail.html).toContain('<li>Helpdesk Administrator</li><li>License Administrator</li>');
    expect(mail.html).toMatch(/^<!doctype html>\n<html lang="en">/);
  });

  test('an auto-extending grant: the mail says it renews by itself', () => {
    const mail = renderGrantEndWarningEmail(model({ autoExtend: true }));
    expect(mail.subject).toBe('Admin access “Helpdesk access” to Contoso Ltd renews automatically on December 25, 2026 at 4:00 PM UTC');
    for (const body of [mail.text, visible(mail.html)]) {
      expect(body).toContain('It renews automatically for 180 more days on that date. You do not need to do anything.');
      expect(body).not.toContain('does not renew');
    }
  });

  test('no link at all, even when names look like addresses or URLs', () => {
    const plain = renderGrantEndWarningEmail(model());
    const evil = renderGrantEndWarningEmail(
      model({
        customerName: 'Contoso.com Ltd https://phish.example/login admin@phish.example',
        displayName: 'see www.evil.example',
        partnerName: 'Fabrikam.example',
        contactName: 'http://contact.example',
      }),
    );
    for (const mail of [plain, evil]) {
      for (const body of [mail.text, mail.html]) {
        expect(urls(body)).toEqual([]);
        expect(body).not.toMatch(/phish\.example|evil\.example|www\.evil|contact\.example|Fabrikam\.example/);
      }
      expect(hrefs(mail.html)).toEqual([]);
      expect(mail.html).not.toMatch(/<a\b/);
    }
    // ...while the reader still sees the same characters.
    expect(visible(evil.html)).toContain('to Contoso.com Ltd https://phish.example/login admin@phish.example reaches its end date');
    expect(evil.text.replace(/\u200B/g, '')).toContain('“see www.evil.example”');
  });

  test('every value is escaped in HTML; the text part shows it as typed', () => {
    const mail = renderGrantEndWarningEmail(
      model({
        customerName: `<script>alert(1)</script> & "Quotes" 'Ltd'`,
        displayName: '<img src=x onerror=alert(1)>',
        partnerName: '<b>Partner</b>',
        contactName: '<i>Pat</i>',
        roles: ['globalReader', '<b>odd</b>'],
      }),
    );
    expect(mail.html).not.toMatch(/<script|<img|<b>|<i>|onerror=alert\(1\)>/);
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Quotes&quot; &#39;Ltd&#39;');
    expect(mail.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(mail.html).toContain('&lt;b&gt;Partner&lt;/b&gt;');
    expect(mail.html).toContain('Hello &lt;i&gt;Pat&lt;/i&gt;,');
    expect(mail.html).toContain('<li>Global Reader</li><li>&lt;b&gt;odd&lt;/b&gt;</li>');
    expect(mail.html).toMatch(/<title>Admin access “&lt;img src=x onerror=alert\(1\)&gt;” to &lt;script&gt;/);
    expect(mail.text).toContain(`<script>alert(1)</script> & "Quotes" 'Ltd'`);
    expect(mail.text).toContain('- <b>odd</b>');
  });

  test('the subject is one line whatever the names hold', () => {
    const mail = renderGrantEndWarningEmail(model({ customerName: 'Evil\r\nBcc: victim@example.com', displayName: 'a\nb' }));
    expect(mail.subject).toBe('Admin access “a b” to Evil Bcc: victim@example.com ends on December 25, 2026 at 4:00 PM UTC');
    expect(mail.subject).not.toMatch(/[\r\n]/);
  });

  test('a right-to-left override or another control character in a name reaches neither the subject nor the body', () => {
    const mail = renderGrantEndWarningEmail(
      model({
        customerName: 'Contoso \u202Emoc.tfosorcim',
        displayName: 'Help\u2066desk\u0007',
        partnerName: 'Fabrikam\u200F\u009B',
        contactName: 'Pat\u202A Partner\u001B',
      }),
    );
    for (const part of [mail.subject, mail.text, mail.html]) expect(part).not.toMatch(UNSAFE_CHARACTER);
    expect(mail.subject).toBe('Admin access “Help\uFFFDdesk\uFFFD” to Contoso \uFFFDmoc.tfosorcim ends on December 25, 2026 at 4:00 PM UTC');
    for (const body of [mail.text.replace(/\u200B/g, ''), visible(mail.html)]) {
      expect(body).toContain('Hello Pat\uFFFD Partner\uFFFD,');
      expect(body).toContain('“Help\uFFFDdesk\uFFFD” of Fabrikam\uFFFD\uFFFD to Contoso \uFFFDmoc.tfosorcim reaches its end date');
    }
  });

  test('unknown locale falls back to English; every message key is filled in', () => {
    for (const mail of [renderGrantEndWarningEmail(model({ locale: 'xx-YY' })), renderGrantEndWarningEmail(model({ autoExtend: true }))]) {
      expect(mail.html).toContain('<html lang="en">');
      expect(`${mail.subject}\n${mail.text}\n${mail.html}`).not.toMatch(/\{\w+\}/);
    }
  });
});
