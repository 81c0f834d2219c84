import { createServer } from "node:net";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { isConnectionFailure, toDatabaseError } from "../../src/adapters/db/errors.ts";
import { guardPool } from "../../src/adapters/db/guard-pool.ts";
import { isDatabaseUnavailable } from "../../src/interactions/errors.ts";
import { DatabaseUnavailableError } from "../../src/ports/index.ts";

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe("the adapters' reading of driver errors", () => {
  it.each([
    ["a refused connection", withCode("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED"), true],
    ["a reset connection", withCode("read ECONNRESET", "ECONNRESET"), true],
    ["the pool's connect timeout", new Error("timeout exceeded when trying to connect"), true],
    ["a dropped connection", new Error("Connection terminated unexpectedly"), true],
    ["SQLSTATE 08006 (connection failure)", withCode("connection failure", "08006"), true],
    ["SQLSTATE 57P01 (admin shutdown)", withCode("terminating connection", "57P01"), true],
    ["SQLSTATE 53300 (too many connections)", withCode("too many clients", "53300"), true],
    ["Neon's WebSocket error event", { type: "error", message: "socket closed" }, true],
    ["a unique violation", withCode("duplicate key value", "23505"), false],
    ["a missing table", withCode('relation "x" does not exist', "42P01"), false],
    ["a programming error", new TypeError("cannot read properties of undefined"), false],
  ])("%s → unavailable: %s", (_name, error, unavailable) => {
    expect(isConnectionFailure(error)).toBe(unavailable);
    const raised = toDatabaseError(error);
    expect(raised instanceof DatabaseUnavailableError).toBe(unavailable);
    if (unavailable) expect((raised as Error).cause).toBe(error);
    else expect(raised).toBe(error);
  });
});

describe("a guarded pool", () => {
  const pools: pg.Pool[] = [];
  const pool = (url: string, ready?: () => boolean) => {
    const p = guardPool(
      new pg.Pool({ connectionString: url, connectionTimeoutMillis: 1000 }),
      ready,
    );
    p.on("error", () => undefined);
    pools.push(p);
    return p;
  };
  afterAll(() => Promise.all(pools.map((p) => p.end())));

  it("raises 'database unavailable' through drizzle when Postgres is down, in and out of transactions", async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const db = drizzle({ client: pool(`postgres://postgres@127.0.0.1:${port}/none`) });
    const query = await db.execute(sql`select 1`).catch((e: unknown) => e);
    expect(isDatabaseUnavailable(query)).toBe(true);
    const transaction = await db
      .transaction((tx) => tx.execute(sql`select 1`))
      .catch((e: unknown) => e);
    expect(transaction).toBeInstanceOf(DatabaseUnavailableError);
  });

  it("refuses every query at once while not ready, and leaves the server's own errors alone", async () => {
    let ready = false;
    const db = drizzle({ client: pool(inject("databaseUrl"), () => ready) });
    const refused = await db.execute(sql`select 1`).catch((e: unknown) => e);
    expect(isDatabaseUnavailable(refused)).toBe(true);
    ready = true;
    expect((await db.execute(sql`select 1 as one`)).rows).toEqual([{ one: 1 }]);
    const rejected = await db
      .transaction((tx) => tx.execute(sql`select * from no_such_table`))
      .catch((e: unknown) => e);
    expect(isDatabaseUnavailable(rejected)).toBe(false);
    expect((rejected as Error & { cause?: { code?: string } }).cause?.code).toBe("42P01");
  });
});
