// The customer admin's side of the invitation flow, as a browser does it: the link from the captured
// mail, the public page (its cookie and csrf value), and the form posts, each answer held against the OpenAPI
// document. For integration tests.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { linksIn, type CapturedMail, type TestApi } from './api';
import { checkAgainstDocument } from './api-contract';

const headerValue = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
};

/** Helpers bound to a test file's API, given lazily because it starts in beforeAll. */
export function publicPages(getApi: () => TestApi) {
  /** The one link in the newest mail to `to`, after the mailer has sent everything pending. */
  async function linkFromMail(to: string): Promise<{ link: string; path: string; mail: CapturedMail }> {
    const api = getApi();
    await api.mailer.drain();
    const mails = await api.mailbox({ to });
    const mail = mails[mails.length - 1];
    if (!mail) throw new Error(`no mail to ${to}`);
    const links = [...new Set([...linksIn(mail.text), ...linksIn(mail.html.replace(/&amp;/g, '&'))])];
    expect(links).toHaveLength(1);
    return { link: links[0]!, path: new URL(links[0]!).pathname, mail };
  }

  /** Opens the page like a browser: keeps the cookie and reads the form's csrf value. */
  async function openPage(path: string) {
    const response = await fetch(getApi().url + path);
    const html = await response.text();
    checkAgainstDocument({ method: 'GET', target: path, status: response.status, header: (name) => response.headers.get(name) ?? undefined, body: html });
    const cookie = response.headers.get('set-cookie')?.split(';')[0];
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
    return { response, html, cookie, csrf };
  }

  /** `from`: the loopback address to send from (127.x.y.z), for limits per client network. */
  function postForm(path: string, fields: Record<string, string>, cookie?: string, from?: string) {
    const body = new URLSearchParams(fields).toString();
    return new Promise<{ status: number; html: string; headers: IncomingHttpHeaders }>((resolve, reject) => {
      const request = httpRequest(
        getApi().url + path,
        {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), ...(cookie ? { cookie } : {}) },
          ...(from ? { localAddress: from } : {}),
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const html = Buffer.concat(chunks).toString('utf8');
            try {
              checkAgainstDocument({ method: 'POST', target: path, status: response.statusCode!, header: (name) => headerValue(response.headers, name), body: html });
              resolve({ status: response.statusCode!, html, headers: response.headers });
            } catch (error) {
              reject(error);
            }
          });
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  }

  async function accept(path: string, fields: { domain: string; companyName?: string; country?: string }) {
    const page = await openPage(path);
    expect(page.response.status).toBe(200);
    return postForm(`${path}/accept`, { csrf: page.csrf!, companyName: 'Contoso Ltd', country: 'US', acceptorName: 'Avery Admin', ...fields }, page.cookie);
  }

  return { linkFromMail, openPage, postForm, accept };
}
