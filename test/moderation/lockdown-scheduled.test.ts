import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lockdowns, moderationCases } from "../../src/db/schema.ts";
import { LOCK_BITS } from "../../src/domain/moderation/index.ts";
import { startBot, type TestBot } from "../support/bot.ts";
import { snowflake } from "../support/snowflake.ts";
import { command, original, type Scene, seedGuild, textOf } from "./helpers.ts";

// Both bots keep real time: the scheduled work also sweeps expired blocks of every guild in the
// shared database, and a clock moved days ahead would sweep other test files' blocks.
let bot: TestBot;
/** A bot whose timer runs the scheduled work every 100 ms instead of every minute. */
let ticking: TestBot;
beforeAll(async () => {
  [bot, ticking] = await Promise.all([startBot(), startBot({ scheduleEveryMs: 100 })]);
});
afterAll(() => Promise.all([bot?.close(), ticking?.close()]));

function sceneWithChannel(on: TestBot): { scene: Scene; channelId: string } {
  const channelId = snowflake();
  const scene = seedGuild(on, {
    channels: (guildId) => [
      {
        id: channelId,
        type: 0,
        permission_overwrites: [{ id: guildId, type: 0, allow: "1024", deny: "8192" }],
      },
    ],
  });
  return { scene, channelId };
}

const overwritesJson = (on: TestBot, channelId: string) =>
  JSON.stringify(on.discord.state.overwrites(channelId));
const isLocked = (on: TestBot, scene: Scene, channelId: string) => {
  const o = on.discord.state.overwrites(channelId).find((x) => x.id === scene.guildId);
  return (BigInt(String(o?.deny ?? "0")) & LOCK_BITS) === LOCK_BITS;
};

/** Locks the channel for a day, then lets the day pass by moving its end into the past. */
async function dueLockdown(on: TestBot) {
  const { scene, channelId } = sceneWithChannel(on);
  const before = overwritesJson(on, channelId);
  const answer = await command(
    on,
    scene,
    "lockdown",
    "channel",
    { duration: "1d", reason: "cool off" },
    { channelId },
  );
  await on.settle();
  expect(textOf(original(on, answer.token))).toMatch(/Unlocks <t:\d+:R>/);
  expect(isLocked(on, scene, channelId)).toBe(true);
  await on.node.database.db
    .update(lockdowns)
    .set({ expiresAt: sql`now() - interval '1 second'` })
    .where(eq(lockdowns.guildId, scene.guildId));
  return { scene, channelId, before };
}

async function casesOf(on: TestBot, guildId: string) {
  return on.node.database.db
    .select()
    .from(moderationCases)
    .where(eq(moderationCases.guildId, guildId));
}

describe("POST /admin/scheduled", () => {
  it("ends a due timed lockdown at once and answers the rows each job settled", async () => {
    const { scene, channelId, before } = await dueLockdown(bot);
    const response = await bot.postScheduled();
    expect(response.status).toBe(200);
    const body = (await response.json()) as { jobs: Record<string, unknown>; failed: string[] };
    expect(body.jobs).toMatchObject({
      "end-timed-lockdowns": 1,
      "expire-guild-controls": expect.any(Number),
      "resume-ban-jobs": 0,
      "sweep-massban-previews": expect.any(Number),
    });
    expect(body.failed).toEqual([]);
    expect(overwritesJson(bot, channelId)).toBe(before);
    const unlock = (await casesOf(bot, scene.guildId)).find((c) => c.action === "unlock");
    expect(unlock).toMatchObject({
      reason: "Timed lockdown ended",
      moderatorId: bot.applicationId,
    });
    const [group] = await bot.node.database.db
      .select()
      .from(lockdowns)
      .where(eq(lockdowns.guildId, scene.guildId));
    expect(group).toMatchObject({ state: "ended", endCaseNumber: unlock?.number });

    const again = (await (await bot.postScheduled()).json()) as { jobs: Record<string, unknown> };
    expect(again.jobs["end-timed-lockdowns"]).toBe(0);
    expect((await casesOf(bot, scene.guildId)).filter((c) => c.action === "unlock")).toHaveLength(
      1,
    );
  });

  it.each([
    ["no bearer", {}],
    ["a wrong bearer", { authorization: "Bearer not-the-admin-secret" }],
    ["a malformed header", { authorization: "Basic YWRtaW46YWRtaW4=" }],
  ])("answers 401 to %s and settles nothing", async (_name, headers) => {
    const { scene, channelId } = await dueLockdown(bot);
    const response = await bot.postScheduled(headers);
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(await response.json()).toEqual({ error: "a valid bearer token is required" });
    await bot.settle();
    expect(isLocked(bot, scene, channelId)).toBe(true);
    expect((await casesOf(bot, scene.guildId)).map((c) => c.action)).toEqual(["lockdown"]);
    // Leave nothing due behind for the next test's run.
    await bot.postScheduled();
  });
});

describe("the Node timer", () => {
  it("ends a due timed lockdown by itself, exactly once", async () => {
    const { scene, channelId, before } = await dueLockdown(ticking);
    await ticking.discord.waitFor(
      (call) =>
        call.params.id === channelId &&
        call.auditLogReason?.includes("Timed lockdown ended") === true,
      { timeoutMs: 5000, description: "the timed lockdown's restore" },
    );
    // Queued behind the timer's run in progress: once it answers, that run has finished.
    expect((await ticking.runScheduled(new Date()))["end-timed-lockdowns"]).toBe(0);
    await ticking.settle();
    expect(overwritesJson(ticking, channelId)).toBe(before);
    const unlocks = (await casesOf(ticking, scene.guildId)).filter((c) => c.action === "unlock");
    expect(unlocks).toHaveLength(1);
    expect(unlocks[0]).toMatchObject({ reason: "Timed lockdown ended" });
  });
});
