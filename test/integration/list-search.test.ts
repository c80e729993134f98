// Listing, searching, paging (continuation tokens) and the CSV export of customers.
import { customerBody, countDynamoDbCalls, newPartner, startApi, uniqueId, type TestApi } from '../support/api';
import { bulkCreateCustomers, createCustomer, expectProblem, expectStatus, listAllCustomers } from './helpers';

jest.setTimeout(60_000);

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.close());

type Partner = Awaited<ReturnType<typeof newPartner>>;

/** Minimal RFC 4180 reader: quoted cells, doubled quotes, CRLF rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

describe('paging through 260 customers', () => {
  const COUNT = 260;
  let partner: Partner;
  let ids: string[];

  beforeAll(async () => {
    partner = await newPartner(api);
    const prefix = uniqueId('bulk');
    ids = await bulkCreateCustomers(partner.partnerId, COUNT, (i) => ({
      domain: `${prefix}-${i}.onmicrosoft.com`,
      overrides: { companyProfile: { companyName: `Bulk Customer ${String(i).padStart(3, '0')}`, domain: `${prefix}-${i}.onmicrosoft.com` } },
    }));
  });

  test('walking continuationToken pages of limit 100 returns every customer exactly once, one Query per page', async () => {
    const token = partner.tokens['helpdesk-agent'];
    const seen: string[] = [];
    const pageSizes: number[] = [];
    const counter = countDynamoDbCalls();
    try {
      let continuationToken: string | undefined;
      do {
        const query = new URLSearchParams({ limit: '100', ...(continuationToken ? { continuationToken } : {}) });
        counter.reset();
        const page = await api.request('GET', `/v1/customers?${query}`, { token });
        expect(counter.calls).toEqual(['QueryCommand']);
        expectStatus(page, 200);
        pageSizes.push(page.body.items.length);
        seen.push(...page.body.items.map((c: { id: string }) => c.id));
        continuationToken = page.body.continuationToken;
      } while (continuationToken && pageSizes.length < 10);
    } finally {
      counter.stop();
    }
    expect(pageSizes.slice(0, 3)).toEqual([100, 100, 60]);
    expect(pageSizes.slice(3).every((n) => n === 0)).toBe(true);
    expect(seen).toHaveLength(COUNT);
    expect(new Set(seen).size).toBe(COUNT);
    expect([...seen].sort()).toEqual([...ids].sort());
  });

  test('without a limit a page has 25 customers', async () => {
    const page = await api.request('GET', '/v1/customers', { token: partner.tokens['sales-agent'] });
    expectStatus(page, 200);
    expect(page.body.items).toHaveLength(25);
    expect(typeof page.body.continuationToken).toBe('string');
  });

  test('a search that matches every customer pages the same way', async () => {
    const seen: string[] = [];
    let continuationToken: string | undefined;
    let pages = 0;
    do {
      const query = new URLSearchParams({ q: 'bulk customer', limit: '100', ...(continuationToken ? { continuationToken } : {}) });
      const page = await api.request('GET', `/v1/customers?${query}`, { token: partner.tokens['sales-agent'] });
      expectStatus(page, 200);
      seen.push(...page.body.items.map((c: { id: string }) => c.id));
      continuationToken = page.body.continuationToken;
      pages++;
    } while (continuationToken && pages < 10);
    expect(seen).toHaveLength(COUNT);
    expect(new Set(seen).size).toBe(COUNT);
  });

  test('the CSV export has the header and one row per customer', async () => {
    const csv = await api.request('GET', '/v1/customers/export', { token: partner.tokens['helpdesk-agent'] });
    expectStatus(csv, 200);
    const rows = parseCsv(csv.text);
    expect(rows).toHaveLength(COUNT + 1);
    expect(new Set(rows.slice(1).map((r) => r[0])).size).toBe(COUNT);
    expect(rows.slice(1).map((r) => r[0]).sort()).toEqual([...ids].sort());
  });
});

describe('list parameters and continuation tokens', () => {
  let partner: Partner;
  let other: Partner;
  beforeAll(async () => {
    [partner, other] = await Promise.all([newPartner(api), newPartner(api)]);
    for (let i = 0; i < 3; i++) await createCustomer(api, partner.tokens['global-admin'], undefined, {});
    await createCustomer(api, other.tokens['global-admin']);
  });

  const firstPage = async (query: string, p: Partner = partner) => {
    const page = await api.request('GET', `/v1/customers?${query}`, { token: p.tokens['global-admin'] });
    expectStatus(page, 200);
    expect(typeof page.body.continuationToken).toBe('string');
    return page.body.continuationToken as string;
  };

  test.each(['0', '101', 'abc', '-1', '1.5', ''])('limit=%s is 400', async (limit) => {
    const response = await api.request('GET', `/v1/customers?limit=${limit}`, { token: partner.tokens['global-admin'] });
    expectProblem(response, 400, 'validation');
    expect(response.body.errors.map((e: { path: string }) => e.path)).toContain('query.limit');
  });

  test('limits 1 and 100 are accepted', async () => {
    const one = await api.request('GET', '/v1/customers?limit=1', { token: partner.tokens['global-admin'] });
    const hundred = await api.request('GET', '/v1/customers?limit=100', { token: partner.tokens['global-admin'] });
    expect([one.status, hundred.status]).toEqual([200, 200]);
    expect(one.body.items).toHaveLength(1);
    expect(hundred.body.items).toHaveLength(3);
    expect(hundred.body.continuationToken).toBeUndefined();
  });

  test('an unknown query parameter, an unknown state and an empty q are 400', async () => {
    for (const query of ['sort=name', 'state=suspended', 'state=ACTIVE', 'q=', 'q=%20%20']) {
      const response = await api.request('GET', `/v1/customers?${query}`, { token: partner.tokens['global-admin'] });
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
    }
  });

  test('the continuation token is opaque: it does not show the partner id or the keys', async () => {
    const token = await firstPage('limit=1');
    const decoded = Buffer.from(token, 'base64url').toString('latin1');
    expect(decoded).not.toContain(partner.partnerId);
    expect(decoded).not.toContain('PARTNER#');
    expect(decoded).not.toContain('CUSTOMER');
  });

  test('a forged or altered continuation token is a 400 problem', async () => {
    const token = await firstPage('limit=1');
    const middle = Math.floor(token.length / 2);
    const altered = token.slice(0, middle) + (token[middle] === 'A' ? 'B' : 'A') + token.slice(middle + 1);
    const forgedPlain = Buffer.from(JSON.stringify({ pk: `PARTNER#${other.partnerId}`, sk: 'CUSTOMER#x' })).toString('base64url');
    const randomBytes = Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 37) % 256)).toString('base64url');
    for (const bad of [altered, token.slice(0, -4), forgedPlain, randomBytes, 'abc', '!!!!']) {
      const response = await api.request('GET', `/v1/customers?limit=1&continuationToken=${encodeURIComponent(bad)}`, { token: partner.tokens['global-admin'] });
      expect({ bad, status: response.status }).toEqual({ bad, status: 400 });
      expectProblem(response, 400, 'invalid-continuation-token');
    }
    const tooLong = await api.request('GET', `/v1/customers?continuationToken=${'A'.repeat(3000)}`, { token: partner.tokens['global-admin'] });
    expectProblem(tooLong, 400, 'validation');
  });

  test('a token is good only for the query and the partner it was issued for', async () => {
    const plain = await firstPage('limit=1');
    const searched = await firstPage('limit=1&q=contoso');
    const active = await firstPage('limit=1&state=active');
    const misuse: [string, string, Partner][] = [
      ['plain token with q', `limit=1&q=contoso&continuationToken=${plain}`, partner],
      ['plain token with state', `limit=1&state=active&continuationToken=${plain}`, partner],
      ['q token without q', `limit=1&continuationToken=${searched}`, partner],
      ['q token with another q', `limit=1&q=contos&continuationToken=${searched}`, partner],
      ['state token without state', `limit=1&continuationToken=${active}`, partner],
      ['plain token by another partner', `limit=1&continuationToken=${plain}`, other],
      ['q token by another partner', `limit=1&q=contoso&continuationToken=${searched}`, other],
    ];
    for (const [name, query, p] of misuse) {
      const response = await api.request('GET', `/v1/customers?${query}`, { token: p.tokens['global-admin'] });
      expect({ name, status: response.status, type: response.body.type }).toEqual({
        name, status: 400, type: 'https://reseller-accounts.dev/problems/invalid-continuation-token',
      });
    }
    // The same token with its own query still works (and another limit is fine).
    const ok = await api.request('GET', `/v1/customers?limit=2&q=contoso&continuationToken=${searched}`, { token: partner.tokens['sales-agent'] });
    expectStatus(ok, 200);
    expect(ok.body.items).toHaveLength(2);
  });

  test('a customer list token is refused by the activity log', async () => {
    const plain = await firstPage('limit=1');
    const response = await api.request('GET', `/v1/activity?continuationToken=${plain}`, { token: partner.tokens['global-admin'] });
    expectProblem(response, 400, 'invalid-continuation-token');
  });
});

describe('search and filter', () => {
  let partner: Partner;
  let other: Partner;
  const c: Record<string, { id: string; domain: string }> = {};

  const make = async (key: string, name: string, domain: string, p: Partner = partner) => {
    const { customer } = await createCustomer(api, p.tokens['global-admin'], domain, { companyProfile: { companyName: name, domain } });
    c[key] = { id: customer.id, domain };
  };

  beforeAll(async () => {
    [partner, other] = await Promise.all([newPartner(api), newPartner(api)]);
    const u = uniqueId('s').slice(2);
    await Promise.all([
      make('both', 'Fabrikam Inc', `fabrikam-${u}.onmicrosoft.com`), // name and domain start with "fab"
      make('north', 'Northwind Traders', `nwt-${u}.onmicrosoft.com`),
      make('domainOnly', 'Tailspin Toys', `fabtoys-${u}.onmicrosoft.com`), // only the domain starts with "fab"
      make('upper', 'FABULOUS Foods', `ff-${u}.onmicrosoft.com`), // name in capitals
      make('inner', 'Contoso Fab', `contoso-${u}.onmicrosoft.com`), // "fab" but not as a prefix
      make('foreign', 'Fabrikam Elsewhere', `fabother-${u}.onmicrosoft.com`, other),
      make('ended', 'Endeavour Ltd', `endeavour-${u}.onmicrosoft.com`),
    ]);
    // A Global admin ends one relationship: the customer leaves the active list but stays findable.
    const end = await api.request('POST', `/v1/customers/${c.ended!.id}/relationship/end`, { token: partner.tokens['global-admin'], body: { reason: 'Moved to another reseller' } });
    expectStatus(end, 200);
    expect(end.body.state).toBe('ended');
  });

  const search = async (query: string, p: Partner = partner) => {
    const items = await listAllCustomers(api, p.tokens['sales-agent'], query);
    return items.map((x) => x.id);
  };
  const ids = (...keys: string[]) => keys.map((k) => c[k]!.id).sort();

  test('q is a case-insensitive prefix of company name or domain; a customer matching both appears once', async () => {
    const found = await search('q=fab');
    expect(found.sort()).toEqual(ids('both', 'domainOnly', 'upper'));
    expect((await search('q=FaB')).sort()).toEqual(ids('both', 'domainOnly', 'upper'));
  });

  test('q matches a name prefix with spaces, a domain prefix, and nothing else', async () => {
    expect(await search('q=northwind%20tr')).toEqual(ids('north'));
    expect(await search('q=NWT-')).toEqual(ids('north'));
    expect(await search(`q=${c.domainOnly!.domain}`)).toEqual(ids('domainOnly'));
    expect(await search('q=traders')).toEqual([]);
    expect(await search('q=zzz-no-match')).toEqual([]);
  });

  test('a prefix finds names that go on with any character, one beyond the Basic Multilingual Plane too', async () => {
    // The prefix is read as a key range: one that ended below U+10FFFF would miss the emoji right after it.
    const own = await newPartner(api);
    const u = uniqueId('s').slice(2);
    await Promise.all([
      make('astral', 'Smile\u{1F600} Co', `smile-${u}.onmicrosoft.com`, own),
      make('nextPrefix', 'Smilf Co', `smilf-${u}.onmicrosoft.com`, own),
    ]);
    const search = async (query: string) => (await listAllCustomers(api, own.tokens['sales-agent'], query)).map((x) => x.id).sort();
    expect(await search(`q=${encodeURIComponent('smile\u{1F600}')}`)).toEqual(ids('astral'));
    expect((await search('q=smil')).sort()).toEqual(ids('astral', 'nextPrefix'));
    expect(await search('q=smile')).toEqual(ids('astral'));
  });

  test('a match on both name and domain is returned once even when walking pages of one', async () => {
    const seen: string[] = [];
    let continuationToken: string | undefined;
    for (let pages = 0; pages < 20; pages++) {
      const query = new URLSearchParams({ q: 'fab', limit: '1', ...(continuationToken ? { continuationToken } : {}) });
      const page = await api.request('GET', `/v1/customers?${query}`, { token: partner.tokens['sales-agent'] });
      expectStatus(page, 200);
      expect(page.body.items.length).toBeLessThanOrEqual(1);
      seen.push(...page.body.items.map((x: { id: string }) => x.id));
      continuationToken = page.body.continuationToken;
      if (!continuationToken) break;
    }
    expect(continuationToken).toBeUndefined();
    expect(seen.sort()).toEqual(ids('both', 'domainOnly', 'upper'));
  });

  test('state=active lists only active customers, state=ended only ended ones, no state both; state and q combine', async () => {
    expect((await search('state=active')).sort()).toEqual(ids('both', 'north', 'domainOnly', 'upper', 'inner'));
    expect(await search('state=ended')).toEqual(ids('ended'));
    expect((await search('')).sort()).toEqual(ids('both', 'north', 'domainOnly', 'upper', 'inner', 'ended'));
    expect((await search('state=active&q=fab')).sort()).toEqual(ids('both', 'domainOnly', 'upper'));
    expect(await search('state=ended&q=fab')).toEqual([]);
    expect(await search('state=ended&q=ENDEA')).toEqual(ids('ended'));
    expect(await search('state=ended&q=endeavour-')).toEqual(ids('ended'));
    expect(await search('state=active&q=endea')).toEqual([]);
    expect(await search('q=endea')).toEqual(ids('ended'));
  });

  test("another partner's customers never appear in its list, search or export", async () => {
    const all = await search('');
    expect(all.sort()).toEqual(ids('both', 'north', 'domainOnly', 'upper', 'inner', 'ended'));
    expect(await search('q=fabrikam')).toEqual(ids('both'));
    expect(await search('q=fabother')).toEqual([]);
    const csv = await api.request('GET', '/v1/customers/export', { token: partner.tokens['sales-agent'] });
    expect(csv.text).not.toContain(c.foreign!.id);
    expect(csv.text).not.toContain(c.foreign!.domain);
    // ...and the other way round.
    expect(await search('', other)).toEqual(ids('foreign'));
    expect(await search('q=fab', other)).toEqual(ids('foreign'));
    const theirs = await api.request('GET', '/v1/customers/export', { token: other.tokens['sales-agent'] });
    expect(parseCsv(theirs.text).slice(1).map((r) => r[0])).toEqual(ids('foreign'));
  });
});

describe('CSV export', () => {
  const HEADER = [
    'id', 'tenantId', 'companyName', 'domain', 'state', 'relationshipToPartner', 'associatedPartnerId', 'billingEmail', 'billingCompanyName',
    'country', 'region', 'city', 'postalCode', 'addressLine1', 'addressLine2', 'contactFirstName', 'contactLastName', 'phoneNumber', 'createdAt', 'updatedAt',
  ];
  const dangerous = ['=HYPERLINK("http://x")', '+1+2', '-2', '@SUM(1)', '=1+2"; drop', 'Quote "Inc" Ltd'];
  let partner: Partner;
  let created: Record<string, string>;

  beforeAll(async () => {
    partner = await newPartner(api);
    created = {};
    await Promise.all(
      dangerous.map(async (name) => {
        const domain = `${uniqueId('csv')}.onmicrosoft.com`;
        const body = customerBody(domain, { companyProfile: { companyName: name, domain } }) as any;
        body.billingProfile.companyName = name;
        body.billingProfile.defaultAddress.city = "=cmd|'/C calc'!A0";
        body.billingProfile.defaultAddress.phoneNumber = '+1 425 555 0100';
        const response = await api.request('POST', '/v1/customers', { token: partner.tokens['global-admin'], body });
        expectStatus(response, 201);
        created[name] = response.body.id;
      }),
    );
  });

  test('is text/csv with a header row and one row per customer', async () => {
    const response = await api.request('GET', '/v1/customers/export', { token: partner.tokens['helpdesk-agent'] });
    expectStatus(response, 200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toMatch(/attachment/);
    const rows = parseCsv(response.text);
    expect(rows[0]).toEqual(HEADER);
    expect(rows).toHaveLength(dangerous.length + 1);
    for (const row of rows) expect(row).toHaveLength(HEADER.length);
    expect(rows.slice(1).map((r) => r[0]).sort()).toEqual(Object.values(created).sort());
  });

  test('no cell starts with = + - @: formula-like values get a leading apostrophe, and quotes are doubled', async () => {
    const response = await api.request('GET', '/v1/customers/export', { token: partner.tokens['helpdesk-agent'] });
    const rows = parseCsv(response.text);
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    const byId = new Map(rows.slice(1).map((r) => [r[0], r]));
    const col = (name: string) => HEADER.indexOf(name);
    expect(byId.get(created['=HYPERLINK("http://x")'])![col('companyName')]).toBe(`'=HYPERLINK("http://x")`);
    expect(byId.get(created['+1+2'])![col('companyName')]).toBe(`'+1+2`);
    expect(byId.get(created['-2'])![col('companyName')]).toBe(`'-2`);
    expect(byId.get(created['@SUM(1)'])![col('companyName')]).toBe(`'@SUM(1)`);
    expect(byId.get(created['@SUM(1)'])![col('billingCompanyName')]).toBe(`'@SUM(1)`);
    expect(byId.get(created['Quote "Inc" Ltd'])![col('companyName')]).toBe('Quote "Inc" Ltd');
    expect(byId.get(created['-2'])![col('city')]).toBe(`'=cmd|'/C calc'!A0`);
    expect(byId.get(created['-2'])![col('phoneNumber')]).toBe(`'+1 425 555 0100`);
    // On the wire: every cell quoted, inner quotes doubled.
    expect(response.text).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(response.text).toContain(`"Quote ""Inc"" Ltd"`);
    expect(response.text).toContain(`"'=1+2""; drop"`);
  });
});
