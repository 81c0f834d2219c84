import { PermissionFlagsBits as P } from "discord-api-types/v10";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lockdownChannels, lockdowns, moderationCases } from "../../src/db/schema.ts";
import { LOCK_BITS } from "../../src/domain/moderation/index.ts";
import { startBot, type TestBot } from "../support/bot.ts";
import type { SeedChannel } from "../support/fake-discord.ts";
import { snowflake } from "../support/snowflake.ts";
import {
  APP_PERMISSIONS,
  callsFor,
  channelOption,
  command,
  editsOf,
  MOD_PERMISSIONS,
  original,
  type Scene,
  seedGuild,
  textOf,
} from "./helpers.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(() => bot?.close());

const db = () => bot.node.database.db;
const casesOf = (guildId: string) =>
  db()
    .select()
    .from(moderationCases)
    .where(eq(moderationCases.guildId, guildId))
    .orderBy(moderationCases.number);

/**
 * 30 text/announcement channels whose @everyone overwrite is absent, allow-only, deny-only or
 * both (some with a role overwrite too), plus a voice channel and a category that a lockdown
 * must not touch.
 */
function mixedChannels(guildId: string, otherRole: string): SeedChannel[] {
  const shapes = [
    null,
    { allow: String(P.SendMessages | P.AttachFiles), deny: "0" },
    { allow: "0", deny: String(P.EmbedLinks) },
    { allow: String(P.AddReactions), deny: String(P.MentionEveryone | P.SendMessagesInThreads) },
  ];
  const channels: SeedChannel[] = Array.from({ length: 30 }, (_, i) => {
    const shape = shapes[i % shapes.length];
    const overwrites = [];
    if (i % 5 === 0) overwrites.push({ id: otherRole, type: 0 as const, allow: "2048", deny: "0" });
    if (shape) overwrites.push({ id: guildId, type: 0 as const, ...shape });
    if (i % 7 === 0) overwrites.push({ id: snowflake(), type: 1 as const, allow: "0", deny: "64" });
    return {
      id: snowflake(),
      type: i % 6 === 0 ? 5 : 0,
      name: `ch-${i}`,
      permission_overwrites: overwrites,
    };
  });
  return [
    ...channels,
    { id: snowflake(), type: 2, name: "voice" },
    { id: snowflake(), type: 4, name: "category" },
  ];
}

/** Every channel's overwrites exactly as the fake stores them, as JSON. */
function snapshot(scene: Scene): Record<string, string> {
  return Object.fromEntries(
    scene.channels.map((c) => [c.id, JSON.stringify(bot.discord.state.overwrites(c.id))]),
  );
}

function everyone(scene: Scene, channelId: string) {
  return bot.discord.state.overwrites(channelId).find((o) => o.id === scene.guildId);
}

/** A guild with 30 mixed channels. */
function sceneWith30Channels(): Scene {
  return seedGuild(bot, { channels: (guildId, roles) => mixedChannels(guildId, roles.helper) });
}

const lockable = (scene: Scene) => scene.channels.filter((c) => c.type === 0 || c.type === 5);

describe("/lockdown server then /unlock server", () => {
  it("locks 30 channels with notices and progress, and unlock restores every overwrite byte for byte", async () => {
    const scene = sceneWith30Channels();
    const before = snapshot(scene);
    // Discord rate-limits one of the overwrite edits: the call waits and goes through.
    bot.discord.rateLimitNext("/channels/:id/permissions/:overwrite", {
      method: "PUT",
      retryAfterSeconds: 0.2,
    });

    const locked = await command(bot, scene, "lockdown", "server", { reason: "raid in progress" });
    expect(locked.body.type).toBe(5);
    await bot.settle();
    const summary = textOf(original(bot, locked.token));
    expect(summary).toContain("Locked **30 channels**");
    const puts = bot.discord.callsTo("/channels/:id/permissions/:overwrite", "PUT");
    // The injected route 429 happens once and is retried; a global 429 (the fake's 50/s, hit
    // when a loaded machine bunches the calls up) is Discord's own and retried the same way.
    const routeLimited = puts.filter(
      (c) => c.status === 429 && (c.response as { global?: boolean } | undefined)?.global !== true,
    );
    expect(routeLimited).toHaveLength(1);
    const progress = editsOf(bot, locked.token).map((e) => textOf(e));
    expect(progress).toContain("Locking…\nLocking channels: 0 of 30…");
    // Each recorded step (a batch of 24 channels) shows how far the job is.
    expect(progress.some((t) => t.includes("Locking channels: 24 of 30…"))).toBe(true);

    for (const channel of lockable(scene)) {
      const overwrite = everyone(scene, channel.id);
      const deny = BigInt(String(overwrite?.deny));
      const allow = BigInt(String(overwrite?.allow));
      expect(deny & LOCK_BITS).toBe(LOCK_BITS);
      expect(allow & LOCK_BITS).toBe(0n);
      const notices = bot.discord.state.channelMessages(channel.id);
      expect(notices).toHaveLength(1);
      expect(JSON.stringify(notices[0])).toContain("raid in progress");
    }
    for (const channel of scene.channels.filter((c) => c.type === 2 || c.type === 4))
      expect(snapshot(scene)[channel.id]).toBe(before[channel.id]);

    const unlocked = await command(bot, scene, "unlock", "server");
    await bot.settle();
    expect(textOf(original(bot, unlocked.token))).toContain("Restored **30 channels** exactly");
    expect(snapshot(scene)).toEqual(before);
    for (const channel of lockable(scene)) {
      const messages = bot.discord.state.channelMessages(channel.id);
      expect(JSON.stringify(messages.at(-1))).toContain("unlocked");
    }

    const [lockCase, unlockCase, ...rest] = await casesOf(scene.guildId);
    expect(rest).toEqual([]);
    expect(lockCase).toMatchObject({ action: "lockdown", reason: "raid in progress" });
    expect(lockCase?.targets).toHaveLength(30);
    expect(unlockCase).toMatchObject({ action: "unlock", undoesCaseNumber: lockCase?.number });
    expect(lockCase?.undoCaseNumber).toBe(unlockCase?.number);
    const [group] = await db().select().from(lockdowns).where(eq(lockdowns.guildId, scene.guildId));
    expect(group?.state).toBe("ended");

    const again = await command(bot, scene, "unlock", "server");
    await bot.settle();
    expect(textOf(original(bot, again.token))).toContain("No channel is locked in this server");
  });

  it("when Discord refuses some channels halfway, unlock restores the ones that changed", async () => {
    const scene = sceneWith30Channels();
    const before = snapshot(scene);
    const refused = lockable(scene)
      .slice(10, 13)
      .map((c) => c.id);
    for (const id of refused)
      bot.discord.failNext("/channels/:id/permissions/:overwrite", {
        method: "PUT",
        status: 403,
        code: 50013,
        message: "Missing Permissions",
        params: { id },
      });
    const locked = await command(bot, scene, "lockdown", "server");
    await bot.settle();
    const summary = textOf(original(bot, locked.token));
    expect(summary).toContain("Locked **27 channels**; **3** failed");
    expect(summary).toContain("Discord: Missing Permissions");
    for (const id of refused) {
      expect(snapshot(scene)[id]).toBe(before[id]);
      // Its notice was taken down again.
      expect(bot.discord.state.channelMessages(id)).toEqual([]);
    }
    const rows = await db()
      .select()
      .from(lockdownChannels)
      .where(eq(lockdownChannels.guildId, scene.guildId));
    expect(
      rows
        .filter((r) => r.state === "failed")
        .map((r) => r.channelId)
        .sort(),
    ).toEqual([...refused].sort());

    await command(bot, scene, "unlock", "server");
    await bot.settle();
    expect(snapshot(scene)).toEqual(before);
  });
});

describe("/lockdown channel and /unlock channel", () => {
  it("locks the channel it is used in, says when it is already locked, and unlocks it", async () => {
    const scene = sceneWith30Channels();
    const channel = lockable(scene)[1] as SeedChannel;
    const before = snapshot(scene);
    const here = { channelId: channel.id };
    const locked = await command(bot, scene, "lockdown", "channel", { reason: "spam" }, here);
    await bot.settle();
    expect(textOf(original(bot, locked.token))).toContain("Locked **1 channel**");
    expect(BigInt(String(everyone(scene, channel.id)?.deny)) & LOCK_BITS).toBe(LOCK_BITS);

    const twice = await command(bot, scene, "lockdown", "channel", {}, here);
    await bot.settle();
    expect(textOf(original(bot, twice.token))).toContain("is already locked");

    const unlocked = await command(bot, scene, "unlock", "channel", {}, here);
    await bot.settle();
    expect(textOf(original(bot, unlocked.token))).toContain("Restored **1 channel**");
    expect(snapshot(scene)).toEqual(before);

    const notLocked = await command(bot, scene, "unlock", "channel", {}, here);
    await bot.settle();
    expect(textOf(original(bot, notLocked.token))).toContain(`<#${channel.id}> is not locked`);
  });

  it.each([
    [2, "voice channel"],
    [4, "category"],
    [15, "forum"],
  ])("refuses a channel of type %i (%s) and changes nothing", async (type, what) => {
    const scene = sceneWith30Channels();
    const id = snowflake();
    const { option, resolved } = channelOption(id, type);
    const answer = await command(
      bot,
      scene,
      "lockdown",
      "channel",
      { channel: option },
      { resolved },
    );
    expect(answer.body.type).toBe(4);
    expect(textOf(answer)).toContain(`is a ${what}: only text and announcement channels`);
    await bot.settle();
    expect(bot.discord.callsTo("/channels/:id/permissions/:overwrite")).toEqual(
      expect.not.arrayContaining([
        expect.objectContaining({ params: expect.objectContaining({ id }) }),
      ]),
    );
    expect(
      await db().select().from(lockdownChannels).where(eq(lockdownChannels.guildId, scene.guildId)),
    ).toEqual([]);
  });

  it.each([
    [
      "the member lacks Manage Channels",
      MOD_PERMISSIONS & ~P.ManageChannels,
      APP_PERMISSIONS,
      "channel",
      /You need \*\*Manage Channels\*\*/,
    ],
    [
      "Chopsticks lacks Manage Roles",
      MOD_PERMISSIONS,
      APP_PERMISSIONS & ~P.ManageRoles,
      "channel",
      /Chopsticks is missing \*\*Manage Roles\*\*/,
    ],
    [
      "server lockdown without Manage Server",
      MOD_PERMISSIONS & ~P.ManageGuild,
      APP_PERMISSIONS,
      "server",
      /You need \*\*Manage Server\*\*/,
    ],
  ])("refuses when %s", async (_name, memberPermissions, appPermissions, sub, expected) => {
    const scene = sceneWith30Channels();
    const channel = lockable(scene)[0] as SeedChannel;
    const answer = await command(
      bot,
      scene,
      "lockdown",
      sub,
      {},
      {
        memberPermissions,
        appPermissions,
        channelId: channel.id,
      },
    );
    expect(textOf(answer)).toMatch(expected);
    await bot.settle();
    expect(callsFor(bot, "/channels/:id/permissions/:overwrite", channel.id)).toEqual([]);
  });

  it("refuses a duration that does not parse, and changes nothing", async () => {
    const scene = sceneWith30Channels();
    const channel = lockable(scene)[0] as SeedChannel;
    const answer = await command(
      bot,
      scene,
      "lockdown",
      "channel",
      { duration: "a while" },
      { channelId: channel.id },
    );
    expect(textOf(answer)).toContain("`a while` is not a duration");
    await bot.settle();
    expect(callsFor(bot, "/channels/:id/permissions/:overwrite", channel.id)).toEqual([]);
  });

  it("a lockdown case cannot be undone with /massban undo", async () => {
    const scene = sceneWith30Channels();
    const channel = lockable(scene)[0] as SeedChannel;
    await command(bot, scene, "lockdown", "channel", {}, { channelId: channel.id });
    await bot.settle();
    const [lockCase] = await casesOf(scene.guildId);
    const answer = await command(bot, scene, "massban", "undo", { case: lockCase?.number ?? 0 });
    expect(textOf(answer)).toContain("is a lockdown, not a massban");
  });
});
