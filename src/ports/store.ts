/** Options for {@link KeyValueStore.set}. */
export interface SetOptions {
  ttlSeconds?: number;
  /** Write only when the key does not exist (SET NX). */
  onlyIfAbsent?: boolean;
}

/**
 * The cache port: Redis in production, memory when Redis is not configured or failing.
 * Nothing stored here may be the only copy of anything.
 */
export interface KeyValueStore {
  /** `redis` when the call is served by Redis, `memory` when by the fallback. */
  readonly backend: () => "redis" | "memory";
  get(key: string): Promise<string | null>;
  /** Resolves false when `onlyIfAbsent` was set and the key existed. */
  set(key: string, value: string, options?: SetOptions): Promise<boolean>;
  del(keys: readonly string[]): Promise<void>;
  /** Deletes every key matching a glob pattern; returns how many were deleted. */
  deleteMatching(pattern: string): Promise<number>;
  incrementFields(key: string, increments: Readonly<Record<string, number>>): Promise<void>;
  readNumberHash(key: string): Promise<Record<string, number>>;
  /** Round trip to the backend in milliseconds; rejects when Redis is unreachable. */
  ping(): Promise<number>;
}
