// The referral expiry mails (shared/referrals/expiry-email.ts): the warning to the partner's referral contact
// carries no link and none of the customer's contacts; the note to the requester carries exactly one link, to
// the public directory of the country they asked in, and of the partner only its public name.
process.env.TABLE_NAME = 'unit';
process.env.PUBLIC_BASE_URL = 'https://accounts.partner.example';

import { config } from '../../shared/platform/config.js';
import {
  referralExpiryWarningMail,
  renderExpiryWarningEmail,
  renderRequesterNoteEmail,
  requesterNoteMail,
  type ExpiryWarningModel,
  type RequesterNoteModel,
} from '../../shared/referrals/expiry-email.js';
import { partnerReferralMail } from '../../shared/referrals/partner-referral-email.js';
import { hrefs, UNSAFE_CHARACTER, urls, visible } from '../support/mail';

const warning = (overrides: Partial<ExpiryWarningModel> = {}): ExpiryWarningModel => ({
  locale: 'en',
  contactName: 'Lee Location',
  partnerName: 'Fabrikam Reseller Ltd',
  customerName: 'Contoso Lead Ltd',
  referralId: '7b0c1f1e-3a52-4a59-9d7e-0d5c8a4e2f10',
  expiresAt: '2026-12-25T16:00:00.000Z',
  locationCity: 'Seattle',
  fromDirectory: true,
  ...overrides,
});

const note = (overrides: Partial<RequesterNoteModel> = {}): RequesterNoteModel => ({
  locale: 'en',
  name: 'Lena Lead',
  partnerName: 'Fabrikam Reseller Ltd',
  country: 'DE',
  link: 'https://accounts.partner.example/directory?country=DE',
  ...overrides,
});

const both = (mail: { text: string; html: string }) => [mail.text.replace(/\u200B/g, ''), visible(mail.html)];

describe('renderExpiryWarningEmail', () => {
  test('names the customer company, the referral and the expiry date; says who receives it and why', () => {
    const mail = renderExpiryWarningEmail(warning());
    expect(mail.subject).toBe('A referral from Contoso Lead Ltd expires on December 25, 2026 at 4:00 PM UTC');
    for (const body of both(mail)) {
      expect(body).toContain('Hello Lee Location,');
      expect(body).toContain('Fabrikam Reseller Ltd received a referral from Contoso Lead Ltd that has not been answered yet. If nobody accepts or declines it by December 25, 2026 at 4:00 PM UTC, it expires.');
      expect(body).toContain('The customer asked for help through the partner directory.');
      expect(body).toContain('Accept or decline referral 7b0c1f1e-3a52-4a59-9d7e-0d5c8a4e2f10 in your referrals.');
      expect(body).toContain('as the contact of the Seattle location of Fabrikam Reseller Ltd.');
    }
  });

  test('to the primary contact of a referral that did not come from the directory: no location, no requester line', () => {
    const { locationCity: _city, ...rest } = warning();
    const mail = renderExpiryWarningEmail({ ...rest, fromDirectory: false });
    for (const body of both(mail)) {
      expect(body).toContain('as the primary contact of Fabrikam Reseller Ltd.');
      expect(body).not.toContain('partner directory');
      expect(body).not.toContain('location');
    }
  });

  test('no link at all, even when names look like addresses or URLs; every value escaped; one-line subject', () => {
    const mail = renderExpiryWarningEmail(
      warning({ customerName: 'Contoso.com https://phish.example <b>x</b>\r\nBcc: a@b.example', partnerName: 'Fabrikam.example', contactName: 'http://contact.example', locationCity: 'www.evil.example' }),
    );
    for (const body of [mail.text, mail.html]) {
      expect(urls(body)).toEqual([]);
      expect(body).not.toMatch(/phish\.example|evil\.example|contact\.example|Fabrikam\.example/);
    }
    expect(hrefs(mail.html)).toEqual([]);
    expect(mail.html).not.toMatch(/<a\b|<b>/);
    expect(mail.html).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(mail.subject).not.toMatch(/[\r\n]/);
    for (const part of [mail.subject, mail.text, mail.html]) expect(part).not.toMatch(UNSAFE_CHARACTER);
    expect(`${mail.subject}\n${mail.text}\n${mail.html}`).not.toMatch(/\{\w+\}/);
  });
});

describe('renderRequesterNoteEmail', () => {
  test('tells the requester the partner did not answer and to choose another, with one link to the directory of the country', () => {
    const mail = renderRequesterNoteEmail(note());
    expect(mail.subject).toBe('Fabrikam Reseller Ltd did not answer your request');
    for (const body of both(mail)) {
      expect(body).toContain('Hello Lena Lead,');
      expect(body).toContain('You asked Fabrikam Reseller Ltd for help through the partner directory. They did not answer within 14 days, so your request is closed.');
      expect(body).toContain('Please choose another partner. The directory lists the partners in Germany:');
      expect(body).toContain('Find a partner in Germany');
    }
    expect(hrefs(mail.html)).toEqual(['https://accounts.partner.example/directory?country=DE']);
    expect(urls(mail.text)).toEqual(['https://accounts.partner.example/directory?country=DE']);
    expect(`${mail.subject}\n${mail.text}\n${mail.html}`).not.toMatch(/\{\w+\}/);
  });

  test('a partner name that looks like a URL stays plain text: the directory link is the only link', () => {
    const mail = renderRequesterNoteEmail(note({ partnerName: 'Fabrikam.example https://phish.example', name: '<i>Lena</i>' }));
    expect(hrefs(mail.html)).toEqual(['https://accounts.partner.example/directory?country=DE']);
    expect(urls(mail.text)).toEqual(['https://accounts.partner.example/directory?country=DE']);
    expect(mail.html).toContain('Hello &lt;i&gt;Lena&lt;/i&gt;,');
  });
});

describe('the mail kinds', () => {
  test('the note links to the public directory at publicBaseUrl, filtered to the stored country; a malformed payload is refused', async () => {
    const payload = { to: 'lena@contoso-lead.example', partnerId: 'p-1', referralId: 'r-1', locale: 'en', name: 'Lena Lead', partnerName: 'Fabrikam', country: 'FR' };
    const delivery = await requesterNoteMail.prepare(requesterNoteMail.parse(payload), 1);
    expect(delivery!.to).toBe('lena@contoso-lead.example');
    expect(config().publicBaseUrl).toBe('https://accounts.partner.example');
    expect(hrefs(delivery!.mail.html)).toEqual(['https://accounts.partner.example/directory?country=FR']);
    expect(requesterNoteMail.logIds(payload)).toEqual({ partnerId: 'p-1', referralId: 'r-1' });
    expect(() => requesterNoteMail.parse({ ...payload, country: 'FR&x=<y>' })).toThrow(/malformed/);
    expect(() => requesterNoteMail.parse({ ...payload, to: undefined })).toThrow(/malformed/);
  });

  test('the warning goes to the stored contact; its logs carry ids only', async () => {
    const payload = { ...warning(), to: 'lee@partner.example', partnerId: 'p-1', warning: '3' };
    const delivery = await referralExpiryWarningMail.prepare(referralExpiryWarningMail.parse(payload), 1);
    expect(delivery!.to).toBe('lee@partner.example');
    expect(referralExpiryWarningMail.logIds(referralExpiryWarningMail.parse(payload))).toEqual({ partnerId: 'p-1', referralId: warning().referralId, warning: '3' });
    expect(() => referralExpiryWarningMail.parse({ ...payload, fromDirectory: 'yes' })).toThrow(/malformed/);
  });
});

describe('the mail of a referral between partners', () => {
  const payload = {
    to: 'rosa@fabrikam-reseller.example',
    partnerId: 'reseller-1',
    referralId: 'r-1',
    locale: 'en',
    contactName: 'Rosa Reseller',
    resellerName: 'Fabrikam Reseller LLC',
    providerName: 'Tailspin.example <b>Distribution</b>',
    customerName: 'Contoso Lead Ltd',
    expiresAt: '2026-12-25T16:00:00.000Z',
  };

  test('names the provider, the customer, the referral and the date; no link, every value escaped; ids only in logs', async () => {
    const delivery = await partnerReferralMail.prepare(partnerReferralMail.parse(payload), 1);
    expect(delivery!.to).toBe(payload.to);
    const mail = delivery!.mail;
    expect(mail.subject).toBe('Tailspin.example <b>Distribution</b> referred Contoso Lead Ltd to you');
    for (const body of both(mail)) {
      expect(body).toContain('Hello Rosa Reseller,');
      expect(body).toContain('referred the customer Contoso Lead Ltd to you. It waits in your referrals as a new referral (id r-1).');
      expect(body).toContain('before December 25, 2026 at 4:00 PM UTC');
      expect(body).toContain('as the primary contact of Fabrikam Reseller LLC.');
    }
    expect(hrefs(mail.html)).toEqual([]);
    expect(urls(mail.text)).toEqual([]);
    expect(mail.html).not.toMatch(/<a\b|<b>/);
    expect(partnerReferralMail.logIds(payload)).toEqual({ partnerId: 'reseller-1', referralId: 'r-1' });
    expect(() => partnerReferralMail.parse({ ...payload, providerName: 3 })).toThrow(/malformed/);
  });
});
