import { existsSync } from "node:fs";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { defaultRedisUrl } from "./redis-client.ts";
import { createTestDatabase, defaultDatabaseUrl, requireServices } from "./services.ts";

async function databaseExists(name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: defaultDatabaseUrl() });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    return rowCount === 1;
  } finally {
    await client.end();
  }
}

describe("services", () => {
  it("finds the machine's Postgres and Redis", async () => {
    await expect(requireServices()).resolves.toEqual({
      databaseUrl: defaultDatabaseUrl(),
      redisUrl: defaultRedisUrl(),
    });
  });

  it("names every unreachable service and how to start it", async () => {
    const failure = requireServices({
      databaseUrl: "postgres://postgres@127.0.0.1:1/test",
      redisUrl: "redis://127.0.0.1:1",
      timeoutMs: 500,
    });
    await expect(failure).rejects.toThrow(
      /Postgres is not reachable at 127\.0\.0\.1:1 .*pg_ctlcluster --skip-systemctl-redirect/,
    );
    await expect(failure).rejects.toThrow(
      /Redis is not reachable at 127\.0\.0\.1:1 .*redis-server --daemonize yes/,
    );
  });

  it("creates a migrated database and drops it", async () => {
    const database = await createTestDatabase();
    expect(database.name).toMatch(/^chopsticks_test_[a-z0-9]+_[0-9a-f]{8}$/);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ migrated: boolean }>(
        "SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS migrated",
      );
      expect(rows[0]?.migrated).toBe(existsSync("drizzle/meta/_journal.json"));
    } finally {
      await client.end();
    }
    await database.drop();
    expect(await databaseExists(database.name)).toBe(false);
  });

  it("provides the run's database and Redis through inject()", () => {
    expect(inject("databaseUrl")).toMatch(/\/chopsticks_test_[a-z0-9_]+$/);
    expect(inject("redisUrl")).toBe(defaultRedisUrl());
  });
});
