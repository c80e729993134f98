// The directory's index and its one-Query pages, built without I/O: which partition a search reads, what
// filters it, and the sort keys that make the stated order.
import fc from 'fast-check';
import { directoryItems, listingSortKey, MAX_SEARCH_WORDS, profileWords, searchWords, speedKey, type PublishedProfile } from '../../shared/directory/entries';
import { listingQuery } from '../../shared/directory/search';

const profile = (over: Partial<PublishedProfile> = {}): PublishedProfile => ({
  partnerId: 'p1',
  country: 'US',
  description: 'Not searched: secretword',
  website: 'https://p1.example',
  industries: ['hospitalityAndTravel'],
  products: ['microsoft365'],
  services: [],
  solutions: ['Hospitality apps', 'Teams rollout'],
  customerSizes: ['1to9employees'],
  locations: [{ id: 'l1', address: { country: 'US', city: 'Austin', addressLine1: '1 Main', postalCode: '1' }, contact: { name: 'Lee', email: 'lee@p1.example' } }],
  referenceDataVersion: '2026-11',
  published: true,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  version: 1,
  ...over,
});

describe('search words', () => {
  test('lower-case, compatibility-normalised, split on anything but letters and digits, no stop words or single letters', () => {
    expect(searchWords('Ｃloud-Migration & the AI of x 365')).toEqual(['cloud', 'migration', 'ai', '365']);
  });

  test('tag words are marked, words only in solutions are not; the description is not indexed', () => {
    expect(profileWords(profile())).toEqual([
      { word: 'hospitality', tag: true },
      { word: 'travel', tag: true },
      { word: 'microsoft', tag: true },
      { word: '365', tag: true },
      { word: 'apps', tag: false },
      { word: 'teams', tag: false },
      { word: 'rollout', tag: false },
    ]);
  });
});

describe('order', () => {
  test('sort keys: tag match first, then faster, unknown last, then partner id', () => {
    const keys = [
      listingSortKey('b', 'US', undefined, true),
      listingSortKey('a', 'US', 30, true),
      listingSortKey('z', 'US', 0.5, false),
      listingSortKey('c', 'US', 2, true),
    ];
    expect([...keys].sort()).toEqual([keys[3], keys[1], keys[0], keys[2]]);
  });

  test('speed keys sort as the hours do (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 1e6, noNaN: true }), (a, b) => {
        const [ka, kb] = [speedKey(a), speedKey(b)];
        if (Math.ceil(Math.min(a, 99_999)) < Math.ceil(Math.min(b, 99_999))) expect(ka < kb).toBe(true);
        expect(ka < speedKey(undefined)).toBe(true);
      }),
    );
  });
});

describe('index items', () => {
  test('one listing per partition (all, country, each word) and one item per location, all under the partner', () => {
    const items = directoryItems(profile(), 'Fabrikam', { hours: 2, version: 3 });
    expect(items.map((i) => [i.sk, i.gsi3pk ?? null])).toEqual([
      ['DIRECTORY#US#ALL', 'DIRECTORY#ALL'],
      ['DIRECTORY#US#COUNTRY', 'DIRECTORY#COUNTRY#US'],
      ...profileWords(profile()).map(({ word }) => [`DIRECTORY#US#WORD#${word}`, `DIRECTORY#WORD#${word}`]),
      ['DIRECTORY#LOCATION#l1', null],
    ]);
    expect(new Set(items.map((i) => i.pk))).toEqual(new Set(['PARTNER#p1']));
    expect(items.find((i) => i.sk === 'DIRECTORY#US#WORD#apps')).toMatchObject({ gsi3sk: '1#00002#p1#US', responseHours: 2, responseVersion: 3, name: 'Fabrikam' });
    // The lead contact is never copied into the public items.
    expect(JSON.stringify(items)).not.toContain('lee@p1.example');
  });

  test('the largest profile still fits one transaction when an update replaces every item', () => {
    const solutions = Array.from({ length: MAX_SEARCH_WORDS }, (_, i) => `w${i}`);
    const locations = Array.from({ length: 5 }, (_, i) => ({ ...profile().locations[0]!, id: `l${i}` }));
    const items = directoryItems(profile({ industries: [], products: [], solutions, locations }), 'n', { version: 0 });
    // Removed old items + new items + the profile, its activity record and the response-time check.
    expect(2 * items.length + 3).toBeLessThanOrEqual(100);
  });
});

describe('a page as one Query', () => {
  test('no keyword, no country: the whole directory', () => {
    expect(listingQuery({}).query).toEqual({ index: 'search', pk: 'DIRECTORY#ALL', limit: 20 });
  });

  test('a country without a keyword reads that country; the other filters narrow it', () => {
    expect(listingQuery({ country: 'DE', industry: 'retail', customerSize: '1to9employees', limit: 5 }).query).toEqual({
      index: 'search',
      pk: 'DIRECTORY#COUNTRY#DE',
      limit: 5,
      filter: {
        expression: 'contains(#f0, :f0) AND contains(#f1, :f1)',
        names: { '#f0': 'customerSizes', '#f1': 'industries' },
        values: { ':f0': '1to9employees', ':f1': 'retail' },
      },
    });
  });

  test('keywords: the longest word picks the partition, the others and the country filter it', () => {
    const { query } = listingQuery({ q: 'Teams hospitality', country: 'US' });
    expect(query).toMatchObject({ pk: 'DIRECTORY#WORD#hospitality', filter: { expression: '#f0 = :f0 AND contains(#f1, :f1)', values: { ':f0': 'US', ':f1': 'teams' } } });
  });

  test('a continuation token is bound to its search', () => {
    expect(listingQuery({ q: 'teams' }).binding).not.toEqual(listingQuery({ q: 'teams', country: 'US' }).binding);
    expect(listingQuery({ q: 'teams' }).binding).toEqual(listingQuery({ q: 'TEAMS' }).binding);
  });
});
