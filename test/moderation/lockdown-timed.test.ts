import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lockdowns, moderationCases } from "../../src/db/schema.ts";
import { LOCK_BITS } from "../../src/domain/moderation/index.ts";
import { settleDueLockdowns } from "../../src/moderation/index.ts";
import { startBot, type TestBot } from "../support/bot.ts";
import { slashCommand } from "../support/interactions.ts";
import { snowflake } from "../support/snowflake.ts";
import { command, jobDeps, original, type Scene, seedGuild, testClock, textOf } from "./helpers.ts";

const clock = testClock();
let bot: TestBot;
beforeAll(async () => {
  bot = await startBot({ clock });
});
afterAll(() => bot?.close());

const db = () => bot.node.database.db;
// Long enough that no other test's cron run (with its own clock) finds it due first.
const DURATION = "3d";
const PAST_END_MS = 3 * 86_400_000 + 60_000;

function sceneWithChannel(): { scene: Scene; channelId: string } {
  const channelId = snowflake();
  const scene = seedGuild(bot, {
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

const overwritesJson = (channelId: string) =>
  JSON.stringify(bot.discord.state.overwrites(channelId));
const isLocked = (scene: Scene, channelId: string) => {
  const o = bot.discord.state.overwrites(channelId).find((x) => x.id === scene.guildId);
  return (BigInt(String(o?.deny ?? "0")) & LOCK_BITS) === LOCK_BITS;
};

async function lockFor(scene: Scene, channelId: string) {
  const answer = await command(
    bot,
    scene,
    "lockdown",
    "channel",
    { duration: DURATION, reason: "cool off" },
    { channelId },
  );
  await bot.settle();
  expect(textOf(original(bot, answer.token))).toMatch(/Unlocks <t:\d+:R>/);
  expect(isLocked(scene, channelId)).toBe(true);
}

async function unlockCaseOf(guildId: string) {
  const cases = await db()
    .select()
    .from(moderationCases)
    .where(eq(moderationCases.guildId, guildId));
  return cases.find((c) => c.action === "unlock");
}

describe("timed lockdowns", () => {
  it("are ended by the cron job once due, restoring the channel exactly, with an unlock case", async () => {
    const { scene, channelId } = sceneWithChannel();
    const before = overwritesJson(channelId);
    await lockFor(scene, channelId);

    const { deps, done } = jobDeps(bot);
    expect(await settleDueLockdowns(deps, new Date(clock.now()), scene.guildId)).toBe(0);
    expect(isLocked(scene, channelId)).toBe(true);

    clock.offsetMs += PAST_END_MS;
    expect(await settleDueLockdowns(deps, new Date(clock.now()), scene.guildId)).toBe(1);
    await done();
    expect(overwritesJson(channelId)).toBe(before);
    const unlock = await unlockCaseOf(scene.guildId);
    expect(unlock).toMatchObject({
      reason: "Timed lockdown ended",
      moderatorId: bot.applicationId,
    });
    const [group] = await db().select().from(lockdowns).where(eq(lockdowns.guildId, scene.guildId));
    expect(group).toMatchObject({ state: "ended", endCaseNumber: unlock?.number });
  });

  it("are settled lazily by the next interaction in the guild", async () => {
    const { scene, channelId } = sceneWithChannel();
    const before = overwritesJson(channelId);
    await lockFor(scene, channelId);
    clock.offsetMs += PAST_END_MS;

    const answer = await bot.interact(slashCommand("ping", { guildId: scene.guildId }));
    expect(textOf(answer)).toContain("Pong");
    await bot.settle();
    expect(overwritesJson(channelId)).toBe(before);
    expect(await unlockCaseOf(scene.guildId)).toBeDefined();
  });

  it("race an /unlock that comes after the end without ever recording the unlock twice", async () => {
    const { scene, channelId } = sceneWithChannel();
    const before = overwritesJson(channelId);
    await lockFor(scene, channelId);
    clock.offsetMs += PAST_END_MS;
    // The gate settles the overdue lockdown after the response while /unlock settles it too:
    // whichever restores the channel records the unlock, the other reports what it saw.
    const answer = await command(bot, scene, "unlock", "channel", {}, { channelId });
    await bot.settle();
    expect(textOf(original(bot, answer.token))).toMatch(
      /is not locked|Restored \*\*1 channel\*\*|being unlocked at this moment/,
    );
    expect(overwritesJson(channelId)).toBe(before);
    const unlocks = (
      await db().select().from(moderationCases).where(eq(moderationCases.guildId, scene.guildId))
    ).filter((c) => c.action === "unlock");
    expect(unlocks).toHaveLength(1);
    const [group] = await db().select().from(lockdowns).where(eq(lockdowns.guildId, scene.guildId));
    expect(group).toMatchObject({ state: "ended", endCaseNumber: unlocks[0]?.number });
  });
});
