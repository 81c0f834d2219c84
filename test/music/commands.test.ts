import { PermissionFlagsBits as P } from "discord-api-types/v10";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allEntries, findPlayer } from "../../src/data/music/index.ts";
import { makeTrack } from "../support/fake-lavalink.ts";
import {
  componentPress,
  DEFAULT_MEMBER_PERMISSIONS,
  slashCommand,
} from "../support/interactions.ts";
import { type MusicWorld, startMusicWorld } from "../support/music-world.ts";
import { drainedJobs, queuedJobs } from "../support/queued-jobs.ts";

let world: MusicWorld;
beforeAll(async () => {
  world = await startMusicWorld();
  await world.startNode();
}, 60_000);
afterAll(() => world?.close());

const EPHEMERAL = 64;
const text = (value: unknown) => JSON.stringify(value);

function music(
  subcommand: string,
  options: Record<string, string | number> = {},
  userId = world.guild.listenerId,
  permissions: bigint = DEFAULT_MEMBER_PERMISSIONS,
) {
  return world.bot.interact(
    slashCommand("music", {
      subcommand,
      options,
      guildId: world.guild.guildId,
      channelId: world.guild.textChannelId,
      user: { id: userId },
      memberPermissions: permissions,
    }),
  );
}

describe("/music through signed interactions", () => {
  it("play defers publicly; the voice-node joins, plays and edits the reply", async () => {
    const answer = await music("play", { query: "never gonna" });
    expect(answer.status).toBe(200);
    expect(answer.body.type).toBe(5);
    expect((answer.body as { data?: { flags?: number } }).data?.flags ?? 0).toBe(0);
    expect(text(await world.edited(answer.token))).toContain("Now playing");
    await world.gateway.waitForOp4(world.guild.guildId, world.guild.voiceChannelId);
    const voice = await world.lavalink.waitForRest(
      (c) => c.method === "PATCH" && Boolean((c.body as { voice?: unknown })?.voice),
    );
    expect((voice.body as { voice: { channelId: string } }).voice.channelId).toBe(
      world.guild.voiceChannelId,
    );
  }, 30_000);

  it("a playlist URL queues every track up to 1000 in the guild, reporting the rest as skipped", async () => {
    const url = "https://www.youtube.com/playlist?list=PLhuge";
    world.lavalink.catalog.addPlaylist(
      url,
      "Huge mix",
      Array.from({ length: 1005 }, (_, i) => makeTrack(`Mix track ${i + 1}`)),
    );
    const answer = await music("play", { query: url });
    const edited = text(await world.edited(answer.token));
    expect(edited).toContain("Huge mix");
    expect(edited).toContain("Queued **999** tracks");
    expect(edited).toContain("6 track(s) skipped");
    expect(await allEntries(world.db.handle.db, world.guild.guildId)).toHaveLength(1000);
  }, 30_000);

  it("queue answers at once from Postgres, paged with buttons", async () => {
    const answer = await music("queue");
    expect(answer.body.type).toBe(4);
    const data = (
      answer.body as {
        data: {
          embeds: { description: string; footer: { text: string } }[];
          components: unknown[];
        };
      }
    ).data;
    expect(data.embeds[0]?.description).toContain("never gonna");
    expect(data.embeds[0]?.description).toContain("`1.` [Mix track 1]");
    expect(data.embeds[0]?.footer.text).toContain("999 track(s) up next");
    expect(data.components).toHaveLength(1);
    const next = await world.bot.interact(
      componentPress("music:queue:1", {
        guildId: world.guild.guildId,
        channelId: world.guild.textChannelId,
      }),
    );
    expect(next.body.type).toBe(7);
    expect(text(next.body)).toContain("`11.` [Mix track 11]");
  }, 30_000);

  it("nowplaying shows the track with a progress bar", async () => {
    world.lavalink.advance(61_000);
    const answer = await music("nowplaying");
    expect(answer.body.type).toBe(4);
    expect(text(answer.body)).toContain("never gonna");
    expect(text(answer.body)).toContain("🔘");
  }, 30_000);

  it("controls reach Lavalink; a manager may control from outside the channel", async () => {
    expect(text(await world.edited((await music("pause")).token))).toContain("Paused");
    expect(world.lavalink.player(world.guild.guildId)?.paused).toBe(true);
    const managed = await music(
      "resume",
      {},
      world.guild.outsiderId,
      DEFAULT_MEMBER_PERMISSIONS | P.ManageGuild,
    );
    expect(text(await world.edited(managed.token))).toContain("Resumed");
    expect(text(await world.edited((await music("volume", { level: 80 })).token))).toContain("80%");
    expect(world.lavalink.player(world.guild.guildId)?.volume).toBe(80);
    expect(text(await world.edited((await music("seek", { position: "1:05" })).token))).toContain(
      "1:05",
    );
    expect(text(await world.edited((await music("loop", { mode: "queue" })).token))).toContain(
      "whole queue",
    );
    expect((await findPlayer(world.db.handle.db, world.guild.guildId))?.loopMode).toBe("queue");
  }, 30_000);
});

describe("/music bad input: a clear private answer, nothing queued", () => {
  it.each([
    ["play", { query: "anything" }, "outsider", "Join a voice channel first"],
    ["play", { query: "   " }, "listener", "Tell me what to play"],
    ["play", { query: "x".repeat(501) }, "listener", "limit is 500"],
    ["volume", { level: 151 }, "listener", "0 to 150"],
    ["volume", { level: -1 }, "listener", "0 to 150"],
    ["seek", { position: "soon" }, "listener", "not a position"],
    ["skip", {}, "elsewhere", "Only members in"],
    ["play", { query: "other room" }, "elsewhere", "already playing in"],
  ] as const)(
    "%s %j from the %s",
    async (subcommand, options, who, message) => {
      const user = {
        listener: world.guild.listenerId,
        outsider: world.guild.outsiderId,
        elsewhere: world.guild.elsewhereId,
      }[who];
      const before = await drainedJobs(world.db.handle.db);
      const answer = await music(subcommand, options, user);
      expect(answer.body.type).toBe(4);
      const data = (answer.body as { data: { flags: number } }).data;
      expect(data.flags & EPHEMERAL).toBe(EPHEMERAL);
      expect(text(data)).toContain(message);
      expect(await queuedJobs(world.db.handle.db)).toBe(before);
    },
    20_000,
  );
});

describe("/music with the voice-node stopped", () => {
  it("answers 'unavailable' privately within 3 s, queues nothing, and /health says disconnected", async () => {
    await world.stopNode();
    const before = await drainedJobs(world.db.handle.db);
    const started = performance.now();
    const answer = await music("play", { query: "anything" });
    expect(performance.now() - started).toBeLessThan(3000);
    expect(answer.body.type).toBe(4);
    expect(text(answer.body)).toContain("The audio service is unavailable right now");
    expect(await queuedJobs(world.db.handle.db)).toBe(before);
    const health = await (await fetch(`${world.bot.url}/health`)).json();
    expect(health).toMatchObject({ gateway: "disconnected" });
    const metrics = await (
      await fetch(`${world.bot.url}/metrics`, {
        headers: { authorization: `Bearer ${world.bot.adminSecret}` },
      })
    ).text();
    expect(metrics).toMatch(/chopsticks_queue_depth\{queue="music"\} \d+/);
  }, 30_000);
});
