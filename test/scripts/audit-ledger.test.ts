import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import type { DatabaseHandle } from "../../src/adapters/db/drizzle.ts";
import { createNodePostgresDatabase } from "../../src/adapters/db/node-postgres.ts";
import { post } from "../../src/data/economy/ledger.ts";
import { economyAccounts } from "../../src/db/schema.ts";
import { MINT, wallet } from "../../src/domain/economy/accounts.ts";
import type { Transfer } from "../../src/domain/economy/transfers.ts";
import { createLogger } from "../../src/platform/logger.ts";
import { createTestDatabase, type TestDatabase } from "../support/index.ts";
import { snowflake } from "../support/snowflake.ts";
import { runScript, temporaryDirectory } from "./run-script.ts";

const PASSWORD = "not-a-real-password-5c1e";

// Its own database: the audit without --guild reads every guild, so no other test's rows.
let database: TestDatabase;
let handle: DatabaseHandle;
let dir: ReturnType<typeof temporaryDirectory>;

beforeAll(async () => {
  database = await createTestDatabase({ baseUrl: inject("databaseUrl") });
  handle = createNodePostgresDatabase(database.url, createLogger({ level: "error" }));
}, 60_000);
afterAll(async () => {
  await handle?.close();
  await database?.drop();
});
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

async function audit(
  args: string[] = [],
  env: Record<string, string> = { DATABASE_URL: urlWithPassword() },
) {
  const result = await runScript("ledger-audit", args, { cwd: dir.path, env });
  expect(result.output).not.toContain(PASSWORD);
  return result;
}

const postOne = (guildId: string, transfer: Transfer) =>
  handle.db.transaction((tx) =>
    post(tx, { guildId, key: `test-${snowflake()}`, actorId: null, transfers: [transfer] }),
  );

/** A guild where mint granted 500 to alice and alice paid bob 120: a sound ledger. */
async function seedGuild(): Promise<{ guildId: string; alice: string; bob: string }> {
  const [guildId, alice, bob] = [snowflake(), snowflake(), snowflake()];
  await postOne(guildId, { from: MINT, to: wallet(alice), amount: 500n, kind: "grant" });
  await postOne(guildId, { from: wallet(alice), to: wallet(bob), amount: 120n, kind: "pay" });
  return { guildId, alice, bob };
}

describe("ledger:audit", { timeout: 60_000 }, () => {
  it("exits 0 on a sound ledger, for every guild and for one, with the counts", async () => {
    const { guildId } = await seedGuild();
    await seedGuild();

    const all = await audit();
    expect(all.status, all.output).toBe(0);
    expect(all.stdout).toContain("database: postgres://");
    expect(all.stdout).toMatch(/ledger \(all guilds\): \d+ accounts, \d+ transfers, \d+ entries/);
    expect(all.stdout).toMatch(/^sound: /m);

    const one = await audit(["--guild", guildId]);
    expect(one.status, one.output).toBe(0);
    expect(one.stdout).toContain(`ledger (guild ${guildId}): 3 accounts, 2 transfers, 4 entries`);
  });

  it("exits 1 naming the guild and account when a balance was edited by hand", async () => {
    const { guildId, bob } = await seedGuild();
    const other = await seedGuild();
    await handle.db
      .update(economyAccounts)
      .set({ balance: sql`${economyAccounts.balance} + 1000` })
      .where(and(eq(economyAccounts.guildId, guildId), eq(economyAccounts.account, wallet(bob))));

    try {
      const result = await audit(["--env", "production"]);
      expect(result.status, result.output).toBe(1);
      expect(result.stdout).toContain(`guild ${guildId}: accounts sum to 1000, not 0`);
      expect(result.stdout).toContain(
        `guild ${guildId} ${wallet(bob)}: balance 1120 but entries sum to 120`,
      );
      expect(result.stdout).toMatch(/^2 problem\(s\):$/m);
      expect(result.stdout).not.toContain(`guild ${other.guildId}`);

      // The other guild, audited alone, is still sound.
      const sound = await audit(["--guild", other.guildId]);
      expect(sound.status, sound.output).toBe(0);
    } finally {
      // The repair docs/runbook.md section 9 gives: the balance back to the sum of its entries
      // (and so the sound-ledger test passes in any order).
      await handle.db.execute(
        sql`UPDATE economy_accounts a SET balance = (SELECT coalesce(sum(e.delta), 0) FROM economy_entries e WHERE e.guild_id = a.guild_id AND e.account = a.account) WHERE a.guild_id = ${guildId} AND a.account = ${wallet(bob)}`,
      );
    }
    const repaired = await audit(["--guild", guildId]);
    expect(repaired.status, repaired.output).toBe(0);
  });

  it("takes DATABASE_URL from .env.<env>", async () => {
    writeFileSync(join(dir.path, ".env.local"), `DATABASE_URL=${urlWithPassword()}\n`);
    const result = await audit(["--env", "local"], {});

    expect(result.status, result.output).toBe(0);
    expect(result.stdout).toContain("from .env.local");
  });

  it.each([
    ["--guild is not a snowflake", ["--guild", "12345"], /^error: --guild must be a Discord id/],
    ["an unknown option", ["--guilds", "1"], /^error: unknown option --guilds/],
  ])("exits 2 with one error line when %s", async (_, args, message) => {
    const result = await audit(args);

    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(message);
    expect(result.stderr.split("\n").filter((line) => line.startsWith("error:"))).toHaveLength(1);
  });

  it("exits 2 when DATABASE_URL is missing or the database is unreachable, never 1", async () => {
    const missing = await audit([], {});
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim()).toMatch(/^error: Missing configuration: DATABASE_URL/);

    const down = await audit([], { DATABASE_URL: `postgres://u:${PASSWORD}@127.0.0.1:9/none` });
    expect(down.status).toBe(2);
    expect(down.stderr.trim()).toMatch(/^error: cannot read the ledger: .*ECONNREFUSED/);
  });
});
