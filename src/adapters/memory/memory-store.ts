import type { Clock, KeyValueStore, SetOptions } from "../../ports/index.ts";

interface Entry {
  value: string;
  expiresAt: number | null;
}

function globToRegExp(pattern: string): RegExp {
  const escaped = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${escaped}$`);
}

/**
 * The cache port in process memory: the whole cache when Redis is not configured, and the
 * fallback while it is down. Per isolate, so nothing here is shared between instances.
 */
export class MemoryStore implements Omit<KeyValueStore, "backend"> {
  private readonly entries = new Map<string, Entry>();
  private readonly hashes = new Map<string, Map<string, number>>();

  constructor(private readonly clock: Clock) {}

  private live(key: string): Entry | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.expiresAt !== null && entry.expiresAt <= this.clock.now()) {
      this.entries.delete(key);
      return null;
    }
    return entry;
  }

  async get(key: string): Promise<string | null> {
    return this.live(key)?.value ?? null;
  }

  async set(key: string, value: string, options: SetOptions = {}): Promise<boolean> {
    if (options.onlyIfAbsent && this.live(key)) return false;
    const expiresAt = options.ttlSeconds ? this.clock.now() + options.ttlSeconds * 1000 : null;
    this.entries.set(key, { value, expiresAt });
    return true;
  }

  async del(keys: readonly string[]): Promise<void> {
    for (const key of keys) {
      this.entries.delete(key);
      this.hashes.delete(key);
    }
  }

  async deleteMatching(pattern: string): Promise<number> {
    const re = globToRegExp(pattern);
    let deleted = 0;
    for (const map of [this.entries, this.hashes]) {
      for (const key of [...map.keys()]) {
        if (re.test(key)) {
          map.delete(key);
          deleted++;
        }
      }
    }
    return deleted;
  }

  async incrementFields(key: string, increments: Readonly<Record<string, number>>): Promise<void> {
    const hash = this.hashes.get(key) ?? new Map<string, number>();
    for (const [field, by] of Object.entries(increments))
      hash.set(field, (hash.get(field) ?? 0) + by);
    this.hashes.set(key, hash);
  }

  async readNumberHash(key: string): Promise<Record<string, number>> {
    return Object.fromEntries(this.hashes.get(key) ?? []);
  }

  async ping(): Promise<number> {
    return 0;
  }
}
