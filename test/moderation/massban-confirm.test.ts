import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { massbanRequests, moderationCases } from "../../src/db/schema.ts";
import type { Answer, TestBot } from "../support/bot.ts";
import { startBot } from "../support/bot.ts";
import { slashCommand } from "../support/interactions.ts";
import { snowflake } from "../support/snowflake.ts";
import {
  buttonIds,
  callsFor,
  command,
  original,
  press,
  type Scene,
  seedGuild,
  testClock,
  textOf,
  userIds,
} from "./helpers.ts";

const clock = testClock();
let bot: TestBot;
beforeAll(async () => {
  bot = await startBot({ clock });
});
afterAll(() => bot?.close());

const db = () => bot.node.database.db;
const casesOf = (guildId: string) =>
  db().select().from(moderationCases).where(eq(moderationCases.guildId, guildId));
const requestsOf = (guildId: string) =>
  db().select().from(massbanRequests).where(eq(massbanRequests.guildId, guildId));

/** Runs `/massban ban users:…` and returns the preview's Confirm and Cancel ids. */
async function preview(scene: Scene, users: string, extra: Record<string, string> = {}) {
  const answer = await command(bot, scene, "massban", "ban", { users, ...extra });
  expect(answer.body.type).toBe(5);
  await bot.settle();
  const message = original(bot, answer.token);
  const [confirm = "", cancel = ""] = buttonIds(message);
  return { answer, message, confirm, cancel };
}

describe("confirming a massban", () => {
  it("two confirms at once produce one bulk-ban sequence and one case", async () => {
    const scene = seedGuild(bot);
    const ids = userIds(3);
    const { confirm } = await preview(scene, ids.join(" "));
    const answers = await Promise.all([press(bot, scene, confirm), press(bot, scene, confirm)]);
    await bot.settle();
    const winners = answers.filter((a) => a.body.type === 6);
    const losers = answers.filter((a) => a.body.type !== 6);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expect(textOf(losers[0] as Answer)).toMatch(/already (running|ran) as case #\d+/);
    expect(callsFor(bot, "/guilds/:id/bulk-ban", scene.guildId, "POST")).toHaveLength(1);
    expect(await casesOf(scene.guildId)).toHaveLength(1);
    expect(bot.discord.state.bannedUserIds(scene.guildId).sort()).toEqual([...ids].sort());

    // A press after it ran is told so, and nothing more happens.
    const late = await press(bot, scene, confirm);
    expect(textOf(late)).toMatch(/already ran as case #\d+/);
    await bot.settle();
    expect(callsFor(bot, "/guilds/:id/bulk-ban", scene.guildId, "POST")).toHaveLength(1);
  });

  it("refuses a press by someone else and changes nothing", async () => {
    const scene = seedGuild(bot);
    const { confirm, cancel } = await preview(scene, userIds(2).join(" "));
    for (const id of [confirm, cancel]) {
      const other = await press(bot, scene, id, { user: { id: snowflake(), username: "eve" } });
      expect(other.body.type).toBe(4);
      expect(textOf(other)).toContain(`Only <@${scene.moderatorId}>, who ran this /massban`);
    }
    await bot.settle();
    expect(callsFor(bot, "/guilds/:id/bulk-ban", scene.guildId)).toHaveLength(0);
    expect(await casesOf(scene.guildId)).toEqual([]);
    expect((await requestsOf(scene.guildId)).map((r) => r.state)).toEqual(["pending"]);
  });

  it("expires after 60 seconds: a late Confirm bans nobody", async () => {
    const scene = seedGuild(bot);
    const { confirm } = await preview(scene, userIds(2).join(" "));
    clock.offsetMs += 61_000;
    try {
      const late = await press(bot, scene, confirm);
      expect(late.body.type).toBe(7);
      expect(textOf(late)).toContain("expired after 60 seconds. Nobody was banned");
      expect(buttonIds((late.body as { data: object }).data)).toEqual([]);
      await bot.settle();
      expect(callsFor(bot, "/guilds/:id/bulk-ban", scene.guildId)).toHaveLength(0);
      expect(await casesOf(scene.guildId)).toEqual([]);
      expect((await requestsOf(scene.guildId)).map((r) => r.state)).toEqual(["expired"]);
    } finally {
      clock.offsetMs -= 61_000;
    }
  });

  it("Cancel closes the preview; a later Confirm is told it was cancelled", async () => {
    const scene = seedGuild(bot);
    const { confirm, cancel } = await preview(scene, userIds(2).join(" "));
    const cancelled = await press(bot, scene, cancel);
    expect(cancelled.body.type).toBe(7);
    expect(textOf(cancelled)).toContain("Cancelled. Nobody was banned.");
    const after = await press(bot, scene, confirm);
    expect(after.body.type).toBe(4);
    expect(textOf(after)).toContain("was cancelled; nobody was banned");
    await bot.settle();
    expect(callsFor(bot, "/guilds/:id/bulk-ban", scene.guildId)).toHaveLength(0);
    expect(await casesOf(scene.guildId)).toEqual([]);
  });

  it("a button for another guild's preview does nothing", async () => {
    const scene = seedGuild(bot);
    const other = seedGuild(bot);
    const { confirm } = await preview(scene, userIds(1).join(" "));
    const forged = await press(bot, other, confirm, { user: { id: scene.moderatorId } });
    expect(textOf(forged)).toContain("no longer exists");
    await bot.settle();
    expect(callsFor(bot, "/guilds/:id/bulk-ban", scene.guildId)).toHaveLength(0);
  });
});

describe("undo", () => {
  it("counts users unbanned meanwhile as no longer banned, not as failures", async () => {
    const scene = seedGuild(bot);
    const ids = userIds(3);
    const { confirm } = await preview(scene, ids.join(" "));
    await press(bot, scene, confirm);
    await bot.settle();
    // Someone lifted one ban by hand in the meantime.
    bot.discord.state.guildBans(scene.guildId).delete(ids[1] ?? "");
    const [massbanCase] = await casesOf(scene.guildId);
    const undo = await command(bot, scene, "massban", "undo", { case: massbanCase?.number ?? 0 });
    await bot.settle();
    const text = textOf(original(bot, undo.token));
    expect(text).toMatch(/Unbanned \*\*2\*\*, 1 user was no longer banned, failed \*\*0\*\*/);
    expect(bot.discord.state.bannedUserIds(scene.guildId)).toEqual([]);
  });
});

describe("who is never banned", () => {
  it("skips the invoker, the bot, the owner and anyone ranked at or above either, with reasons", async () => {
    const plain = snowflake();
    const stranger = snowflake();
    const equal = snowflake();
    const aboveMod = snowflake();
    const aboveBot = snowflake();
    const scene = seedGuild(bot);
    // Re-seed with members now that the role ids exist.
    const members = {
      [plain]: [scene.roles.helper],
      [equal]: [scene.roles.mod],
      [aboveMod]: [scene.roles.bot],
      [aboveBot]: [scene.roles.admin],
    };
    const guild = bot.discord.state.guilds.get(scene.guildId);
    for (const [id, roles] of Object.entries(members)) guild?.members.set(id, roles);

    const list = [
      scene.moderatorId,
      bot.discord.botUserId,
      scene.ownerId,
      plain,
      stranger,
      equal,
      aboveMod,
      aboveBot,
    ];
    const { message, confirm } = await preview(scene, list.map((id) => `<@${id}>`).join(", "));
    const text = textOf(message);
    expect(text).toContain("**2 users** will be banned; **6** skipped.");
    expect(text).toContain(`**you** (1): <@${scene.moderatorId}>`);
    expect(text).toContain(`**Chopsticks itself** (1): <@${bot.discord.botUserId}>`);
    expect(text).toContain(`**server owner** (1): <@${scene.ownerId}>`);
    expect(text).toContain(
      `**role at or above yours** (3): <@${equal}> <@${aboveMod}> <@${aboveBot}>`,
    );

    await press(bot, scene, confirm);
    await bot.settle();
    const bulk = callsFor(bot, "/guilds/:id/bulk-ban", scene.guildId, "POST");
    expect(bulk.map((c) => (c.body as { user_ids: string[] }).user_ids)).toEqual([
      [plain, stranger],
    ]);
    expect(bot.discord.state.bannedUserIds(scene.guildId).sort()).toEqual([plain, stranger].sort());
  });

  it("an owner invoker is only held back by Chopsticks' own rank", async () => {
    const scene = seedGuild(bot);
    const aboveMod = snowflake();
    const aboveBot = snowflake();
    const guild = bot.discord.state.guilds.get(scene.guildId);
    guild?.members.set(aboveMod, [scene.roles.mod]);
    guild?.members.set(aboveBot, [scene.roles.admin]);
    const answer = await bot.interact(
      slashCommand("massban", {
        guildId: scene.guildId,
        user: { id: scene.ownerId },
        memberPermissions: 8n,
        subcommand: "ban",
        options: { users: `${aboveMod} ${aboveBot}` },
      }),
    );
    await bot.settle();
    const text = textOf(original(bot, answer.token));
    expect(text).toContain("**1 user** will be banned; **1** skipped.");
    expect(text).toContain(`**role at or above Chopsticks' highest role** (1): <@${aboveBot}>`);
  });

  it("never bans someone whose roles could not be checked", async () => {
    const scene = seedGuild(bot);
    const [checked = "", unchecked = ""] = userIds(2);
    bot.discord.failNext("/guilds/:id/members/:user", {
      status: 403,
      code: 50001,
      message: "Missing Access",
      params: { id: scene.guildId, user: unchecked },
    });
    const { message } = await preview(scene, `${checked} ${unchecked}`);
    expect(textOf(message)).toContain(`**could not check their roles** (1): <@${unchecked}>`);
    expect(textOf(message)).toContain("**1 user** will be banned");
  });

  it("says so when nothing is left to ban, without buttons or a preview row", async () => {
    const scene = seedGuild(bot);
    const answer = await command(bot, scene, "massban", "ban", {
      users: `${scene.ownerId} ${scene.moderatorId} nonsense`,
    });
    await bot.settle();
    const message = original(bot, answer.token);
    expect(textOf(message)).toContain("Nothing to ban");
    expect(textOf(message)).toContain("`nonsense`");
    expect(buttonIds(message)).toEqual([]);
    expect(await requestsOf(scene.guildId)).toEqual([]);
  });
});
