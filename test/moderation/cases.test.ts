import { PermissionFlagsBits as P } from "discord-api-types/v10";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCase, modlogChannel } from "../../src/data/moderation/index.ts";
import { startBot, type TestBot } from "../support/bot.ts";
import { snowflake } from "../support/snowflake.ts";
import {
  buttonIds,
  channelOption,
  command,
  MOD_PERMISSIONS,
  press,
  type Scene,
  seedGuild,
  textOf,
} from "./helpers.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(() => bot?.close());

/** Records `n` cases directly (the actions themselves are tested elsewhere). */
async function seedCases(scene: Scene, n: number, target = snowflake()) {
  for (let i = 0; i < n; i++) {
    await bot.node.database.db.transaction((tx) =>
      createCase(tx, {
        guildId: scene.guildId,
        action: "massban",
        targets: i % 2 === 0 ? [target] : [snowflake(), snowflake()],
        moderatorId: scene.moderatorId,
        reason: `reason ${i + 1}`,
        now: new Date(),
      }),
    );
  }
  return target;
}

describe("/case", () => {
  it("numbers cases per guild and shows one with /case view", async () => {
    const scene = seedGuild(bot);
    const other = seedGuild(bot);
    await seedCases(scene, 2);
    await seedCases(other, 1);
    const viewed = await command(bot, scene, "case", "view", { number: 2 });
    expect(textOf(viewed)).toContain("Case #2 — Massban");
    expect(textOf(viewed)).toContain("**Reason:** reason 2");
    expect(textOf(viewed)).toContain(`Moderator: <@${scene.moderatorId}>`);
    expect(textOf(await command(bot, other, "case", "view", { number: 1 }))).toContain("reason 1");
    const unknown = await command(bot, scene, "case", "view", { number: 3 });
    expect(textOf(unknown)).toContain("There is no case #3 in this server");
  });

  it("lets only the case's moderator or a Manage Server member change its reason, saying what changed", async () => {
    const scene = seedGuild(bot);
    await seedCases(scene, 1);
    const stranger = { user: { id: snowflake() }, memberPermissions: P.BanMembers };
    const refused = await command(
      bot,
      scene,
      "case",
      "reason",
      { number: 1, reason: "mine now" },
      stranger,
    );
    expect(textOf(refused)).toContain(`Only <@${scene.moderatorId}>, who took this action`);
    expect(textOf(await command(bot, scene, "case", "view", { number: 1 }))).toContain("reason 1");

    const own = await command(bot, scene, "case", "reason", { number: 1, reason: "raid wave 2" });
    expect(textOf(own)).toContain("**Before:** reason 1\n**Now:** raid wave 2");
    const admin = { user: { id: snowflake() }, memberPermissions: P.ManageGuild };
    const byAdmin = await command(
      bot,
      scene,
      "case",
      "reason",
      { number: 1, reason: "final" },
      admin,
    );
    expect(textOf(byAdmin)).toContain("**Before:** raid wave 2\n**Now:** final");
    const missing = await command(bot, scene, "case", "reason", { number: 9, reason: "x" });
    expect(textOf(missing)).toContain("There is no case #9");
  });

  it("refuses people without any moderation permission", async () => {
    const scene = seedGuild(bot);
    const answer = await command(bot, scene, "case", "list", {}, { memberPermissions: 0n });
    expect(textOf(answer)).toContain("to read the modlog");
  });

  it("lists cases newest first in pages, turned with buttons, optionally for one user", async () => {
    const scene = seedGuild(bot);
    const target = await seedCases(scene, 23);
    const first = await command(bot, scene, "case", "list");
    const firstData = (first.body as { data: Parameters<typeof buttonIds>[0] }).data;
    expect(textOf(first)).toContain("Page 1/3");
    expect(textOf(first).indexOf("Case #23")).toBeLessThan(textOf(first).indexOf("Case #14"));
    const [previous, next] = buttonIds(firstData);
    expect(previous).toBe("case:page:-1:all");
    const second = await press(bot, scene, next ?? "");
    expect(second.body.type).toBe(7);
    expect(textOf(second)).toContain("Page 2/3");
    expect(textOf(second)).toContain("Case #13");
    const stale = await press(bot, scene, "case:page:99:all");
    expect(textOf(stale)).toContain("Page 3/3");

    const filtered = await command(bot, scene, "case", "list", {
      user: { type: 6, value: target },
    });
    expect(textOf(filtered)).toContain("12 cases");
    const [, nextFiltered] = buttonIds(
      (filtered.body as { data: Parameters<typeof buttonIds>[0] }).data,
    );
    expect(nextFiltered).toBe(`case:page:1:${target}`);
    const page2 = await press(bot, scene, nextFiltered ?? "");
    expect(textOf(page2)).toContain("Page 2/2");
  });
});

describe("/modlog channel", () => {
  it("posts new cases to the chosen channel as embeds", async () => {
    const logChannel = snowflake();
    const textChannel = snowflake();
    const scene = seedGuild(bot, {
      channels: () => [
        { id: logChannel, type: 0, name: "mod-log" },
        { id: textChannel, type: 0, name: "general" },
      ],
    });
    const { option, resolved } = channelOption(logChannel, 0);
    const set = await command(
      bot,
      scene,
      "modlog",
      "channel set",
      { channel: option },
      { resolved },
    );
    expect(textOf(set)).toContain(`New cases will be posted in <#${logChannel}>`);
    expect(bot.discord.state.channelMessages(logChannel)).toHaveLength(1);

    await command(
      bot,
      scene,
      "lockdown",
      "channel",
      { reason: "flood" },
      { channelId: textChannel },
    );
    await bot.settle();
    const posts = bot.discord.state.channelMessages(logChannel);
    expect(posts).toHaveLength(2);
    expect(textOf(posts[1])).toContain("Case #1 — Lockdown");
    expect(textOf(posts[1])).toContain("**Reason:** flood");

    const cleared = await command(bot, scene, "modlog", "channel clear");
    expect(textOf(cleared)).toContain(`no longer posted in <#${logChannel}>`);
    await command(bot, scene, "unlock", "channel", {}, { channelId: textChannel });
    await bot.settle();
    expect(bot.discord.state.channelMessages(logChannel)).toHaveLength(2);
  });

  it("refuses a channel of the wrong type, one it cannot post in, and members without Manage Server", async () => {
    const voice = snowflake();
    const closed = snowflake();
    const scene = seedGuild(bot, { channels: () => [{ id: closed, type: 0 }] });
    const wrongType = channelOption(voice, 2);
    const answer = await command(
      bot,
      scene,
      "modlog",
      "channel set",
      { channel: wrongType.option },
      {
        resolved: wrongType.resolved,
      },
    );
    expect(textOf(answer)).toContain("is not a text or announcement channel");

    bot.discord.failNext("/channels/:id/messages", {
      status: 403,
      code: 50013,
      message: "Missing Permissions",
      params: { id: closed },
    });
    const blocked = channelOption(closed, 0);
    const cannot = await command(
      bot,
      scene,
      "modlog",
      "channel set",
      { channel: blocked.option },
      {
        resolved: blocked.resolved,
      },
    );
    expect(textOf(cannot)).toContain("Chopsticks cannot post in");
    expect(textOf(cannot)).toContain("Missing Permissions");

    const notAdmin = await command(
      bot,
      scene,
      "modlog",
      "channel set",
      { channel: blocked.option },
      {
        resolved: blocked.resolved,
        memberPermissions: MOD_PERMISSIONS & ~P.ManageGuild,
      },
    );
    expect(textOf(notAdmin)).toContain("You need **Manage Server**");
    await bot.settle();
    expect(await modlogChannel(bot.node.database.db, scene.guildId)).toBeNull();
  });
});
