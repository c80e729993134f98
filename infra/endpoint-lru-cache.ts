// Bundled in place of mnemonist/lru-cache (see BUNDLE_ALIAS). The DynamoDB client always builds an
// endpoint-discovery cache, which only endpoint discovery (off unless enabled) ever fills; mnemonist and its
// helpers add about 6.5 kB to every bundle for it. This keeps the same bounded, least-recently-used contract
// on a Map, whose insertion order is the recency order.
export default class LRUCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  get size() {
    return this.entries.size;
  }

  has(key: K) {
    return this.entries.has(key);
  }

  /** Reads without making the entry the most recent. */
  peek(key: K) {
    return this.entries.get(key);
  }

  get(key: K) {
    if (!this.entries.has(key)) return undefined;
    const value = this.entries.get(key)!;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: K, value: V) {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return this;
  }

  clear() {
    this.entries.clear();
  }
}
