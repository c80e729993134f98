// The bundles replace mnemonist's LRU cache with infra/endpoint-lru-cache.ts: it must keep the contract the
// SDK's endpoint cache relies on, inside a real bundle built with the deployed settings.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import LRUCache from '../../infra/endpoint-lru-cache';
import { BUNDLE_ALIAS, BUNDLE_MAIN_FIELDS, BUNDLE_TARGET } from '../../infra/bundling';

test('bounded: past its capacity the least recently used entry goes, and peek does not count as a use', () => {
  const cache = new LRUCache<string, number>(2);
  cache.set('a', 1).set('b', 2);
  expect(cache.get('a')).toBe(1);
  cache.set('c', 3);
  expect([cache.has('a'), cache.has('b'), cache.has('c')]).toEqual([true, false, true]);
  expect(cache.peek('c')).toBe(3);
  cache.set('d', 4);
  expect([cache.has('a'), cache.has('c'), cache.has('d')]).toEqual([false, true, true]);
  expect(cache.size).toBe(2);
  cache.clear();
  expect(cache.size).toBe(0);
  expect(cache.get('c')).toBeUndefined();
});

test('a bundled DynamoDB client builds its endpoint cache on it, and the cache keeps, expires and drops endpoints', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lru-bundle-'));
  try {
    const outfile = join(dir, 'index.js');
    await build({
      stdin: {
        contents: `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
          export const cache = new DynamoDBClient({ region: 'us-east-1' }).config.endpointCache;`,
        resolveDir: process.cwd(),
        loader: 'ts',
      },
      outfile,
      bundle: true,
      platform: 'node',
      target: BUNDLE_TARGET,
      format: 'cjs',
      mainFields: BUNDLE_MAIN_FIELDS,
      alias: BUNDLE_ALIAS,
      metafile: true,
      logLevel: 'error',
    }).then(({ metafile }) => {
      const inputs = Object.keys(metafile.outputs[Object.keys(metafile.outputs).find((f) => f.endsWith('index.js'))!]!.inputs);
      expect(inputs.some((input) => input.includes('mnemonist'))).toBe(false);
      expect(inputs).toContain('infra/endpoint-lru-cache.ts');
    });
    const { cache } = require(outfile);
    cache.set('k', [{ Address: 'a.example', CachePeriodInMinutes: 1 }]);
    expect(cache.getEndpoint('k')).toBe('a.example');
    cache.set('gone', [{ Address: 'b.example', CachePeriodInMinutes: -1 }]);
    expect(cache.getEndpoint('gone')).toBeUndefined();
    cache.delete('k');
    expect(cache.has('k')).toBe(false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
