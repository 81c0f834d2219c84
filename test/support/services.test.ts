import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
    await expect(failure).rejects.toThrow(
      /\nWithout local services, with Docker: docker compose up -d postgres redis$/,
    );
  });

  it("creates a migrated database and drops it", async () => {
    const journal = JSON.parse(readFileSync("drizzle/meta/_journal.json", "utf8")) as {
      entries: { tag: string }[];
    };
    expect(journal.entries.length).toBeGreaterThan(0);
    const database = await createTestDatabase();
    expect(database.name).toMatch(/^chopsticks_test_[a-z0-9]+_[0-9a-f]{8}$/);
    const client = new pg.Client({ connectionString: database.url });
    client.on("error", () => undefined);
    await client.connect();
    try {
      const applied = await client.query(
        "SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations",
      );
      expect(applied.rows[0]?.n).toBe(journal.entries.length);
      const tables = await client.query(
        "SELECT to_regclass('public.moderation_cases')::text AS cases, to_regclass('public.guild_blocks')::text AS blocks",
      );
      expect(tables.rows[0]).toEqual({ cases: "moderation_cases", blocks: "guild_blocks" });
    } finally {
      await client.end();
    }
    await database.drop();
    expect(await databaseExists(database.name)).toBe(false);
  });

  it("creates an empty database when the folder has no migrations", async () => {
    const database = await createTestDatabase({
      migrationsFolder: mkdtempSync(join(tmpdir(), "chopsticks-no-migrations-")),
    });
    const client = new pg.Client({ connectionString: database.url });
    client.on("error", () => undefined);
    await client.connect();
    try {
      const { rows } = await client.query(
        "SELECT to_regclass('drizzle.__drizzle_migrations')::text AS journal",
      );
      expect(rows[0]).toEqual({ journal: null });
    } finally {
      await client.end();
      await database.drop();
    }
  });

  it("provides the run's database and Redis through inject()", () => {
    expect(inject("databaseUrl")).toMatch(/\/chopsticks_test_[a-z0-9_]+$/);
    expect(inject("redisUrl")).toBe(defaultRedisUrl());
  });
});
