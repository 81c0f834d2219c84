import { PermissionFlagsBits as P } from "discord-api-types/v10";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { massbanRequests, moderationCases } from "../../src/db/schema.ts";
import { REFUSED } from "../../src/domain/moderation/index.ts";
import { startBot, type TestBot } from "../support/bot.ts";
import { BULK_BAN_FAILED_STATUS } from "../support/fake-discord.ts";
import {
  APP_PERMISSIONS,
  buttonIds,
  callsFor,
  command,
  MOD_PERMISSIONS,
  original,
  press,
  type Scene,
  seedGuild,
  textOf,
  userIds,
} from "./helpers.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(() => bot?.close());

const db = () => bot.node.database.db;

/** Asserts that nothing at all happened in the guild: no Discord call, no row. */
async function nothingChanged(scene: Scene) {
  await bot.settle();
  expect(bot.discord.calls.filter((c) => c.params.id === scene.guildId)).toEqual([]);
  expect(
    await db().select().from(massbanRequests).where(eq(massbanRequests.guildId, scene.guildId)),
  ).toEqual([]);
  expect(
    await db().select().from(moderationCases).where(eq(moderationCases.guildId, scene.guildId)),
  ).toEqual([]);
}

async function confirmAndRun(scene: Scene, users: string) {
  const answer = await command(bot, scene, "massban", "ban", { users });
  await bot.settle();
  const [confirm = ""] = buttonIds(original(bot, answer.token));
  const pressed = await press(bot, scene, confirm);
  await bot.settle();
  return original(bot, pressed.token);
}

describe("bad input gets a clear answer and changes nothing", () => {
  it.each([
    [
      "only non-snowflake tokens, listed back",
      "bob 1234 <@&123456789012345678>",
      /None of that is a user id.*\nNot user ids: `bob`, `1234`, `<@&123456789012345678>`/s,
    ],
    ["an empty list", " , \n ,", /The list is empty/],
    [
      "more than 1000 ids",
      userIds(1001).join(" "),
      /1001 different ids; one massban takes at most 1000/,
    ],
  ])("%s", async (_name, users, expected) => {
    const scene = seedGuild(bot);
    const answer = await command(bot, scene, "massban", "ban", { users });
    expect(answer.body.type).toBe(4);
    expect(textOf(answer)).toMatch(expected);
    expect(textOf(answer)).toContain("Nothing was changed.");
    await nothingChanged(scene);
  });

  it("lists invalid tokens in the preview when some ids are valid", async () => {
    const scene = seedGuild(bot);
    const [id = ""] = userIds(1);
    const answer = await command(bot, scene, "massban", "ban", { users: `${id}, oops, ${id}` });
    await bot.settle();
    const text = textOf(original(bot, answer.token));
    expect(text).toContain("**1 user** will be banned");
    expect(text).toContain("Not user ids (1) — ignored: `oops`");
  });

  it.each([
    [
      "the member lacks Manage Server",
      MOD_PERMISSIONS & ~P.ManageGuild,
      APP_PERMISSIONS,
      /^You need \*\*Manage Server\*\* to do this\.$/m,
    ],
    [
      "the member lacks both",
      0n,
      APP_PERMISSIONS,
      /You need \*\*Ban Members\*\* and \*\*Manage Server\*\*/,
    ],
    [
      "Chopsticks lacks Ban Members",
      MOD_PERMISSIONS,
      APP_PERMISSIONS & ~P.BanMembers,
      /^Chopsticks is missing \*\*Ban Members\*\* here/m,
    ],
  ])("refuses when %s, naming it", async (_name, memberPermissions, appPermissions, expected) => {
    const scene = seedGuild(bot);
    const answer = await command(
      bot,
      scene,
      "massban",
      "ban",
      { users: userIds(1).join(" ") },
      {
        memberPermissions,
        appPermissions,
      },
    );
    expect(textOf(answer)).toMatch(expected);
    await nothingChanged(scene);
  });

  it("refuses an unknown delete_messages value", async () => {
    const scene = seedGuild(bot);
    const answer = await command(bot, scene, "massban", "ban", {
      users: userIds(1).join(" "),
      delete_messages: "30d",
    });
    expect(textOf(answer)).toContain("`delete_messages` must be none, 1h, 24h or 7d");
    await nothingChanged(scene);
  });

  it.each([["an unknown case number", 999, /There is no case #999 in this server/]])(
    "undo with %s",
    async (_name, number, expected) => {
      const scene = seedGuild(bot);
      const answer = await command(bot, scene, "massban", "undo", { case: number });
      expect(textOf(answer)).toMatch(expected);
      await nothingChanged(scene);
    },
  );
});

describe("Discord's answers while banning", () => {
  it("honours a 429 Retry-After on bulk-ban and bans everyone", async () => {
    const scene = seedGuild(bot);
    const ids = userIds(3);
    bot.discord.rateLimitNext("/guilds/:id/bulk-ban", { retryAfterSeconds: 0.3 });
    const summary = await confirmAndRun(scene, ids.join(" "));
    const calls = callsFor(bot, "/guilds/:id/bulk-ban", scene.guildId, "POST");
    expect(calls.map((c) => c.status)).toEqual([429, 200]);
    expect((calls[1]?.at ?? 0) - (calls[0]?.at ?? 0)).toBeGreaterThanOrEqual(250);
    expect(textOf(summary)).toMatch(/Banned \*\*3\*\*, failed \*\*0\*\*/);
    expect(bot.discord.state.bannedUserIds(scene.guildId).sort()).toEqual([...ids].sort());
  });

  it("reports a chunk nobody could be banned from (500000) as failures and goes on", {
    timeout: 60_000,
  }, async () => {
    const scene = seedGuild(bot);
    const ids = userIds(203);
    for (const id of ids.slice(0, 200)) bot.discord.markUnbannable(scene.guildId, id);
    const summary = await confirmAndRun(scene, ids.join("\n"));
    const calls = callsFor(bot, "/guilds/:id/bulk-ban", scene.guildId, "POST");
    expect(calls.map((c) => [c.status, (c.response as { code?: number }).code ?? null])).toEqual([
      [BULK_BAN_FAILED_STATUS, 500000],
      [200, null],
    ]);
    const text = textOf(summary);
    expect(text).toMatch(/Banned \*\*3\*\*, failed \*\*200\*\*/);
    expect(text).toContain(`**${REFUSED}** (200)`);
    const [found] = await db()
      .select()
      .from(moderationCases)
      .where(eq(moderationCases.guildId, scene.guildId));
    const details = found?.details as { banned: string[]; failed: { id: string }[] };
    expect(details.banned.sort()).toEqual(ids.slice(200).sort());
    expect(details.failed.map((f) => f.id).sort()).toEqual(ids.slice(0, 200).sort());
  });

  it("lists users Discord would not ban within a chunk (failed_users)", async () => {
    const scene = seedGuild(bot);
    const [ok = "", refused = ""] = userIds(2);
    bot.discord.markUnbannable(scene.guildId, refused);
    const summary = await confirmAndRun(scene, `${ok} ${refused}`);
    expect(textOf(summary)).toMatch(/Banned \*\*1\*\*, failed \*\*1\*\*/);
    expect(textOf(summary)).toContain(`<@${refused}>`);
  });
});

describe("undo refusals", () => {
  it("refuses to undo a massban that banned nobody", async () => {
    const scene = seedGuild(bot);
    const [only = ""] = userIds(1);
    bot.discord.markUnbannable(scene.guildId, only);
    await confirmAndRun(scene, only);
    const [empty] = await db()
      .select()
      .from(moderationCases)
      .where(eq(moderationCases.guildId, scene.guildId));
    const answer = await command(bot, scene, "massban", "undo", { case: empty?.number ?? 0 });
    expect(textOf(answer)).toContain("banned nobody, so there is nothing to undo");
  });
});
