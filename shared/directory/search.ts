// A directory page as one Query: which directory partition it reads, and which filter narrows it. Built
// without I/O so that its shape can be tested on its own.
import type { PartitionQuery } from '../platform/dynamo/query.js';
import { searchWords } from './entries.js';
import { directoryPartitions } from './entity.js';
import { DIRECTORY_PAGE_SIZE, type DirectoryQuery } from './schemas.js';

export const MAX_QUERY_WORDS = 8;

/** The order, as the page and the JSON answer state it. */
export const DIRECTORY_ORDER =
  'Profiles whose expertise tags (industries, products, services) hold the searched word come first, then those where only a solution holds it; ' +
  'within each, partners that answer referrals faster (mean hours to answer) come first, and partners that have not answered one yet come last.';

export function listingQuery(query: DirectoryQuery): { query: PartitionQuery; binding: string } {
  const words = searchWords(query.q ?? '').slice(0, MAX_QUERY_WORDS);
  // The longest word is likely the rarest: its partition is read, and the other words filter it.
  const anchor = [...words].sort((a, b) => b.length - a.length)[0];
  const others = words.filter((word) => word !== anchor);
  const pk = anchor ? directoryPartitions.word(anchor) : query.country ? directoryPartitions.country(query.country) : directoryPartitions.all;

  const conditions: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const add = (attribute: string, value: string | undefined, test: 'equals' | 'contains') => {
    if (value === undefined) return;
    const i = conditions.length;
    names[`#f${i}`] = attribute;
    values[`:f${i}`] = value;
    conditions.push(test === 'equals' ? `#f${i} = :f${i}` : `contains(#f${i}, :f${i})`);
  };
  if (anchor) add('country', query.country, 'equals');
  add('customerSizes', query.customerSize, 'contains');
  add('industries', query.industry, 'contains');
  add('products', query.product, 'contains');
  add('services', query.service, 'contains');
  for (const word of others) add('words', word, 'contains');

  return {
    query: {
      index: 'search',
      pk,
      limit: query.limit ?? DIRECTORY_PAGE_SIZE,
      ...(conditions.length ? { filter: { expression: conditions.join(' AND '), names, values } } : {}),
    },
    // A continuation token opens only for the very search it came from.
    binding: `directory|${pk}|${JSON.stringify([query.country, query.customerSize, query.industry, query.product, query.service, others, query.limit])}`,
  };
}
