import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allEntries, findPlayer } from "../../src/data/music/index.ts";
import type { FakeLavalink } from "../support/fake-lavalink.ts";
import {
  addMusicGuild,
  type MusicGuild,
  type MusicWorld,
  startMusicWorld,
} from "../support/music-world.ts";

let world: MusicWorld;
let main: FakeLavalink;
let second: FakeLavalink;
let other: MusicGuild;
let third: MusicGuild;

beforeAll(async () => {
  world = await startMusicWorld({ lavalinkNodes: 2, failoverGraceMs: 2500 });
  [main, second] = world.lavalinks as [FakeLavalink, FakeLavalink];
  other = addMusicGuild(world.bot);
  third = addMusicGuild(world.bot);
  await world.startNode();
}, 60_000);
afterAll(() => world?.close());

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function play(guild: MusicGuild, query: string) {
  const job = world.job({ type: "play", query }, guild.listenerId, {
    guildId: guild.guildId,
    textChannelId: guild.textChannelId,
    userVoiceChannelId: guild.voiceChannelId,
  });
  await world.enqueue(job);
  return world.edited(job.interaction.token);
}

const trackPatches = (node: FakeLavalink, guildId: string) =>
  node
    .patchesFor(guildId)
    .filter((r) => Boolean((r.body as { track?: { encoded?: string } } | null)?.track?.encoded));

describe("two Lavalink nodes", () => {
  it("new players go to the least loaded node", async () => {
    await play(world.guild, "first guild song");
    await play(other, "second guild song");
    await play(other, "second guild next");
    expect(main.player(world.guild.guildId)?.track?.info.title).toBe("first guild song");
    expect(second.player(other.guildId)?.track?.info.title).toBe("second guild song");
    expect(main.player(other.guildId)).toBeUndefined();
    expect(second.player(world.guild.guildId)).toBeUndefined();
  }, 30_000);

  it("a short drop is resumed in place: nothing moves", async () => {
    const session = [...second.sim.sessions.keys()][0];
    second.sim.dropSockets();
    await second.log.waitFor((r) => r.kind === "ws-open" && r.headers?.["session-id"] === session, {
      timeoutMs: 10_000,
    });
    expect(second.player(other.guildId)?.track?.info.title).toBe("second guild song");
    expect(main.player(other.guildId)).toBeUndefined();
  }, 30_000);

  it("a node down past the grace gives its players away; back, its stale copies are destroyed", async () => {
    const db = world.db.handle.db;
    second.advance(20_000);
    await until(async () => ((await findPlayer(db, other.guildId))?.positionMs ?? 0) >= 20_000);
    second.sim.refuseConnections(true);
    second.sim.dropSockets();
    await until(() => main.player(other.guildId)?.track?.info.title === "second guild song");
    expect(main.player(other.guildId)?.position(main.clock.now())).toBeGreaterThanOrEqual(20_000);

    // Its session was resumable: back, it still holds the guild's old player. Destroyed, so
    // the guild is not heard twice.
    second.sim.refuseConnections(false);
    await second.waitForRest(
      (c) => c.method === "DELETE" && c.path?.includes(`/players/${other.guildId}?`) === true,
      { timeoutMs: 40_000 },
    );
    expect(second.player(other.guildId)).toBeUndefined();
    expect(main.player(other.guildId)?.track?.info.title).toBe("second guild song");

    // And it takes new players again: now the least loaded.
    await play(third, "third guild song");
    expect(second.player(third.guildId)?.track?.info.title).toBe("third guild song");
  }, 60_000);

  it("killing one mid-track moves its players to the other, resuming where they were", async () => {
    const db = world.db.handle.db;
    second.advance(40_000);
    await until(async () => ((await findPlayer(db, third.guildId))?.positionMs ?? 0) >= 40_000);
    const stayingPatches = [world.guild.guildId, other.guildId].map(
      (g) => trackPatches(main, g).length,
    );

    await second.close();

    await until(() => main.player(third.guildId)?.track?.info.title === "third guild song");
    const moved = main.player(third.guildId);
    const position = moved?.position(main.clock.now()) ?? 0;
    expect(position).toBeGreaterThanOrEqual(40_000);
    expect(position).toBeLessThan(46_000);
    expect(moved?.connected).toBe(true);
    expect(moved?.voice?.channelId).toBe(third.voiceChannelId);
    // The guilds already on the surviving node were left alone: no track sent again.
    expect([world.guild.guildId, other.guildId].map((g) => trackPatches(main, g).length)).toEqual(
      stayingPatches,
    );
    expect(main.player(world.guild.guildId)?.track?.info.title).toBe("first guild song");
    expect((await allEntries(db, third.guildId)).map((e) => e.title)).toEqual(["third guild song"]);
  }, 40_000);

  it("the moved queue advances on its new node, and /health and /metrics show where players are", async () => {
    const length = main.player(other.guildId)?.track?.info.length ?? 0;
    main.advance(length);
    await until(() => main.player(other.guildId)?.track?.info.title === "second guild next");

    const port = world.node?.port;
    const health = (await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as {
      lavalink: { name: string; up: boolean }[];
    };
    expect(health.lavalink).toEqual([
      { name: "main", up: true },
      { name: "node2", up: false },
    ]);
    const metrics = await (
      await fetch(`http://127.0.0.1:${port}/metrics`, {
        headers: { authorization: `Bearer ${world.bot.adminSecret}` },
      })
    ).text();
    expect(metrics).toContain('chopsticks_voice_lavalink_node_players{node="main"} 3');
    expect(metrics).toContain('chopsticks_voice_lavalink_node_players{node="node2"} 0');
  }, 30_000);
});
