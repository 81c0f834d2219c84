import { and, countDistinct, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { DatabaseHandle } from "../../src/adapters/db/drizzle.ts";
import { createNodePostgresDatabase } from "../../src/adapters/db/node-postgres.ts";
import { createDiscordApi } from "../../src/adapters/discord/rest.ts";
import { auditLedger } from "../../src/data/economy/audit.ts";
import { economyAccounts, economyTransfers } from "../../src/db/schema.ts";
import { InsufficientFundsError } from "../../src/domain/economy/errors.ts";
import { DEFAULT_SETTINGS } from "../../src/domain/economy/settings.ts";
import { createAuction, placeBid } from "../../src/economy/auctions/auction.ts";
import { settleDueAuctions } from "../../src/economy/auctions/settle-due.ts";
import { playInstant } from "../../src/economy/casino/play-instant.ts";
import { joinHeist, startHeist } from "../../src/economy/heists/heist.ts";
import { settleDueHeists } from "../../src/economy/heists/settle-due.ts";
import type { Outcome } from "../../src/economy/outcome.ts";
import { payMember } from "../../src/economy/pay.ts";
import { adjustCoins } from "../../src/economy/staff.ts";
import { UserError } from "../../src/interactions/index.ts";
import { createLogger } from "../../src/platform/logger.ts";
import type { Deps } from "../../src/ports/index.ts";
import { createRemoteCache } from "../../src/runtime/isolate.ts";
import { openRequestScope } from "../../src/runtime/scope.ts";
import { testClock } from "../moderation/helpers.ts";
import { startBot, type TestBot } from "../support/bot.ts";
import { snowflake } from "../support/snowflake.ts";
import { inParallel } from "./parallel.ts";

const clock = testClock();
let bot: TestBot;
let database: DatabaseHandle;
beforeAll(async () => {
  bot = await startBot({ clock });
  database = createNodePostgresDatabase(inject("databaseUrl"), createLogger({ level: "error" }));
});
afterAll(async () => {
  await bot?.close();
  await database?.close();
});

/** The economy's feature layer as commands call it, on a node-postgres pool of 10. */
function featureDeps(): { deps: Deps; done: () => Promise<void> } {
  let keepAlive: Promise<void> = Promise.resolve();
  const scope = openRequestScope(
    bot.node.isolate,
    {
      database,
      remote: createRemoteCache(bot.node.isolate.config),
      discord: createDiscordApi({
        apiBase: bot.discord.apiBase,
        applicationId: bot.applicationId,
        token: bot.botToken,
      }),
    },
    (work) => {
      keepAlive = work;
    },
  );
  return {
    deps: scope.deps,
    done: async () => {
      scope.finish();
      await keepAlive;
    },
  };
}

const OPERATIONS = 2000;
const IN_FLIGHT = 10;
const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)] as T;
const coins = (max: number) => BigInt(1 + Math.floor(Math.random() * max));

describe("2,000 concurrent economy operations on 20 wallets", () => {
  it("keep every ledger rule, and the ledger holds exactly the operations that succeeded", {
    timeout: 300_000,
  }, async () => {
    const { deps, done } = featureDeps();
    const guildId = snowflake();
    const staff = snowflake();
    const wallets = Array.from({ length: 20 }, () => snowflake());
    const seller = snowflake();
    const now = () => clock.now();

    // Set-up operations: a starting grant each, three auctions, three heists.
    const setupKeys: string[] = [];
    const grant = (userId: string, amount: bigint, key: string) =>
      adjustCoins(deps, "grant", {
        guildId,
        staffId: staff,
        userId,
        amount,
        reason: "test",
        currency: DEFAULT_SETTINGS.currency,
        key,
      });
    for (const [i, userId] of wallets.entries()) {
      await grant(userId, 2_000n, `setup-grant-${i}`);
      setupKeys.push(`setup-grant-${i}`);
    }
    const auctions: number[] = [];
    for (let i = 0; i < 3; i++) {
      const created = await createAuction(deps, {
        guildId,
        sellerId: seller,
        item: `lot ${i}`,
        startingBid: 10n,
        durationSeconds: 3600,
        key: `setup-auction-${i}`,
      });
      if (created.status === "done") auctions.push(created.auction.id);
    }
    const heists: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = await startHeist(deps, {
        guildId,
        starterId: wallets[i] as string,
        stake: 50n,
        key: `setup-heist-${i}`,
      });
      if (started.status === "done") heists.push(started.heist.id);
      setupKeys.push(`setup-heist-${i}`);
    }

    const succeeded: string[] = [];
    const refused: string[] = [];
    const tally = { pay: 0, bet: 0, bid: 0, join: 0, grant: 0 };
    /** Runs an operation: what it came to, counting only what the caller must know. */
    const attempt = async (
      work: () => Promise<Outcome | { kind: string }>,
    ): Promise<"done" | "refused" | "replayed"> => {
      try {
        const result = await work();
        return "status" in result && result.status === "replayed" ? "replayed" : "done";
      } catch (error) {
        if (error instanceof InsufficientFundsError || error instanceof UserError) return "refused";
        throw error;
      }
    };
    const duplicates: string[] = [];

    /** One random operation, as a closure so a duplicate delivery can run exactly it again. */
    const operation = (
      key: string,
    ): [keyof typeof tally, () => Promise<Outcome | { kind: string }>] => {
      const actor = pick(wallets);
      const roll = Math.random();
      if (roll < 0.3) {
        const to = pick(wallets.filter((w) => w !== actor));
        const amount = coins(400);
        return ["pay", () => payMember(deps, { guildId, fromId: actor, toId: to, amount, key })];
      }
      if (roll < 0.6) {
        const game = pick(["coinflip", "slots", "roulette"] as const);
        const choice: Record<string, string> =
          game === "coinflip"
            ? { call: pick(["heads", "tails"]) }
            : game === "roulette"
              ? { bet: pick(["red", "odd", "17"]) }
              : {};
        const bet = 10n + coins(190);
        return ["bet", () => playInstant(deps, { game, guildId, userId: actor, bet, choice, key })];
      }
      if (roll < 0.8) {
        const auctionId = pick(auctions);
        const amount = coins(3000);
        return [
          "bid",
          () =>
            placeBid(deps, {
              guildId,
              auctionId,
              bidderId: actor,
              amount,
              key,
              currency: DEFAULT_SETTINGS.currency,
            }),
        ];
      }
      if (roll < 0.9) {
        const heistId = pick(heists);
        return ["join", () => joinHeist(deps, { guildId, heistId, userId: actor, key })];
      }
      const amount = coins(300);
      return ["grant", () => grant(actor, amount, key)];
    };

    await inParallel(OPERATIONS, IN_FLIGHT, async (i) => {
      const key = `op-${i}`;
      const [kind, work] = operation(key);
      const outcome = await attempt(work);
      if (outcome === "done") {
        succeeded.push(key);
        tally[kind]++;
      } else refused.push(key);
      // Now and then Discord delivers an interaction twice: the second must change nothing.
      if (outcome === "done" && i % 25 === 0) duplicates.push(await attempt(work));
    });
    expect(succeeded.length + refused.length).toBe(OPERATIONS);
    expect(duplicates.length).toBeGreaterThan(10);
    expect(duplicates).not.toContain("done");
    expect(Object.values(tally).every((n) => n > 0)).toBe(true);

    // The heists and auctions come due; two settlers race for each.
    clock.offsetMs += 2 * 3600_000;
    const at = new Date(now());
    await Promise.all([
      settleDueHeists(deps, at, guildId),
      settleDueHeists(deps, at, guildId),
      settleDueAuctions(deps, at, guildId),
      settleDueAuctions(deps, at, guildId),
    ]);

    const audit = await auditLedger(database.db, guildId);
    expect(audit.problems).toEqual([]);
    const negative = await database.db
      .select()
      .from(economyAccounts)
      .where(
        and(
          eq(economyAccounts.guildId, guildId),
          sql`${economyAccounts.balance} < 0`,
          sql`${economyAccounts.account} not in ('mint', 'house')`,
        ),
      );
    expect(negative).toEqual([]);

    // Every successful operation left exactly one posting under its key; refused ones none.
    const keys = async (list: string[]) =>
      list.length === 0
        ? 0
        : (
            await database.db
              .select({ n: countDistinct(economyTransfers.key) })
              .from(economyTransfers)
              .where(
                and(eq(economyTransfers.guildId, guildId), inArray(economyTransfers.key, list)),
              )
          )[0]?.n;
    expect(await keys(succeeded)).toBe(succeeded.length);
    expect(await keys(refused)).toBe(0);
    const [all] = await database.db
      .select({ n: countDistinct(economyTransfers.key) })
      .from(economyTransfers)
      .where(eq(economyTransfers.guildId, guildId));
    const settlements = heists.length + auctions.length; // every auction had bids; heists ≥ 1 member
    expect(all?.n).toBe(setupKeys.length + succeeded.length + settlements);
    await done();
  });
});
