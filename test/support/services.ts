import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { createRedisClient, defaultRedisUrl } from "./redis-client.ts";

/** Command that starts the machine's Postgres (TOOLCHAIN.md). */
export const START_POSTGRES =
  "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start";
/** Command that starts the machine's Redis (TOOLCHAIN.md). */
export const START_REDIS =
  'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no ' +
  "--dir /var/lib/redis --logfile /var/log/redis/ci.log";

/** Both services from the project's compose file, for a machine without them (README). */
export const START_WITH_COMPOSE = "docker compose up -d postgres redis";

const TEST_DATABASE_PREFIX = "chopsticks_test_";

/** Where the real services are. */
export interface ServiceUrls {
  databaseUrl: string;
  redisUrl: string;
}

/** Default Postgres of the test machine, overridable with `DATABASE_URL`. */
export function defaultDatabaseUrl(): string {
  return process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
}

function hostOf(url: string): string {
  const { hostname, port } = new URL(url);
  return `${hostname}:${port || "?"}`;
}

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

async function pingPostgres(url: string, timeoutMs: number): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on("error", () => {
    // Reported through the rejected connect() or query below.
  });
  try {
    await withTimeout(client.connect(), timeoutMs, "Postgres");
    await client.query("SELECT 1");
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function pingRedis(url: string, timeoutMs: number): Promise<void> {
  const redis = createRedisClient(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  redis.on("error", () => {
    // Reported through the rejected connect() below.
  });
  try {
    await withTimeout(redis.connect(), timeoutMs, "Redis");
    await withTimeout(redis.ping(), timeoutMs, "Redis");
  } finally {
    redis.disconnect();
  }
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message || error.name : String(error);
}

/**
 * Checks that the real Postgres and Redis answer within `timeoutMs` each; otherwise throws one
 * error naming every unreachable service and the command that starts it.
 */
export async function requireServices(
  options: Partial<ServiceUrls> & { timeoutMs?: number } = {},
): Promise<ServiceUrls> {
  const databaseUrl = options.databaseUrl ?? defaultDatabaseUrl();
  const redisUrl = options.redisUrl ?? defaultRedisUrl();
  const timeoutMs = options.timeoutMs ?? 2000;
  const [postgres, redis] = await Promise.allSettled([
    pingPostgres(databaseUrl, timeoutMs),
    pingRedis(redisUrl, timeoutMs),
  ]);
  const problems: string[] = [];
  if (postgres.status === "rejected") {
    problems.push(
      `Postgres is not reachable at ${hostOf(databaseUrl)} (${reason(postgres.reason)}) — ` +
        `start it with: ${START_POSTGRES}`,
    );
  }
  if (redis.status === "rejected") {
    problems.push(
      `Redis is not reachable at ${hostOf(redisUrl)} (${reason(redis.reason)}) — ` +
        `start it with: ${START_REDIS}`,
    );
  }
  if (problems.length > 0) {
    problems.push(`Without local services, with Docker: ${START_WITH_COMPOSE}`);
    throw new Error(problems.join("\n"));
  }
  return { databaseUrl, redisUrl };
}

/** A database created for one test run. */
export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  /** Drops the database, disconnecting whoever is still connected. */
  drop(): Promise<void>;
}

function hasMigrations(folder: string): boolean {
  const journal = resolve(folder, "meta/_journal.json");
  if (!existsSync(journal)) return false;
  const { entries } = JSON.parse(readFileSync(journal, "utf8")) as { entries?: unknown[] };
  return Array.isArray(entries) && entries.length > 0;
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => {
    // A lost connection also rejects the query in flight, which reports it.
  });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates a fresh `chopsticks_test_<time>_<random>` database on the server of `baseUrl`
 * (default `DATABASE_URL` or the machine's `test` database) and applies the drizzle migrations
 * in `migrationsFolder` (default `./drizzle`) when there are any.
 */
export async function createTestDatabase(
  options: { baseUrl?: string; migrationsFolder?: string } = {},
): Promise<TestDatabase> {
  const baseUrl = options.baseUrl ?? defaultDatabaseUrl();
  const name = `${TEST_DATABASE_PREFIX}${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  await withClient(baseUrl, (admin) => admin.query(`CREATE DATABASE "${name}"`));
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const drop = () =>
    withClient(baseUrl, (admin) =>
      admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
    ).then(() => undefined);

  const migrationsFolder = options.migrationsFolder ?? resolve(process.cwd(), "drizzle");
  if (hasMigrations(migrationsFolder)) {
    try {
      await withClient(url.href, (client) => migrate(drizzle({ client }), { migrationsFolder }));
    } catch (error) {
      await drop();
      throw error;
    }
  }
  return { name, url: url.href, drop };
}

/** Drops test databases left behind by runs that died more than `maxAgeMs` ago (default 6 h). */
export async function dropStaleTestDatabases(
  options: { baseUrl?: string; maxAgeMs?: number } = {},
): Promise<string[]> {
  const maxAgeMs = options.maxAgeMs ?? 6 * 60 * 60 * 1000;
  return withClient(options.baseUrl ?? defaultDatabaseUrl(), async (admin) => {
    const { rows } = await admin.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE $1",
      [`${TEST_DATABASE_PREFIX}%`],
    );
    const stale = rows
      .map((row) => row.datname)
      .filter((name) => {
        const created = Number.parseInt(
          name.slice(TEST_DATABASE_PREFIX.length).split("_")[0] ?? "",
          36,
        );
        return Number.isFinite(created) && Date.now() - created > maxAgeMs;
      });
    for (const name of stale) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    return stale;
  });
}
