import { createRequire } from "node:module";
import type { Redis as RedisClient, RedisOptions } from "ioredis";

/** The ioredis client type, re-exported so callers need no second import. */
export type { RedisClient };

type RedisConstructor = new (url: string, options?: RedisOptions) => RedisClient;

// Loaded with Node's own require, never through a Vite module runner: the workers project
// inlines every dependency (vitest-pool-workers sets `server.deps.inline = true`, which also
// covers its globalSetup), and a second evaluation of ioredis' index.js next to the native one
// of the node project throws "Cannot redefine property: default". Node's require cache makes
// both projects share one instance.
const IORedis: unknown = createRequire(import.meta.url)("ioredis");

// ioredis is CommonJS: `module.exports` is the class, also exposed as its `Redis` property.
const Redis: RedisConstructor =
  (IORedis as { Redis?: RedisConstructor }).Redis ?? (IORedis as RedisConstructor);

/** Default Redis of the test machine (TOOLCHAIN.md), overridable with `REDIS_URL`. */
export function defaultRedisUrl(): string {
  return process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
}

/** Creates an ioredis client for `url`. */
export function createRedisClient(url: string, options: RedisOptions = {}): RedisClient {
  return new Redis(url, options);
}
