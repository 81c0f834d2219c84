import { PermissionFlagsBits as P } from "discord-api-types/v10";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allEntries, findPlayer, playedTracks } from "../../src/data/music/index.ts";
import { restoreOrder } from "../../src/domain/music/queue-edit.ts";
import { makeTrack } from "../support/fake-lavalink.ts";
import {
  componentPress,
  DEFAULT_MEMBER_PERMISSIONS,
  slashCommand,
} from "../support/interactions.ts";
import { type MusicWorld, startMusicWorld } from "../support/music-world.ts";

let world: MusicWorld;
/** Members in the bot's channel, taking turns so no one hits the music rate limit (15/min). */
const listeners: string[] = [];
let turn = 0;
beforeAll(async () => {
  world = await startMusicWorld();
  await world.startNode();
  listeners.push(world.guild.listenerId);
  for (let i = 0; i < 7; i++) listeners.push(world.addMember(world.guild.voiceChannelId));
}, 60_000);
afterAll(() => world?.close());

const EPHEMERAL = 64;
const text = (value: unknown) => JSON.stringify(value);
type Data = { flags?: number; embeds?: { description?: string; footer?: { text: string } }[] };
const dataOf = (answer: { body: unknown }) => (answer.body as { data: Data }).data;

function music(subcommand: string, options: Record<string, string | number> = {}) {
  return world.bot.interact(
    slashCommand("music", {
      subcommand,
      options,
      guildId: world.guild.guildId,
      channelId: world.guild.textChannelId,
      user: { id: listeners[turn++ % listeners.length] },
      memberPermissions: DEFAULT_MEMBER_PERMISSIONS,
    }),
  );
}

/** The upcoming entries (after the current one), by id, in play order. */
async function upcoming(): Promise<number[]> {
  const player = await findPlayer(world.db.handle.db, world.guild.guildId);
  return (await allEntries(world.db.handle.db, world.guild.guildId))
    .filter((e) => e.id !== player?.currentEntryId)
    .map((e) => e.id);
}

async function titles(): Promise<string[]> {
  const player = await findPlayer(world.db.handle.db, world.guild.guildId);
  return (await allEntries(world.db.handle.db, world.guild.guildId))
    .filter((e) => e.id !== player?.currentEntryId)
    .map((e) => e.title);
}

/** Expects a private refusal containing `message`, and no change to the queue. */
async function refused(subcommand: string, options: Record<string, number>, message: string) {
  const before = await upcoming();
  const answer = await music(subcommand, options);
  expect(answer.body.type).toBe(4);
  expect((dataOf(answer).flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
  expect(text(answer.body)).toContain(message);
  expect(await upcoming()).toEqual(before);
}

async function until(check: () => Promise<boolean> | boolean, timeoutMs = 10_000) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("shuffle and unshuffle through signed interactions", () => {
  it("shuffle then unshuffle restores the order exactly", async () => {
    const url = "https://www.youtube.com/playlist?list=PLqueue";
    world.lavalink.catalog.addPlaylist(
      url,
      "Queue mix",
      Array.from({ length: 16 }, (_, i) => makeTrack(`Queue track ${i + 1}`)),
    );
    expect(text(await world.edited((await music("play", { query: url })).token))).toContain(
      "Now playing",
    );
    const original = await upcoming();
    expect(original).toHaveLength(15);

    const shuffled = await music("shuffle");
    expect(shuffled.body.type).toBe(4);
    expect(text(shuffled.body)).toContain("Shuffled");
    expect(text(shuffled.body)).toContain("15 tracks");
    const after = await upcoming();
    expect(after).not.toEqual(original);
    expect([...after].sort()).toEqual([...original].sort());

    const restored = await music("unshuffle");
    expect(text(restored.body)).toContain("Unshuffled");
    expect(await upcoming()).toEqual(original);
  }, 30_000);

  it("unshuffle with nothing to undo says so and changes nothing", async () => {
    await refused("unshuffle", {}, "There is no shuffle to undo");
  }, 20_000);

  it("two shuffles undo one at a time, newest first", async () => {
    const first = await upcoming();
    await music("shuffle");
    const second = await upcoming();
    await music("shuffle");
    expect(text((await music("unshuffle")).body)).toContain("1 older shuffle can still be undone");
    expect(await upcoming()).toEqual(second);
    await music("unshuffle");
    expect(await upcoming()).toEqual(first);
  }, 30_000);

  it("tracks played since are dropped; tracks added since keep their place at the end", async () => {
    await music("shuffle");
    const snapshotOrder = await (async () => {
      // The snapshot is the order before the shuffle: undo it once to read it back, redo.
      await music("unshuffle");
      const order = await upcoming();
      await music("shuffle");
      return order;
    })();
    // One track finishes (the next takes its place), one is removed, one is added.
    const player = world.lavalink.player(world.guild.guildId);
    const playingBefore = (await findPlayer(world.db.handle.db, world.guild.guildId))
      ?.currentEntryId;
    world.lavalink.advance((player?.track?.info.length ?? 0) + 1);
    await until(
      async () =>
        (await findPlayer(world.db.handle.db, world.guild.guildId))?.currentEntryId !==
        playingBefore,
    );
    expect(text((await music("remove", { position: 3 })).body)).toContain("Removed");
    expect(text(await world.edited((await music("play", { query: "newcomer" })).token))).toContain(
      "Queued",
    );
    const now = await upcoming();
    const answer = await music("unshuffle");
    expect(text(answer.body)).toContain("2 tracks played or removed since are gone");
    expect(text(answer.body)).toContain("1 track added since stay at the end");
    const expected = restoreOrder(snapshotOrder, now);
    expect(await upcoming()).toEqual(expected);
    expect((await titles()).at(-1)).toBe("newcomer");
  }, 30_000);

  it("with Redis down, shuffle still works (no undo) and unshuffle says it can't, changing nothing", async () => {
    const bridge = world.bot.bridge;
    if (!bridge) throw new Error("the music world runs with Redis");
    await bridge.goDown();
    try {
      const shuffled = await music("shuffle");
      expect(text(shuffled.body)).toContain("Shuffled");
      expect(text(shuffled.body)).toContain("Undo is unavailable");
      await refused("unshuffle", {}, "can't undo a shuffle right now");
    } finally {
      await bridge.comeBack();
    }
  }, 30_000);
});

describe("remove, move, clear", () => {
  it("remove one track, or a range; out of range is refused and changes nothing", async () => {
    const before = await titles();
    const one = await music("remove", { position: 2 });
    expect(text(one.body)).toContain(`${before[1]}`);
    expect(await titles()).toEqual([before[0], ...before.slice(2)]);
    const range = await music("remove", { position: 1, to: 2 });
    expect(text(range.body)).toContain("2 tracks (#1–#2)");
    expect(await titles()).toEqual(before.slice(3));
    const length = (await upcoming()).length;
    await refused("remove", { position: length + 1 }, `There is no track #${length + 1}`);
    await refused("remove", { position: 3, to: 2 }, "runs backwards");
    await refused("remove", { position: 1, to: length + 5 }, `There is no track #${length + 5}`);
  }, 30_000);

  it("move puts a track at its new place; out of range is refused and changes nothing", async () => {
    const before = await titles();
    const answer = await music("move", { from: 1, to: 3 });
    expect(text(answer.body)).toContain("from #1 to #3");
    expect(await titles()).toEqual([before[1], before[2], before[0], ...before.slice(3)]);
    const length = before.length;
    await refused("move", { from: length + 1, to: 1 }, `There is no track #${length + 1}`);
    await refused("move", { from: 1, to: length + 1 }, `There is no track #${length + 1}`);
    await refused("move", { from: 2, to: 2 }, "already there");
  }, 30_000);

  it("a member outside the bot's channel can't edit the queue", async () => {
    const before = await upcoming();
    const answer = await world.bot.interact(
      slashCommand("music", {
        subcommand: "clear",
        guildId: world.guild.guildId,
        channelId: world.guild.textChannelId,
        user: { id: world.guild.elsewhereId },
      }),
    );
    expect(text(answer.body)).toContain("Only members in");
    expect(await upcoming()).toEqual(before);
  }, 20_000);

  it("clear removes what waits and keeps the current track", async () => {
    const current = (await findPlayer(world.db.handle.db, world.guild.guildId))?.currentEntryId;
    const count = (await upcoming()).length;
    const answer = await music("clear");
    expect(text(answer.body)).toContain(`Removed ${count} upcoming tracks`);
    expect(await upcoming()).toEqual([]);
    const left = await allEntries(world.db.handle.db, world.guild.guildId);
    expect(left.map((e) => e.id)).toEqual([current]);
    expect(world.lavalink.player(world.guild.guildId)?.track).not.toBeNull();
    await refused("clear", {}, "already empty");
    await refused("shuffle", {}, "nothing to shuffle");
  }, 30_000);
});

describe("/music history", () => {
  it("lists the tracks played, newest first, paged", async () => {
    const fillers = Array.from({ length: 7 }, (_, i) => `filler ${i + 1}`);
    for (const query of [...fillers, "h one", "h two", "h three"])
      await world.edited((await music("play", { query })).token);
    // Finish everything: the current track and the ten behind it.
    for (let i = 0; i < 11; i++) {
      const current = async () =>
        (await findPlayer(world.db.handle.db, world.guild.guildId))?.currentEntryId;
      const before = await current();
      const playing = world.lavalink.player(world.guild.guildId)?.track;
      world.lavalink.advance((playing?.info.length ?? 0) + 1);
      await until(async () => (await current()) !== before);
      await until(() => i === 10 || Boolean(world.lavalink.player(world.guild.guildId)?.track));
    }
    await until(async () =>
      (await playedTracks(world.db.handle.db, world.guild.guildId, { offset: 0, limit: 1 })).some(
        (row) => row.title === "h three",
      ),
    );
    const answer = await music("history");
    expect(answer.body.type).toBe(4);
    const description = dataOf(answer).embeds?.[0]?.description ?? "";
    expect(description.indexOf("h three")).toBeLessThan(description.indexOf("h two"));
    expect(description.indexOf("h two")).toBeLessThan(description.indexOf("h one"));
    const footer = dataOf(answer).embeds?.[0]?.footer?.text ?? "";
    const total = Number(/Last (\d+) track/.exec(footer)?.[1]);
    expect(total).toBeGreaterThan(10);
    expect(total).toBeLessThanOrEqual(20);
    const next = await world.bot.interact(
      componentPress("music:history:1", {
        guildId: world.guild.guildId,
        channelId: world.guild.textChannelId,
      }),
    );
    expect(next.body.type).toBe(7);
    expect(text(next.body)).toContain("`11.`");
  }, 60_000);

  it("managers may edit from anywhere (Manage Server)", async () => {
    await world.edited((await music("play", { query: "m one" })).token);
    await world.edited((await music("play", { query: "m two" })).token);
    const answer = await world.bot.interact(
      slashCommand("music", {
        subcommand: "remove",
        options: { position: 1 },
        guildId: world.guild.guildId,
        channelId: world.guild.textChannelId,
        user: { id: world.guild.outsiderId },
        memberPermissions: DEFAULT_MEMBER_PERMISSIONS | P.ManageGuild,
      }),
    );
    expect(text(answer.body)).toContain("Removed");
  }, 30_000);
});
