import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findPlayer } from "../../src/data/music/index.ts";
import { type MusicWorld, startMusicWorld } from "../support/music-world.ts";

let world: MusicWorld;
beforeAll(async () => {
  world = await startMusicWorld();
  await world.startNode();
}, 60_000);
afterAll(() => world?.close());

describe("voice-node: play", () => {
  it("joins the user's channel self-deafened and Lavalink gets the track and a voice update with channelId", async () => {
    const { guild, gateway, lavalink } = world;
    const job = world.job({ type: "play", query: "lofi beats" });
    await world.enqueue(job);

    const op4 = await gateway.waitForOp4(guild.guildId, guild.voiceChannelId, { timeoutMs: 10_000 });
    expect(op4.d).toMatchObject({ self_deaf: true, self_mute: false });
    const withTrack = await lavalink.waitForRest(
      (c) => c.method === "PATCH" && Boolean((c.body as { track?: unknown })?.track),
      { timeoutMs: 10_000 },
    );
    expect(withTrack.status).toBe(200);
    const voice = await lavalink.waitForRest(
      (c) => c.method === "PATCH" && Boolean((c.body as { voice?: unknown })?.voice),
      { timeoutMs: 10_000 },
    );
    expect(voice.status).toBe(200);
    expect((voice.body as { voice: Record<string, unknown> }).voice).toMatchObject({
      channelId: guild.voiceChannelId,
      endpoint: "sim-voice.discord.media:443",
    });
    const body = await world.edited(job.interaction.token);
    expect(JSON.stringify(body)).toContain("Now playing");
    expect(JSON.stringify(body)).toContain("lofi beats");
    const player = await findPlayer(world.db.handle.db, guild.guildId);
    expect(player?.voiceChannelId).toBe(guild.voiceChannelId);
    expect(lavalink.player(guild.guildId)?.connected).toBe(true);
  }, 30_000);
});
