import { afterEach, describe, expect, it } from "vitest";
import { allEntries, findPlayer, voiceServiceStatus } from "../../src/data/music/index.ts";
import { makeTrack } from "../support/fake-lavalink.ts";
import { slashCommand } from "../support/interactions.ts";
import { type MusicWorld, startMusicWorld } from "../support/music-world.ts";

let world: MusicWorld | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

const text = (body: unknown) => JSON.stringify(body);

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function playAndWait(w: MusicWorld, query: string) {
  const job = w.job({ type: "play", query });
  await w.enqueue(job);
  return w.edited(job.interaction.token);
}

/** The now-playing message (posted on every track start) is not the notice a test waits for. */
const isNowPlayingMessage = (body: unknown) => text(body).includes('"custom_id":"music:np:');

describe("voice-node resilience", () => {
  it("a track exception is announced in the text channel and the queue skips to the next track", async () => {
    world = await startMusicWorld();
    await world.startNode();
    const { guild, lavalink, bot } = world;
    const bad = makeTrack("Broken upload");
    lavalink.catalog.addTrack("https://youtu.be/broken", bad, { failAtMs: 5_000 });
    await playAndWait(world, "https://youtu.be/broken");
    await playAndWait(world, "next one");
    lavalink.advance(6_000);
    await until(() => lavalink.player(guild.guildId)?.track?.info.title === "next one");
    const message = await bot.discord.waitFor(
      (c) =>
        c.method === "POST" &&
        c.path === `/channels/${guild.textChannelId}/messages` &&
        !isNowPlayingMessage(c.body),
      { timeoutMs: 5_000 },
    );
    expect(text(message.body)).toContain("Broken upload");
    expect(text(message.body)).toContain("Skipping");
    expect((await allEntries(world.db.handle.db, guild.guildId)).map((e) => e.title)).toEqual([
      "next one",
    ]);
  }, 40_000);

  it("dropped Lavalink sockets resume the session: the player plays on, controls still reach it", async () => {
    world = await startMusicWorld();
    await world.startNode();
    const { guild, lavalink } = world;
    await playAndWait(world, "resume me");
    const session = lavalink.player(guild.guildId) && [...lavalink.sim.sessions.keys()][0];
    lavalink.advance(20_000);
    lavalink.sim.dropSockets();
    const reopened = await lavalink.log.waitFor(
      (r) => r.kind === "ws-open" && r.headers?.["session-id"] === session,
      { timeoutMs: 15_000 },
    );
    expect(reopened.sessionId).toBe(session);
    expect(lavalink.sim.sessions.size).toBe(1);
    expect(lavalink.player(guild.guildId)?.track?.info.title).toBe("resume me");
    const job = world.job({ type: "pause" });
    await world.enqueue(job);
    expect(text(await world.edited(job.interaction.token))).toContain("Paused");
    expect(lavalink.player(guild.guildId)?.paused).toBe(true);
  }, 40_000);

  it("a lost Lavalink session is rebuilt from Postgres at the saved position", async () => {
    world = await startMusicWorld();
    await world.startNode();
    const { guild, lavalink } = world;
    await playAndWait(world, "rebuild me");
    lavalink.advance(30_000);
    await until(
      async () =>
        ((await findPlayer(world?.db.handle.db as never, guild.guildId))?.positionMs ?? 0) >=
        30_000,
    );
    // Lavalink restarted: sessions gone, the client reconnects to a fresh one.
    for (const session of lavalink.sim.sessions.values()) session.resuming = false;
    lavalink.sim.dropSockets();
    await until(() => {
      const player = lavalink.player(guild.guildId);
      return (
        player?.track?.info.title === "rebuild me" &&
        [...lavalink.sim.sessions.values()].length === 1
      );
    }, 15_000);
    expect(lavalink.player(guild.guildId)?.position(lavalink.clock.now())).toBeGreaterThanOrEqual(
      30_000,
    );
  }, 40_000);

  it("gateway drops are resumed, not re-identified", async () => {
    world = await startMusicWorld();
    await world.startNode();
    const identifies = world.gateway.received(2).length;
    world.gateway.sim.dropSockets();
    await world.gateway.log.waitFor((r) => r.direction === "out" && r.t === "RESUMED", {
      timeoutMs: 15_000,
    });
    expect(world.gateway.received(2).length).toBe(identifies);
    expect(world.gateway.received(6).length).toBe(1);
  }, 40_000);

  it("leaves after being alone in the channel, keeping the queue", async () => {
    world = await startMusicWorld({ timings: { aloneLeaveMs: 200 } });
    await world.startNode();
    const { guild, gateway } = world;
    await playAndWait(world, "lonely song");
    gateway.sim.setVoiceState(guild.guildId, guild.listenerId, null);
    await gateway.waitForOp4(guild.guildId, null, { timeoutMs: 5_000 });
    const message = await world.bot.discord.waitFor(
      (c) =>
        c.method === "POST" &&
        c.path === `/channels/${guild.textChannelId}/messages` &&
        !isNowPlayingMessage(c.body),
      { timeoutMs: 5_000 },
    );
    expect(text(message.body)).toContain("Everyone left");
    const player = await findPlayer(world.db.handle.db, guild.guildId);
    expect(player?.voiceChannelId).toBeNull();
    expect((await allEntries(world.db.handle.db, guild.guildId)).map((e) => e.title)).toEqual([
      "lonely song",
    ]);
  }, 40_000);

  it("on SIGTERM: positions saved, marked offline at once (the edge says disconnected); a new node restores", async () => {
    world = await startMusicWorld();
    await world.startNode();
    const { guild, lavalink } = world;
    const db = world.db.handle.db;
    await playAndWait(world, "long song");
    lavalink.advance(42_000);
    await until(async () => ((await findPlayer(db, guild.guildId))?.positionMs ?? 0) >= 42_000);
    expect((await voiceServiceStatus(db, new Date())).gateway).toBe("connected");
    await world.stopNode();
    expect((await voiceServiceStatus(db, new Date())).gateway).toBe("disconnected");
    expect((await findPlayer(db, guild.guildId))?.positionMs).toBeGreaterThanOrEqual(42_000);

    const patches = lavalink.patchesFor(guild.guildId).length;
    await world.startNode();
    await until(() => lavalink.patchesFor(guild.guildId).length > patches, 15_000);
    await until(() => lavalink.player(guild.guildId)?.track?.info.title === "long song");
    expect(lavalink.player(guild.guildId)?.position(lavalink.clock.now())).toBeGreaterThanOrEqual(
      42_000,
    );
    expect((await voiceServiceStatus(db, new Date())).gateway).toBe("connected");
  }, 60_000);

  it("with Lavalink down, /music play answers 'Unable to connect to audio server' at once; back up, it plays", async () => {
    world = await startMusicWorld();
    await world.startNode();
    const { guild, lavalink, bot } = world;
    const db = world.db.handle.db;
    lavalink.sim.refuseConnections(true);
    lavalink.sim.dropSockets();
    await until(async () => !(await voiceServiceStatus(db, new Date())).lavalinkUp);
    const play = () =>
      bot.interact(
        slashCommand("music", {
          subcommand: "play",
          options: { query: "anything" },
          guildId: guild.guildId,
          channelId: guild.textChannelId,
          user: { id: guild.listenerId },
        }),
      );
    const refused = await play();
    expect(refused.body.type).toBe(4);
    expect(text(refused.body)).toContain("Unable to connect to audio server");
    expect((refused.body as { data: { flags: number } }).data.flags & 64).toBe(64);

    lavalink.sim.refuseConnections(false);
    await until(async () => (await voiceServiceStatus(db, new Date())).lavalinkUp, 20_000);
    const played = await play();
    expect(text(await world.edited(played.token))).toContain("Now playing");
  }, 60_000);

  it("serves /health and /metrics (admin bearer) with the runbook's figures", async () => {
    world = await startMusicWorld();
    const node = await world.startNode();
    await playAndWait(world, "metrics song");
    const health = await (await fetch(`http://127.0.0.1:${node.port}/health`)).json();
    expect(health).toMatchObject({
      status: "ok",
      gateway: "connected",
      worker: "running",
      lavalink: [{ name: "main", up: true }],
    });
    expect((health as { players: { players: number } }).players.players).toBe(1);
    expect((await fetch(`http://127.0.0.1:${node.port}/metrics`)).status).toBe(401);
    const metrics = await (
      await fetch(`http://127.0.0.1:${node.port}/metrics`, {
        headers: { authorization: `Bearer ${world.bot.adminSecret}` },
      })
    ).text();
    expect(metrics).toContain("chopsticks_voice_players 1");
    expect(metrics).toContain('chopsticks_voice_lavalink_node_up{node="main"} 1');
    expect(metrics).toContain("chopsticks_voice_gateway_connected 1");
    expect(metrics).toMatch(/chopsticks_voice_job_pickup_seconds_count\{task="music"\} [1-9]/);
    expect(metrics).toContain("chopsticks_voice_track_exceptions_total 0");
  }, 40_000);
});
