import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allEntries, findPlayer } from "../../src/data/music/index.ts";
import { makeTrack } from "../support/fake-lavalink.ts";
import { type MusicWorld, startMusicWorld } from "../support/music-world.ts";

let world: MusicWorld;
beforeAll(async () => {
  world = await startMusicWorld();
  await world.startNode();
}, 60_000);
afterAll(() => world?.close());

const text = (body: unknown) => JSON.stringify(body);
type Body = {
  track?: { encoded?: string | null };
  voice?: Record<string, unknown>;
  paused?: boolean;
  position?: number;
  volume?: number;
};
const patchBody = (record: { body?: unknown }) => (record.body ?? {}) as Body;

/** Plays `query` for the listener and waits for the answer. */
async function play(query: string, userId = world.guild.listenerId) {
  const job = world.job({ type: "play", query }, userId);
  await world.enqueue(job);
  return {
    job,
    body: await Promise.race([
      world.edited(job.interaction.token),
      world.refused(job.interaction.token),
    ]),
  };
}

async function control(action: Parameters<MusicWorld["job"]>[0], userId = world.guild.listenerId) {
  const job = world.job(action, userId);
  await world.enqueue(job);
  return Promise.race([world.edited(job.interaction.token), world.refused(job.interaction.token)]);
}

describe("voice-node: play", () => {
  it("joins the user's channel self-deafened; Lavalink gets the track and a voice update with channelId", async () => {
    const { guild, gateway, lavalink } = world;
    const { body } = await play("lofi beats");
    expect(text(body)).toContain("Now playing");
    expect(text(body)).toContain("lofi beats");

    const op4 = await gateway.waitForOp4(guild.guildId, guild.voiceChannelId);
    expect(op4.d).toMatchObject({ self_deaf: true, self_mute: false });
    const withTrack = await lavalink.waitForRest(
      (c) => c.method === "PATCH" && Boolean(patchBody(c).track?.encoded),
    );
    expect(withTrack.status).toBe(200);
    const voice = await lavalink.waitForRest(
      (c) => c.method === "PATCH" && Boolean(patchBody(c).voice),
    );
    expect(voice.status).toBe(200);
    expect(patchBody(voice).voice).toMatchObject({
      channelId: guild.voiceChannelId,
      endpoint: "sim-voice.discord.media:443",
    });
    expect((await findPlayer(world.db.handle.db, guild.guildId))?.voiceChannelId).toBe(
      guild.voiceChannelId,
    );
    expect(lavalink.player(guild.guildId)?.connected).toBe(true);
  }, 30_000);

  it("queues behind the current track with its place and an estimate, then advances by itself", async () => {
    const { guild, lavalink } = world;
    const second = await play("second song");
    expect(text(second.body)).toMatch(/Queued.*at #1, starts in about \d+:\d\d/);
    const third = await play("third song");
    expect(text(third.body)).toContain("at #2");
    expect((await allEntries(world.db.handle.db, guild.guildId)).map((e) => e.title)).toEqual([
      "lofi beats",
      "second song",
      "third song",
    ]);

    // Let the first track end on Lavalink's clock: the queue moves without anyone asking.
    const first = lavalink.player(guild.guildId);
    lavalink.advance((first?.track?.info.length ?? 0) + 1);
    await lavalink.waitForRest(
      (c) =>
        c.method === "PATCH" &&
        (lavalink.player(guild.guildId)?.track?.info.title ?? "") === "second song",
    );
    const afterFirst = await waitForDb(
      async () => (await allEntries(world.db.handle.db, guild.guildId)).length === 2,
    );
    expect(afterFirst).toBe(true);
    lavalink.advance((lavalink.player(guild.guildId)?.track?.info.length ?? 0) + 1);
    await waitForDb(async () => lavalink.player(guild.guildId)?.track?.info.title === "third song");
    expect(lavalink.player(guild.guildId)?.track?.info.title).toBe("third song");
  }, 30_000);

  it("pause, resume, seek, volume and skip reach Lavalink", async () => {
    const { guild, lavalink } = world;
    await play("fourth song");
    expect(text(await control({ type: "pause" }))).toContain("Paused");
    expect(lavalink.player(guild.guildId)?.paused).toBe(true);
    expect((await findPlayer(world.db.handle.db, guild.guildId))?.paused).toBe(true);
    expect(text(await control({ type: "resume" }))).toContain("Resumed");
    expect(lavalink.player(guild.guildId)?.paused).toBe(false);

    expect(text(await control({ type: "seek", positionMs: 30_000 }))).toContain("0:30");
    expect(lavalink.player(guild.guildId)?.position(lavalink.clock.now())).toBe(30_000);
    expect(text(await control({ type: "volume", level: 40 }))).toContain("40%");
    expect(lavalink.player(guild.guildId)?.volume).toBe(40);

    expect(text(await control({ type: "skip" }))).toContain("Now playing");
    expect(lavalink.player(guild.guildId)?.track?.info.title).toBe("fourth song");
    expect((await findPlayer(world.db.handle.db, guild.guildId))?.volume).toBe(40);
  }, 30_000);
});

describe("voice-node: what it refuses (and changes nothing)", () => {
  it("a user in no voice channel", async () => {
    const before = await allEntries(world.db.handle.db, world.guild.guildId);
    const body = await control({ type: "play", query: "anything" }, world.guild.outsiderId);
    expect(text(body)).toContain("Join a voice channel first");
    expect((body as { flags?: number }).flags).toBe(64);
    expect(await allEntries(world.db.handle.db, world.guild.guildId)).toEqual(before);
  }, 20_000);

  it("play from another channel while the bot is busy, naming the bot's channel", async () => {
    const body = await control({ type: "play", query: "elsewhere" }, world.guild.elsewhereId);
    expect(text(body)).toContain(`<#${world.guild.voiceChannelId}>`);
  }, 20_000);

  it("a control from someone outside the bot's channel", async () => {
    const volume = world.lavalink.player(world.guild.guildId)?.volume;
    const body = await control({ type: "volume", level: 150 }, world.guild.elsewhereId);
    expect(text(body)).toContain("Only members in");
    expect(world.lavalink.player(world.guild.guildId)?.volume).toBe(volume);
  }, 20_000);

  it("a seek past the end, and a seek in a live stream", async () => {
    const past = await control({ type: "seek", positionMs: 10 * 60 * 60 * 1000 });
    expect(text(past)).toContain("past the end");
    const url = "https://radio.example/live";
    world.lavalink.catalog.addTrack(
      url,
      makeTrack("Live radio", {
        isStream: true,
        isSeekable: false,
        length: Number.MAX_SAFE_INTEGER,
      }),
    );
    await control({ type: "play", query: url });
    await control({ type: "skip" });
    await waitForDb(
      async () => world.lavalink.player(world.guild.guildId)?.track?.info.title === "Live radio",
    );
    const live = await control({ type: "seek", positionMs: 1000 });
    expect(text(live)).toContain("live stream");
  }, 30_000);

  it("a URL that fails to load", async () => {
    const before = await allEntries(world.db.handle.db, world.guild.guildId);
    const body = await control({ type: "play", query: "https://example.com/not-audio.txt" });
    expect(text(body)).toContain("couldn't load");
    expect(await allEntries(world.db.handle.db, world.guild.guildId)).toEqual(before);
  }, 20_000);

  it("a malformed job payload is logged and dropped, never retried", async () => {
    await world.db.handle.db.execute(
      sql`select graphile_worker.add_job('music', '{"v":1,"action":{"type":"dance"}}'::json, queue_name => 'music:malformed')`,
    );
    await waitForDb(async () => world.nodeLogs.some((l) => l.includes("music.job_malformed")));
    const left = await world.db.handle.db.execute(
      sql`select count(*)::int as n from graphile_worker.jobs where queue_name = 'music:malformed'`,
    );
    expect((left as unknown as { rows: { n: number }[] }).rows[0]?.n).toBe(0);
  }, 20_000);

  it("a job whose interaction is older than 10 minutes is dropped with a log line", async () => {
    const job = world.job({ type: "pause" });
    job.interaction.receivedAt = Date.now() - 11 * 60_000;
    await world.enqueue(job);
    await waitForDb(async () => world.nodeLogs.some((l) => l.includes("music.job_dropped_stale")));
    expect(world.lavalink.player(world.guild.guildId)?.paused).toBe(false);
    expect(world.nodeLogs.join("\n")).not.toContain(job.interaction.token);
  }, 20_000);
});

/** Polls a condition on the database or the fakes until it holds (event-driven code, no fixed sleep). */
async function waitForDb(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<boolean> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error("condition not met in time");
}
