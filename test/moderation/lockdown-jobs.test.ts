import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findJob, jobOfCase, setModlogChannel } from "../../src/data/moderation/index.ts";
import { lockdowns, moderationCases, moderationJobs } from "../../src/db/schema.ts";
import { LOCK_BITS } from "../../src/domain/moderation/index.ts";
import type { TestBot } from "../support/bot.ts";
import { snowflake } from "../support/snowflake.ts";
import { command, manyChannels, original, type Scene, seedGuild, textOf } from "./helpers.ts";
import { latestJob, scheduledUntil, startJobsBot } from "./job-bot.ts";

/**
 * Server lockdowns and unlocks as durable jobs, with no long-lived worker: the request works
 * a job for MODERATION_RUN_BUDGET_MS (Workers' waitUntil, shortened), then the scheduled run
 * (here `POST /admin/scheduled`) carries it on. The fake Discord enforces the global 50/s,
 * per-route buckets and the invalid-request ledger.
 */
let bot: TestBot;
beforeAll(async () => {
  bot = await startJobsBot();
}, 60_000);
afterAll(async () => {
  await bot?.close();
});

const db = () => bot.node.database.db;

function snapshot(scene: Scene): Record<string, string> {
  return Object.fromEntries(
    scene.channels.map((c) => [c.id, JSON.stringify(bot.discord.state.overwrites(c.id))]),
  );
}

describe("a 500-channel server lockdown with no worker at all", () => {
  it("locks all 500 through POST /admin/scheduled, then unlock restores every overwrite byte for byte", async () => {
    const otherRole = snowflake();
    const scene = seedGuild(bot, { channels: (g) => manyChannels(g, 500, otherRole) });
    const before = snapshot(scene);
    bot.discord.clearCalls();

    const locked = await command(bot, scene, "lockdown", "server", { reason: "raid" });
    expect(locked.body.type).toBe(5);
    await bot.settle();
    const job = await latestJob(bot, scene, "lockdown");
    expect(job?.state).toBe("running");
    // The request stopped inside its budget and handed the rest over.
    expect(job?.done).toBeLessThan(500);
    expect(bot.logs.some((l) => l.includes("moderation.job_handed_over"))).toBe(true);

    // A second server lockdown while this one runs: refused, nothing changes.
    const second = await command(bot, scene, "lockdown", "server");
    await bot.settle();
    expect(textOf(original(bot, second.token))).toContain("already running");

    // /case view shows the job while it runs.
    const running = await command(bot, scene, "case", "view", { number: job?.caseNumber ?? 0 });
    expect(textOf(running)).toMatch(/Server lockdown: locking channels, \d+ of 500/);

    await scheduledUntil(bot, async () => (await findJob(db(), job?.id ?? ""))?.state === "done");
    await bot.settle();
    expect(textOf(original(bot, locked.token))).toContain("Locked **500 channels**");
    for (const channel of scene.channels) {
      const everyone = bot.discord.state.overwrites(channel.id).find((o) => o.id === scene.guildId);
      expect(BigInt(String(everyone?.deny)) & LOCK_BITS).toBe(LOCK_BITS);
      expect(bot.discord.state.channelMessages(channel.id)).toHaveLength(1);
    }
    const done = await command(bot, scene, "case", "view", { number: job?.caseNumber ?? 0 });
    expect(textOf(done)).toContain("500 locked, 0 failed");
    expect(textOf(done)).toContain("State: done");

    const unlocked = await command(bot, scene, "unlock", "server", { reason: "over" });
    await bot.settle();
    const unlockJob = await latestJob(bot, scene, "unlock");
    await scheduledUntil(
      bot,
      async () => (await findJob(db(), unlockJob?.id ?? ""))?.state === "done",
    );
    await bot.settle();
    expect(textOf(original(bot, unlocked.token))).toContain("Restored **500 channels** exactly");
    expect(snapshot(scene)).toEqual(before);

    const limits = bot.discord.limits();
    // Paced by the shared budget and the buckets' headers: far from Discord's 10,000 ban.
    expect(limits.invalidRequests).toBeLessThan(100);
    const unlockCase = await jobOfCase(
      db(),
      scene.guildId,
      (await findJob(db(), unlockJob?.id ?? ""))?.caseNumber ?? 0,
    );
    expect(unlockCase?.kind).toBe("unlock");
  }, 300_000);
});

describe("unlock while a server lockdown is still locking", () => {
  it("stops the lockdown at once and restores exactly what it changed", async () => {
    const otherRole = snowflake();
    const scene = seedGuild(bot, { channels: (g) => manyChannels(g, 200, otherRole) });
    const before = snapshot(scene);
    const locked = await command(bot, scene, "lockdown", "server");
    await bot.settle();
    const lockJob = await latestJob(bot, scene, "lockdown");
    expect(lockJob?.state).toBe("running");

    const unlocked = await command(bot, scene, "unlock", "server");
    await bot.settle();
    const unlockJob = await latestJob(bot, scene, "unlock");
    await scheduledUntil(
      bot,
      async () => (await findJob(db(), unlockJob?.id ?? ""))?.state === "done",
    );
    await bot.settle();

    const stopped = await findJob(db(), lockJob?.id ?? "");
    expect(stopped?.state).toBe("cancelled");
    expect(stopped?.done).toBeLessThan(200);
    expect(snapshot(scene)).toEqual(before);
    expect(textOf(original(bot, locked.token))).toContain("Lockdown stopped");
    expect(textOf(original(bot, unlocked.token))).toMatch(/Restored \*\*\d+ channels?\*\* exactly/);

    // A second unlock with nothing left: refused, nothing changes.
    const again = await command(bot, scene, "unlock", "server");
    await bot.settle();
    expect(textOf(original(bot, again.token))).toContain("No channel is locked");
  }, 300_000);
});

describe("a job that outlives its interaction token", () => {
  it("posts its summary in the modlog channel instead of editing the dead response", async () => {
    const scene = seedGuild(bot, { channels: (g) => manyChannels(g, 80, snowflake()) });
    const modlog = snowflake();
    bot.discord.addGuild({
      id: snowflake(),
      ownerId: snowflake(),
      channels: [{ id: modlog, type: 0, name: "mod-log" }],
    });
    await setModlogChannel(db(), scene.guildId, modlog, new Date());
    const locked = await command(bot, scene, "lockdown", "server", { reason: "late" });
    await bot.settle();
    const job = await latestJob(bot, scene, "lockdown");
    expect(job?.state).toBe("running");
    // Fifteen minutes later: the token is gone.
    await db()
      .update(moderationJobs)
      .set({ tokenExpiresAt: new Date(Date.now() - 60_000) })
      .where(eq(moderationJobs.id, job?.id ?? ""));
    const editsBefore = bot.discord
      .callsTo("/webhooks/:app/:token/messages/@original", "PATCH")
      .filter((c) => c.params.token === locked.token).length;
    await scheduledUntil(bot, async () => (await findJob(db(), job?.id ?? ""))?.state === "done");
    await bot.settle();

    const posted = bot.discord.state.channelMessages(modlog).map((m) => JSON.stringify(m));
    expect(posted.some((m) => m.includes("Locked **80 channels**"))).toBe(true);
    const editsAfter = bot.discord
      .callsTo("/webhooks/:app/:token/messages/@original", "PATCH")
      .filter((c) => c.params.token === locked.token).length;
    expect(editsAfter).toBe(editsBefore);
  }, 300_000);
});

describe("a timed server lockdown that expires", () => {
  it("is ended by an unlock job the scheduled run starts, restoring every overwrite byte for byte", async () => {
    // 120 channels: 240 calls (restore and notice each) take at least 6 s at the jobs' 40/s,
    // so with a 1.5 s budget a run cannot restore them all: the job needs several runs.
    const scene = seedGuild(bot, { channels: (g) => manyChannels(g, 120, snowflake()) });
    const before = snapshot(scene);
    await command(bot, scene, "lockdown", "server", { duration: "1d", reason: "cool off" });
    await bot.settle();
    const lockJob = await latestJob(bot, scene, "lockdown");
    await scheduledUntil(
      bot,
      async () => (await findJob(db(), lockJob?.id ?? ""))?.state === "done",
    );
    await bot.settle();
    const lockdownId = lockJob?.lockdownId ?? "";
    // The day passes.
    await db()
      .update(lockdowns)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(lockdowns.id, lockdownId));

    const first = await bot.postScheduled();
    expect(first.status).toBe(200);
    const started = (await first.json()) as { jobs: Record<string, unknown> };
    expect(started.jobs["end-timed-lockdowns"]).toBe(1);
    const expiry = await latestJob(bot, scene, "unlock");
    expect(expiry).toMatchObject({ lockdownId, total: 120 });
    // Stepwise: the first run did not restore all 120.
    const afterFirst = await findJob(db(), expiry?.id ?? "");
    expect(afterFirst?.state).toBe("running");
    expect(afterFirst?.done).toBeLessThan(120);

    await scheduledUntil(
      bot,
      async () => (await findJob(db(), expiry?.id ?? ""))?.state === "done",
    );
    // Nothing is due any more: no second job for the same lockdown.
    const last = (await (await bot.postScheduled()).json()) as { jobs: Record<string, unknown> };
    expect(last.jobs["end-timed-lockdowns"]).toBe(0);
    await bot.settle();

    expect(snapshot(scene)).toEqual(before);
    const finished = await findJob(db(), expiry?.id ?? "");
    expect(finished?.runs).toBeGreaterThanOrEqual(2);
    expect(finished?.done).toBe(120);
    const cases = await db()
      .select()
      .from(moderationCases)
      .where(eq(moderationCases.guildId, scene.guildId));
    const unlocks = cases.filter((c) => c.action === "unlock");
    expect(unlocks).toHaveLength(1);
    expect(unlocks[0]).toMatchObject({
      reason: "Timed lockdown ended",
      moderatorId: bot.applicationId,
      undoesCaseNumber: lockJob?.caseNumber,
    });
    expect(unlocks[0]?.targets).toHaveLength(120);
    const [ended] = await db().select().from(lockdowns).where(eq(lockdowns.id, lockdownId));
    expect(ended).toMatchObject({ state: "ended", endCaseNumber: unlocks[0]?.number });
    const restores = bot.discord
      .callsTo("/channels/:id/permissions/:overwrite")
      .filter((c) => c.auditLogReason?.includes("Timed lockdown ended") === true);
    expect(new Set(restores.map((c) => c.params.id)).size).toBe(120);
  }, 300_000);
});
