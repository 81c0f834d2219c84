import { PermissionFlagsBits as P } from "discord-api-types/v10";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findMusicSettings, findPlayer } from "../../src/data/music/index.ts";
import {
  componentPress,
  DEFAULT_MEMBER_PERMISSIONS,
  slashCommand,
} from "../support/interactions.ts";
import { type MusicWorld, startMusicWorld } from "../support/music-world.ts";
import { snowflake } from "../support/snowflake.ts";

let world: MusicWorld;
const DJ_ROLE = snowflake();
let other = "";
let dj = "";
beforeAll(async () => {
  world = await startMusicWorld();
  await world.startNode();
}, 60_000);
afterAll(() => world?.close());

const EPHEMERAL = 64;
const text = (value: unknown) => JSON.stringify(value);

function command(
  name: string,
  subcommand: string,
  user: string,
  options: Record<string, unknown> = {},
  extra: { roles?: string[]; permissions?: bigint } = {},
) {
  return world.bot.interact(
    slashCommand(name, {
      subcommand,
      options: options as never,
      guildId: world.guild.guildId,
      channelId: world.guild.textChannelId,
      user: { id: user },
      roles: extra.roles ?? [],
      memberPermissions: extra.permissions ?? DEFAULT_MEMBER_PERMISSIONS,
    }),
  );
}

const manager = { permissions: DEFAULT_MEMBER_PERMISSIONS | P.ManageGuild };

async function listeners(): Promise<number | null | undefined> {
  return (await findPlayer(world.db.handle.db, world.guild.guildId))?.listeners;
}

async function until(check: () => Promise<boolean> | boolean, timeoutMs = 10_000) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function expectPrivateRefusal(answer: { body: unknown }, message: string) {
  expect((answer.body as { type: number }).type).toBe(4);
  const data = (answer.body as { data: { flags: number } }).data;
  expect(data.flags & EPHEMERAL).toBe(EPHEMERAL);
  expect(text(data)).toContain(message);
}

describe("/dj and the DJ rule", () => {
  it("the voice-node keeps the listener count the edge needs", async () => {
    const { guild } = world;
    await world.edited(
      (await command("music", "play", guild.listenerId, { query: "dj song" })).token,
    );
    await until(async () => (await listeners()) === 1);
    other = world.addMember(guild.voiceChannelId);
    dj = world.addMember(guild.voiceChannelId, [DJ_ROLE]);
    await until(async () => (await listeners()) === 3);
  }, 30_000);

  it("/dj set needs Manage Server; @everyone can't be the DJ role", async () => {
    const role = { role: { type: 8, value: DJ_ROLE } };
    expectPrivateRefusal(await command("dj", "set", other, role), "Manage Server");
    expect((await findMusicSettings(world.db.handle.db, world.guild.guildId)).djRoleId).toBeNull();
    const everyone = { role: { type: 8, value: world.guild.guildId } };
    expectPrivateRefusal(
      await command("dj", "set", world.guild.ownerId, everyone, manager),
      "@everyone",
    );
    const set = await command("dj", "set", world.guild.ownerId, role, manager);
    expect(text(set.body)).toContain(`<@&${DJ_ROLE}>`);
    expect((await findMusicSettings(world.db.handle.db, world.guild.guildId)).djRoleId).toBe(
      DJ_ROLE,
    );
    expect(text((await command("dj", "show", other)).body)).toContain(`<@&${DJ_ROLE}>`);
  }, 20_000);

  it("with others listening, controls need the role: commands, queue edits and buttons", async () => {
    const { guild } = world;
    const entry = (await findPlayer(world.db.handle.db, guild.guildId))?.currentEntryId;
    expectPrivateRefusal(await command("music", "skip", guild.listenerId), "DJ role");
    expectPrivateRefusal(await command("music", "shuffle", guild.listenerId), "DJ role");
    const pressed = await world.bot.interact(
      componentPress(`music:np:skip:${entry}`, {
        guildId: guild.guildId,
        channelId: guild.textChannelId,
        user: { id: guild.listenerId },
      }),
    );
    expectPrivateRefusal(pressed, "DJ role");
    // The voice-node applies the same rule to a job that reaches it.
    const job = world.job({ type: "pause" }, guild.listenerId, { memberRoleIds: [] });
    await world.enqueue(job);
    expect(text(await world.refused(job.interaction.token))).toContain("DJ role");
    expect(world.lavalink.player(guild.guildId)?.paused).toBe(false);
    expect((await findPlayer(world.db.handle.db, guild.guildId))?.currentEntryId).toBe(entry);
  }, 30_000);

  it("anyone in the channel may still play; the DJ may control; Manage Server may too", async () => {
    const { guild } = world;
    const queued = await command("music", "play", guild.listenerId, { query: "anyone may play" });
    expect(text(await world.edited(queued.token))).toContain("Queued");
    const skipped = await command("music", "skip", dj, {}, { roles: [DJ_ROLE] });
    expect(text(await world.edited(skipped.token))).toContain("Skipped");
    const paused = await command("music", "pause", guild.outsiderId, {}, manager);
    expect(text(await world.edited(paused.token))).toContain("Paused");
  }, 30_000);

  it("alone in the channel with the bot, a member may control without the role", async () => {
    const { guild } = world;
    world.gateway.sim.setVoiceState(guild.guildId, other, null);
    world.gateway.sim.setVoiceState(guild.guildId, dj, null);
    await until(async () => (await listeners()) === 1);
    const resumed = await command("music", "resume", guild.listenerId);
    expect(text(await world.edited(resumed.token))).toContain("Resumed");
  }, 30_000);

  it("/dj clear (Manage Server) opens the controls to the channel again", async () => {
    const { guild } = world;
    world.gateway.sim.setVoiceState(guild.guildId, other, guild.voiceChannelId);
    await until(async () => (await listeners()) === 2);
    expectPrivateRefusal(await command("dj", "clear", guild.listenerId), "Manage Server");
    expect(text((await command("dj", "clear", guild.ownerId, {}, manager)).body)).toContain(
      "cleared",
    );
    const volume = await command("music", "volume", guild.listenerId, { level: 70 });
    expect(text(await world.edited(volume.token))).toContain("70%");
  }, 30_000);
});
