import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { DatabaseHandle } from "../../src/adapters/db/drizzle.ts";
import { createNodePostgresDatabase } from "../../src/adapters/db/node-postgres.ts";
import { auditLedger } from "../../src/data/economy/audit.ts";
import { balanceOf, post } from "../../src/data/economy/ledger.ts";
import { economyAccounts, economyEntries, economyTransfers } from "../../src/db/schema.ts";
import { HOUSE, MINT, wallet } from "../../src/domain/economy/accounts.ts";
import { InsufficientFundsError } from "../../src/domain/economy/errors.ts";
import type { Transfer } from "../../src/domain/economy/transfers.ts";
import { createLogger } from "../../src/platform/logger.ts";
import { snowflake } from "../support/snowflake.ts";
import { inParallel } from "./parallel.ts";

let database: DatabaseHandle;
beforeAll(() => {
  database = createNodePostgresDatabase(inject("databaseUrl"), createLogger({ level: "error" }));
});
afterAll(() => database?.close());

const db = () => database.db;
const postOne = (guildId: string, key: string, transfer: Transfer) =>
  db().transaction((tx) => post(tx, { guildId, key, actorId: null, transfers: [transfer] }));
const grant = (guildId: string, userId: string, amount: bigint) =>
  postOne(guildId, `grant-${snowflake()}`, {
    from: MINT,
    to: wallet(userId),
    amount,
    kind: "grant",
  });

describe("the ledger", () => {
  it("moves coins between two accounts with two entries, keeping the guild's sum at zero", async () => {
    const guildId = snowflake();
    const [alice, bob] = [snowflake(), snowflake()];
    await grant(guildId, alice, 500n);
    const result = await postOne(guildId, "pay-1", {
      from: wallet(alice),
      to: wallet(bob),
      amount: 120n,
      kind: "pay",
    });
    expect(result.applied).toBe(true);
    expect(await balanceOf(db(), guildId, wallet(alice))).toBe(380n);
    expect(await balanceOf(db(), guildId, wallet(bob))).toBe(120n);
    expect(await balanceOf(db(), guildId, MINT)).toBe(-500n);

    const entries = await db()
      .select({ account: economyEntries.account, delta: economyEntries.delta })
      .from(economyEntries)
      .where(eq(economyEntries.guildId, guildId))
      .orderBy(economyEntries.id);
    expect(entries).toEqual([
      { account: MINT, delta: -500n },
      { account: wallet(alice), delta: 500n },
      { account: wallet(alice), delta: -120n },
      { account: wallet(bob), delta: 120n },
    ]);
    const audit = await auditLedger(db(), guildId);
    expect(audit).toEqual({ accounts: 3, transfers: 2, entries: 4, problems: [] });
  });

  it("applies a key once, even when the same posting arrives twice at the same moment", async () => {
    const guildId = snowflake();
    const [alice, bob] = [snowflake(), snowflake()];
    await grant(guildId, alice, 100n);
    const pay = () =>
      postOne(guildId, "interaction-42", {
        from: wallet(alice),
        to: wallet(bob),
        amount: 60n,
        kind: "pay",
      });
    const results = await Promise.all([pay(), pay(), pay()]);
    expect(results.filter((r) => r.applied)).toHaveLength(1);
    expect((await pay()).applied).toBe(false);
    expect(await balanceOf(db(), guildId, wallet(bob))).toBe(60n);
    expect(await balanceOf(db(), guildId, wallet(alice))).toBe(40n);
  });

  it("refuses to overdraw a wallet and leaves no trace of the attempt", async () => {
    const guildId = snowflake();
    const [alice, bob] = [snowflake(), snowflake()];
    await grant(guildId, alice, 50n);
    const attempt = postOne(guildId, "too-much", {
      from: wallet(alice),
      to: wallet(bob),
      amount: 51n,
      kind: "pay",
    });
    await expect(attempt).rejects.toEqual(new InsufficientFundsError(wallet(alice), 50n, 51n));
    const transfers = await db()
      .select()
      .from(economyTransfers)
      .where(and(eq(economyTransfers.guildId, guildId), eq(economyTransfers.key, "too-much")));
    expect(transfers).toEqual([]);
    expect(await balanceOf(db(), guildId, wallet(alice))).toBe(50n);
    // The key was not used up: the same request can succeed once the coins are there.
    await grant(guildId, alice, 1n);
    expect(
      (
        await postOne(guildId, "too-much", {
          from: wallet(alice),
          to: wallet(bob),
          amount: 51n,
          kind: "pay",
        })
      ).applied,
    ).toBe(true);
  });

  it("lets only mint and house go below zero: the database itself refuses a negative wallet", async () => {
    const guildId = snowflake();
    const alice = snowflake();
    await grant(guildId, alice, 10n);
    await postOne(guildId, "house-pays", {
      from: HOUSE,
      to: wallet(alice),
      amount: 5n,
      kind: "payout",
    });
    expect(await balanceOf(db(), guildId, HOUSE)).toBe(-5n);
    const bypass = db()
      .update(economyAccounts)
      .set({ balance: sql`${economyAccounts.balance} - 100` })
      .where(and(eq(economyAccounts.guildId, guildId), eq(economyAccounts.account, wallet(alice))));
    await expect(bypass).rejects.toThrow();
    const escrowBypass = db()
      .insert(economyAccounts)
      .values({ guildId, account: "escrow:heist:1", balance: -1n });
    await expect(escrowBypass).rejects.toThrow();
    expect(await balanceOf(db(), guildId, wallet(alice))).toBe(15n);
  });

  it("applies a multi-transfer posting as a whole, checking each account's net change", async () => {
    const guildId = snowflake();
    const [bidder, previous] = [snowflake(), snowflake()];
    const pot = "escrow:auction:77" as const;
    await grant(guildId, bidder, 200n);
    await grant(guildId, previous, 100n);
    await postOne(guildId, "bid-1", { from: wallet(previous), to: pot, amount: 100n, kind: "bid" });
    const outbid = await db().transaction((tx) =>
      post(tx, {
        guildId,
        key: "bid-2",
        actorId: bidder,
        transfers: [
          { from: wallet(bidder), to: pot, amount: 150n, kind: "bid" },
          { from: pot, to: wallet(previous), amount: 100n, kind: "bid_refund" },
        ],
      }),
    );
    expect(outbid.applied).toBe(true);
    expect(await balanceOf(db(), guildId, pot)).toBe(150n);
    expect(await balanceOf(db(), guildId, wallet(previous))).toBe(100n);
    expect(await balanceOf(db(), guildId, wallet(bidder))).toBe(50n);
    expect((await auditLedger(db(), guildId)).problems).toEqual([]);
  });

  it("audit notices a ledger that was tampered with", async () => {
    const guildId = snowflake();
    const alice = snowflake();
    await grant(guildId, alice, 70n);
    expect((await auditLedger(db(), guildId)).problems).toEqual([]);
    const [entry] = await db()
      .select()
      .from(economyEntries)
      .where(and(eq(economyEntries.guildId, guildId), eq(economyEntries.account, wallet(alice))));
    await db()
      .update(economyEntries)
      .set({ delta: 71n })
      .where(eq(economyEntries.id, entry?.id ?? 0));
    await db()
      .update(economyAccounts)
      .set({ balance: 1n })
      .where(and(eq(economyAccounts.guildId, guildId), eq(economyAccounts.account, MINT)));
    const problems = (await auditLedger(db(), guildId)).problems.join("\n");
    expect(problems).toContain(`guild ${guildId}: accounts sum to 71, not 0`);
    expect(problems).toContain(`${wallet(alice)}: balance 70 but entries sum to 71`);
    expect(problems).toContain(`mint: balance 1 but entries sum to -70`);
    expect(problems).toContain(`transfer ${entry?.transferId}: its entries do not match it`);
  });

  it("keeps every rule under 600 concurrent random transfers between 20 wallets", {
    timeout: 120_000,
  }, async () => {
    const guildId = snowflake();
    const users = Array.from({ length: 20 }, () => snowflake());
    for (const user of users) await grant(guildId, user, 1_000n);
    const pick = () => users[Math.floor(Math.random() * users.length)] as string;
    let applied = 0;
    let refused = 0;
    // 30 in flight at a time over the pool's 10 connections: more would only queue in the pool.
    await inParallel(600, 30, async (i) => {
      const from = pick();
      let to = pick();
      while (to === from) to = pick();
      try {
        const result = await postOne(guildId, `op-${i}`, {
          from: wallet(from),
          to: wallet(to),
          amount: BigInt(1 + Math.floor(Math.random() * 400)),
          kind: "pay",
        });
        if (result.applied) applied++;
      } catch (error) {
        if (!(error instanceof InsufficientFundsError)) throw error;
        refused++;
      }
    });
    expect(applied + refused).toBe(600);
    const audit = await auditLedger(db(), guildId);
    expect(audit.problems).toEqual([]);
    expect(audit.transfers).toBe(20 + applied);
    const total = await db()
      .select({ total: sql<string>`sum(${economyAccounts.balance})` })
      .from(economyAccounts)
      .where(
        and(eq(economyAccounts.guildId, guildId), sql`${economyAccounts.account} like 'user:%'`),
      );
    expect(BigInt(total[0]?.total ?? "0")).toBe(20_000n);
  });
});
