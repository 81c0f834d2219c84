import { PermissionFlagsBits as P } from "discord-api-types/v10";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findMusicSettings, findPlayer } from "../../src/data/music/index.ts";
import { DEFAULT_MEMBER_PERMISSIONS, slashCommand } from "../support/interactions.ts";
import { type MusicWorld, startMusicWorld } from "../support/music-world.ts";

let world: MusicWorld;
beforeAll(async () => {
  world = await startMusicWorld({ timings: { idleLeaveMs: 300, aloneLeaveMs: 300 } });
  await world.startNode();
}, 60_000);
afterAll(() => world?.close());

const text = (value: unknown) => JSON.stringify(value);

function music(
  subcommand: string,
  options: Record<string, string> = {},
  user = world.guild.listenerId,
  permissions = DEFAULT_MEMBER_PERMISSIONS,
) {
  return world.bot.interact(
    slashCommand("music", {
      subcommand,
      options,
      guildId: world.guild.guildId,
      channelId: world.guild.textChannelId,
      user: { id: user },
      memberPermissions: permissions,
    }),
  );
}

const asManager = (subcommand: string, options: Record<string, string>) =>
  music(subcommand, options, world.guild.outsiderId, DEFAULT_MEMBER_PERMISSIONS | P.ManageGuild);

async function until(check: () => Promise<boolean> | boolean, timeoutMs = 10_000) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const skippedLeaves = () =>
  world.nodeLogs.filter((line) => line.includes("music.auto_leave_skipped")).length;
const joins = () =>
  world.gateway
    .received(4)
    .filter(
      (r) =>
        (r.d as { guild_id?: string; channel_id?: string | null }).guild_id ===
          world.guild.guildId &&
        (r.d as { channel_id?: string | null }).channel_id === world.guild.voiceChannelId,
    ).length;

async function finishCurrentTrack() {
  const before = (await findPlayer(world.db.handle.db, world.guild.guildId))?.currentEntryId;
  const track = world.lavalink.player(world.guild.guildId)?.track;
  world.lavalink.advance((track?.info.length ?? 0) + 1);
  await until(
    async () =>
      (await findPlayer(world.db.handle.db, world.guild.guildId))?.currentEntryId !== before,
  );
}

describe("/music stay (24/7 mode)", () => {
  it("needs Manage Server, and changes nothing without it", async () => {
    await world.edited((await music("play", { query: "stay song" })).token);
    const refused = await music("stay", { mode: "on" });
    expect(text(refused.body)).toContain("needs the Manage Server permission");
    expect((await findMusicSettings(world.db.handle.db, world.guild.guildId)).stay).toBe(false);
    const on = await asManager("stay", { mode: "on" });
    expect(text(await world.edited(on.token))).toContain("24/7 mode on");
    expect((await findMusicSettings(world.db.handle.db, world.guild.guildId)).stay).toBe(true);
  }, 30_000);

  it("never auto-leaves: not when the queue ends, not when everyone leaves", async () => {
    const { guild } = world;
    await finishCurrentTrack();
    await until(() => skippedLeaves() >= 1);
    world.gateway.sim.setVoiceState(guild.guildId, guild.listenerId, null);
    await until(() => skippedLeaves() >= 2);
    expect((await findPlayer(world.db.handle.db, guild.guildId))?.voiceChannelId).toBe(
      guild.voiceChannelId,
    );
    expect(world.lavalink.player(guild.guildId)?.connected).toBe(true);
    expect(
      world.gateway.received(4).some((r) => (r.d as { channel_id?: unknown }).channel_id === null),
    ).toBe(false);
    world.gateway.sim.setVoiceState(guild.guildId, guild.listenerId, guild.voiceChannelId);
  }, 30_000);

  it("rejoins its channel after a restart, even with nothing queued, and plays on request", async () => {
    const before = joins();
    await world.stopNode();
    await world.startNode();
    await until(() => joins() > before);
    expect((await findPlayer(world.db.handle.db, world.guild.guildId))?.voiceChannelId).toBe(
      world.guild.voiceChannelId,
    );
    const played = await music("play", { query: "after restart" });
    expect(text(await world.edited(played.token))).toContain("Now playing");
  }, 60_000);

  it("off: the usual auto-leave applies again", async () => {
    const off = await asManager("stay", { mode: "off" });
    expect(text(await world.edited(off.token))).toContain("24/7 mode off");
    await finishCurrentTrack();
    await world.gateway.waitForOp4(world.guild.guildId, null, { timeoutMs: 10_000 });
    await until(
      async () =>
        (await findPlayer(world.db.handle.db, world.guild.guildId))?.voiceChannelId === null,
    );
  }, 30_000);
});
