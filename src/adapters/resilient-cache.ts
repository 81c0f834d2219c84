import { CircuitBreaker } from "../domain/circuit-breaker.ts";
import { describeError } from "../platform/logger.ts";
import type {
  Clock,
  KeyValueStore,
  LimitDecision,
  LimitRule,
  Logger,
  RateLimiter,
  SetOptions,
} from "../ports/index.ts";
import { MemoryLimiter } from "./memory/memory-limiter.ts";
import { MemoryStore } from "./memory/memory-store.ts";

type Store = Omit<KeyValueStore, "backend">;

/**
 * State that outlives a request: the breaker and the memory fallbacks. One per isolate
 * (Workers) or process (Node); it holds no I/O objects, so sharing it across requests is safe.
 */
export class CacheFallbackState {
  readonly breaker: CircuitBreaker;
  readonly memoryStore: MemoryStore;
  readonly memoryLimiter: MemoryLimiter;

  constructor(clock: Clock, cooldownMs = 30_000) {
    this.breaker = new CircuitBreaker(cooldownMs);
    this.memoryStore = new MemoryStore(clock);
    this.memoryLimiter = new MemoryLimiter(clock);
  }
}

/** The Redis-backed pair a request uses, or null when Redis is not configured. */
export interface RemoteCache {
  store: Store;
  limiter: RateLimiter;
}

/**
 * Serves the cache and rate-limit ports from Redis while it answers and from memory while it
 * does not. A failure opens the breaker for the cooldown (one timeout per 30 s, not one per
 * request); transitions are logged once, not once per request.
 */
export function resilientCache(
  remote: RemoteCache | null,
  state: CacheFallbackState,
  clock: Clock,
  log: Logger,
): { store: KeyValueStore; limiter: RateLimiter } {
  const useRemote = () => remote !== null && state.breaker.canTry(clock.now());

  async function run<T>(onRemote: () => Promise<T>, onMemory: () => Promise<T>): Promise<T> {
    if (!useRemote()) return onMemory();
    try {
      const result = await onRemote();
      if (state.breaker.success() === "recovered") log.info("redis.recovered");
      return result;
    } catch (error) {
      if (state.breaker.failure(clock.now()) === "tripped") {
        log.warn("redis.unavailable", { fallback: "memory", error: describeError(error) });
      }
      return onMemory();
    }
  }

  const memory = state.memoryStore;
  const store: KeyValueStore = {
    backend: () => (useRemote() ? "redis" : "memory"),
    get: (key) =>
      run(
        () => (remote as RemoteCache).store.get(key),
        () => memory.get(key),
      ),
    set: (key, value, options?: SetOptions) =>
      run(
        () => (remote as RemoteCache).store.set(key, value, options),
        () => memory.set(key, value, options),
      ),
    del: (keys) =>
      run(
        () => (remote as RemoteCache).store.del(keys),
        () => memory.del(keys),
      ),
    deleteMatching: async (pattern) => {
      // Clear both: memory may hold entries written while Redis was down.
      const local = await memory.deleteMatching(pattern);
      return (
        local +
        (await run(
          () => (remote as RemoteCache).store.deleteMatching(pattern),
          async () => 0,
        ))
      );
    },
    incrementFields: (key, increments) =>
      run(
        () => (remote as RemoteCache).store.incrementFields(key, increments),
        () => memory.incrementFields(key, increments),
      ),
    readNumberHash: (key) =>
      run(
        () => (remote as RemoteCache).store.readNumberHash(key),
        () => memory.readNumberHash(key),
      ),
    ping: async () => {
      if (!remote) throw new Error("redis is not configured");
      return remote.store.ping();
    },
  };

  const limiter: RateLimiter = {
    limit: (identifier: string, rule: LimitRule): Promise<LimitDecision> =>
      run(
        () => (remote as RemoteCache).limiter.limit(identifier, rule),
        () => state.memoryLimiter.limit(identifier, rule),
      ),
    reset: async (prefix) => {
      await state.memoryLimiter.reset(prefix);
      await run(
        () => (remote as RemoteCache).limiter.reset(prefix),
        async () => undefined,
      );
    },
  };

  return { store, limiter };
}
