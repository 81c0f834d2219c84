import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allEntries, findPlayer } from "../../src/data/music/index.ts";
import { DEFAULT_MEMBER_PERMISSIONS, slashCommand } from "../support/interactions.ts";
import { type MusicWorld, startMusicWorld } from "../support/music-world.ts";

let world: MusicWorld;
const members: string[] = [];
let turn = 0;
beforeAll(async () => {
  world = await startMusicWorld();
  await world.startNode();
  members.push(world.guild.listenerId);
  for (let i = 0; i < 3; i++) members.push(world.addMember(world.guild.voiceChannelId));
}, 60_000);
afterAll(() => world?.close());

const text = (value: unknown) => JSON.stringify(value);
type Patch = { track?: unknown; filters?: Record<string, unknown> };

function music(subcommand: string, options: Record<string, string | number> = {}) {
  return world.bot.interact(
    slashCommand("music", {
      subcommand,
      options,
      guildId: world.guild.guildId,
      channelId: world.guild.textChannelId,
      user: { id: members[turn++ % members.length] as string },
      memberPermissions: DEFAULT_MEMBER_PERMISSIONS,
    }),
  );
}

async function until(check: () => Promise<boolean> | boolean, timeoutMs = 10_000) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const player = () => world.lavalink.player(world.guild.guildId);
const position = () => player()?.position(world.lavalink.clock.now()) ?? 0;

describe("/music filter", () => {
  it("nightcore reaches Lavalink as a filters PATCH and applies to the playing track without restarting it", async () => {
    await world.edited((await music("play", { query: "filter me" })).token);
    world.lavalink.advance(10_000);
    const track = player()?.track?.encoded;
    const before = position();
    expect(before).toBe(10_000);

    const answer = await music("filter", { preset: "nightcore" });
    expect(text(await world.edited(answer.token))).toContain("nightcore");
    const patch = await world.lavalink.waitForRest(
      (c) =>
        c.method === "PATCH" &&
        Boolean((c.body as Patch | null)?.filters) &&
        (c.body as Patch).track === undefined,
    );
    expect(patch.status).toBe(200);
    expect((patch.body as Patch).track).toBeUndefined();
    expect((patch.body as Patch).filters).toEqual({
      timescale: { speed: 1.25, pitch: 1.25, rate: 1 },
    });
    // Same track, same place: it plays on, faster.
    expect(player()?.track?.encoded).toBe(track);
    expect(position()).toBe(before);
    world.lavalink.advance(8_000);
    expect(position()).toBe(before + 10_000);
    expect((await findPlayer(world.db.handle.db, world.guild.guildId))?.filter).toBe("nightcore");
  }, 30_000);

  it("the next track starts with the filter; off clears every filter", async () => {
    await world.edited((await music("play", { query: "next with filter" })).token);
    const skip = world.job({ type: "skip" });
    await world.enqueue(skip);
    await world.edited(skip.interaction.token);
    const start = await world.lavalink.waitForRest(
      (c) => c.method === "PATCH" && Boolean((c.body as Patch | null)?.track),
    );
    expect(start).toBeDefined();
    await until(() => player()?.track?.info.title === "next with filter");
    expect(player()?.filters).toEqual({ timescale: { speed: 1.25, pitch: 1.25, rate: 1 } });
    await world.edited((await music("filter", { preset: "off" })).token);
    expect(player()?.filters).toEqual({});
    expect((await findPlayer(world.db.handle.db, world.guild.guildId))?.filter).toBe("off");
  }, 30_000);

  it.each(["bassboost", "vaporwave", "8d", "karaoke"])(
    "%s is accepted by Lavalink's filter checks",
    async (preset) => {
      const answer = await music("filter", { preset });
      expect(text(await world.edited(answer.token))).toContain(preset);
      expect(Object.keys(player()?.filters ?? {}).length).toBeGreaterThan(0);
    },
    20_000,
  );

  it("the fake Lavalink refuses filters outside the v4 protocol, changing nothing", async () => {
    const [sessionId] = [...world.lavalink.sim.sessions.keys()];
    const before = player()?.filters;
    for (const filters of [
      { timescale: { speed: 0 } },
      { equalizer: [{ band: 15, gain: 0.1 }] },
      { loudness: { level: 2 } },
      "loud",
    ]) {
      const response = await fetch(
        `http://127.0.0.1:${world.lavalink.sim.port}/v4/sessions/${sessionId}/players/${world.guild.guildId}`,
        {
          method: "PATCH",
          headers: { authorization: world.lavalink.password, "content-type": "application/json" },
          body: JSON.stringify({ filters }),
        },
      );
      expect(response.status).toBe(400);
      expect(player()?.filters).toEqual(before);
    }
  }, 20_000);
});

describe("/music autoplay", () => {
  it("when the queue runs out, up to 10 related tracks are queued and shown as autoplay", async () => {
    await world.edited((await music("filter", { preset: "off" })).token);
    const on = await music("autoplay", { mode: "on" });
    expect(text(await world.edited(on.token))).toContain("Autoplay on");
    await music("clear");
    const seed = player()?.track;
    if (!seed) throw new Error("nothing playing");
    world.lavalink.advance(seed.info.length + 1);
    await until(async () => (await allEntries(world.db.handle.db, world.guild.guildId)).length > 1);
    const entries = await allEntries(world.db.handle.db, world.guild.guildId);
    expect(entries).toHaveLength(10);
    expect(entries.every((e) => e.autoplay)).toBe(true);
    expect(entries.map((e) => e.uri)).not.toContain(seed.info.uri);
    await until(() => Boolean(player()?.track?.info.title.startsWith("Related to")));
    const queue = await music("queue");
    expect(text(queue.body)).toContain("📻 autoplay");
    expect(text(queue.body)).toContain("9 track(s) up next");
  }, 30_000);

  it("a member's track plays before autoplay's picks", async () => {
    const queued = await music("play", { query: "member pick" });
    expect(text(await world.edited(queued.token))).toContain("at #1");
    const player = await findPlayer(world.db.handle.db, world.guild.guildId);
    const upcoming = (await allEntries(world.db.handle.db, world.guild.guildId)).filter(
      (e) => e.id !== player?.currentEntryId,
    );
    expect(upcoming[0]?.title).toBe("member pick");
    expect(upcoming.slice(1).every((e) => e.autoplay)).toBe(true);
  }, 30_000);
});
