import IORedis, { type Redis as RedisClient, type RedisOptions } from "ioredis";

/** The ioredis client type, re-exported so callers need no second import. */
export type { RedisClient };

type RedisConstructor = new (url: string, options?: RedisOptions) => RedisClient;

// ioredis is CommonJS: under Node's ESM loader the default import is `module.exports`, whose
// `Redis` property is the class; bundlers hand back the class itself.
const Redis: RedisConstructor =
  (IORedis as unknown as { Redis?: RedisConstructor }).Redis ??
  (IORedis as unknown as RedisConstructor);

/** Default Redis of the test machine (TOOLCHAIN.md), overridable with `REDIS_URL`. */
export function defaultRedisUrl(): string {
  return process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
}

/** Creates an ioredis client for `url`. */
export function createRedisClient(url: string, options: RedisOptions = {}): RedisClient {
  return new Redis(url, options);
}
