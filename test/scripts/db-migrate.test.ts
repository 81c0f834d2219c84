import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/index.ts";
import { runScript, temporaryDirectory } from "./run-script.ts";

const PASSWORD = "not-a-real-password-7f3a";

let database: TestDatabase;
let dir: ReturnType<typeof temporaryDirectory>;

beforeAll(async () => {
  // A database with no migrations applied: point the helper at an empty migrations folder.
  const empty = temporaryDirectory();
  mkdirSync(join(empty.path, "meta"));
  database = await createTestDatabase({
    baseUrl: inject("databaseUrl"),
    migrationsFolder: empty.path,
  });
  empty.remove();
});
afterAll(() => database.drop());
beforeEach(() => {
  dir = temporaryDirectory();
});
afterEach(() => dir.remove());

/** The test database's URL with a password (trust auth ignores it), to check it stays hidden. */
function urlWithPassword(): string {
  const url = new URL(database.url);
  url.password = PASSWORD;
  return url.href;
}

async function migrate(env: Record<string, string>, args: string[] = []) {
  const result = await runScript("migrate", args, { cwd: dir.path, env });
  expect(result.output).not.toContain(PASSWORD);
  return result;
}

async function tableExists(name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const { rows } = await client.query("SELECT to_regclass($1) IS NOT NULL AS found", [name]);
    return rows[0]?.found === true;
  } finally {
    await client.end();
  }
}

describe("db:migrate", { timeout: 30_000 }, () => {
  it("applies the pending migrations, then finds nothing to do", async () => {
    const first = await migrate({ DATABASE_URL: urlWithPassword() });

    expect(first.status, first.output).toBe(0);
    expect(first.stdout).toMatch(/applied \d+ migration\(s\) in \d+ ms: 0000_core/);
    expect(first.stdout).toContain(`database: postgres://`);
    expect(await tableExists("drizzle.__drizzle_migrations")).toBe(true);
    // The job queue's schema too: the edge enqueues before any worker has run.
    expect(await tableExists("graphile_worker._private_jobs")).toBe(true);
    expect(first.stdout).toContain("job queue: graphile_worker schema up to date");

    const second = await migrate({ DATABASE_URL: urlWithPassword() });
    expect(second.status, second.output).toBe(0);
    expect(second.stdout).toMatch(/up to date: all \d+ migrations were already applied/);
  });

  it("takes DATABASE_URL from .env.<env>", async () => {
    writeFileSync(join(dir.path, ".env.local"), `DATABASE_URL=${urlWithPassword()}\n`);
    const result = await migrate({}, ["--env", "local"]);

    expect(result.status, result.output).toBe(0);
    expect(result.stdout).toContain("from .env.local");
  });

  it.each([
    ["DATABASE_URL is missing", {}, /^error: Missing configuration: DATABASE_URL is not set/],
    [
      "DATABASE_URL is not postgres",
      { DATABASE_URL: "mysql://localhost/db" },
      /^error: Invalid configuration: DATABASE_URL must be a postgres:\/\/ URL/,
    ],
  ])("exits 2 with one line when %s", async (_, env, message) => {
    const result = await migrate(env);

    expect(result.status).toBe(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(message);
  });

  it("exits 1 with one line when the database is unreachable", async () => {
    const result = await migrate({ DATABASE_URL: `postgres://u:${PASSWORD}@127.0.0.1:9/none` });

    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toMatch(/^error: .*ECONNREFUSED/);
  });
});
