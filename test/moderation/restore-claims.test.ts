import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  claimRestore,
  createLockdown,
  finishRestore,
  markApplied,
  releaseRestore,
  saveChannel,
} from "../../src/data/moderation/index.ts";
import { lockdownChannels } from "../../src/db/schema.ts";
import { startBot, type TestBot } from "../support/bot.ts";
import { snowflake } from "../support/snowflake.ts";

/**
 * Restores claim a channel row (no row lock held across the Discord call), so an unlock job's
 * restores run as wide as its adaptive lanes without a pooled connection each.
 */
let bot: TestBot;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(() => bot?.close());

const db = () => bot.node.database.db;

async function savedRow() {
  const guildId = snowflake();
  const { lockdown } = await createLockdown(db(), {
    id: crypto.randomUUID(),
    applicationId: bot.applicationId,
    guildId,
    scope: "channel",
    reason: null,
    lockedBy: snowflake(),
    channelIds: [],
    expiresAt: null,
    now: new Date(),
  });
  const row = await saveChannel(db(), {
    lockdownId: lockdown.id,
    guildId,
    channelId: snowflake(),
    saved: null,
    now: new Date(),
  });
  if (!row) throw new Error("no row");
  return row;
}

describe("restore claims", () => {
  it("let one run restore a row at a time; its own resumed run takes its claim back", async () => {
    const row = await savedRow();
    const claim = { rowId: row.id, leaseMs: 60_000 };
    expect(await claimRestore(db(), { ...claim, owner: "job:a" })).not.toBeNull();
    expect(await claimRestore(db(), { ...claim, owner: "job:b" })).toBeNull();
    // A lock arriving while a restore is in flight does not mark the row applied.
    expect(await markApplied(db(), row.id)).toBe(false);
    expect(await claimRestore(db(), { ...claim, owner: "job:a" })).not.toBeNull();
    expect(await finishRestore(db(), { rowId: row.id, owner: "job:b", now: new Date() })).toBe(
      false,
    );
    expect(await finishRestore(db(), { rowId: row.id, owner: "job:a", now: new Date() })).toBe(
      true,
    );
    const [done] = await db()
      .select()
      .from(lockdownChannels)
      .where(eq(lockdownChannels.id, row.id));
    expect(done).toMatchObject({ state: "restored", restoringBy: null, restoringUntil: null });
    expect(await claimRestore(db(), { ...claim, owner: "job:a" })).toBeNull();
  });

  it("free a row whose restore failed, and let a claim that ran out be taken over", async () => {
    const row = await savedRow();
    expect(await claimRestore(db(), { rowId: row.id, owner: "a", leaseMs: 60_000 })).not.toBeNull();
    await releaseRestore(db(), { rowId: row.id, owner: "a" });
    expect(await claimRestore(db(), { rowId: row.id, owner: "b", leaseMs: 60_000 })).not.toBeNull();
    // b's run died: its claim runs out on the database's clock.
    await db()
      .update(lockdownChannels)
      .set({ restoringUntil: new Date(Date.now() - 120_000) })
      .where(eq(lockdownChannels.id, row.id));
    expect(await claimRestore(db(), { rowId: row.id, owner: "c", leaseMs: 60_000 })).not.toBeNull();
    expect(await markApplied(db(), row.id)).toBe(false);
  });
});
