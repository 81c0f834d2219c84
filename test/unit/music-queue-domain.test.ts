import { describe, expect, it } from "vitest";
import { checkFilters, LAVALINK_FILTERS } from "../../src/dev/lavalink-sim/filters.ts";
import {
  FILTER_PRESETS,
  liveSnapshots,
  mayConfigure,
  mayControl,
  moved,
  moveSpan,
  PRESET_FILTERS,
  parseMusicJob,
  pickRelated,
  playbackRate,
  pushSnapshot,
  relatedIdentifier,
  removalSpan,
  restoreOrder,
  SHUFFLE_SNAPSHOTS_KEPT,
  shuffleOrder,
} from "../../src/domain/music/index.ts";

/** A seeded generator, so the shuffle tests are the same on every run. */
function seeded(seed: number) {
  let state = seed >>> 0;
  return {
    int(max: number) {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return Math.floor((state / 2 ** 32) * max);
    },
  };
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe("shuffle", () => {
  it.each([2, 3, 10, 500])("reorders %i tracks, keeping every one exactly once", (n) => {
    for (let seed = 1; seed <= 20; seed++) {
      const ids = range(n);
      const out = shuffleOrder(ids, seeded(seed));
      expect([...out].sort((a, b) => a - b)).toEqual(ids);
      expect(out).not.toEqual(ids);
    }
  });

  it("an identity draw still changes the order (two tracks always swap)", () => {
    const noSwap = { int: (max: number) => max - 1 };
    expect(shuffleOrder([1, 2], noSwap)).toEqual([2, 1]);
    expect(shuffleOrder([7], noSwap)).toEqual([7]);
  });
});

describe("unshuffle", () => {
  it.each([
    ["nothing changed since", [1, 2, 3, 4], [3, 1, 4, 2], [1, 2, 3, 4]],
    ["a track played since is dropped", [1, 2, 3, 4], [3, 4, 2], [2, 3, 4]],
    ["tracks added since keep their place at the end", [1, 2, 3], [2, 3, 1, 9, 8], [1, 2, 3, 9, 8]],
    ["played and added together", [1, 2, 3, 4], [4, 7, 2], [2, 4, 7]],
    ["everything played", [1, 2], [5], [5]],
  ])("%s", (_, snapshot, upcoming, expected) => {
    expect(restoreOrder(snapshot, upcoming)).toEqual(expected);
  });

  it("keeps the newest 5 snapshots of the last 24 hours, newest first", () => {
    let kept: { at: number; ids: number[] }[] = [];
    for (let i = 0; i < 7; i++) kept = pushSnapshot(kept, { at: 1000 + i, ids: [i] });
    expect(kept.map((s) => s.ids[0])).toEqual([6, 5, 4, 3, 2]);
    expect(kept).toHaveLength(SHUFFLE_SNAPSHOTS_KEPT);
    const day = 24 * 60 * 60 * 1000;
    expect(liveSnapshots(kept, 1002 + day).map((s) => s.ids[0])).toEqual([6, 5, 4, 3]);
  });
});

describe("remove and move: places are checked against the queue", () => {
  it.each([
    [1, null, 3, { ok: true, from: 1, to: 1 }],
    [2, 3, 3, { ok: true, from: 2, to: 3 }],
    [4, null, 3, "no track #4"],
    [0, null, 3, "no track #0"],
    [2, 9, 3, "no track #9"],
    [3, 2, 3, "runs backwards"],
    [1, null, 0, "Nothing is waiting"],
  ] as const)("remove %i–%s of %i", (from, to, length, expected) => {
    const span = removalSpan(from, to, length);
    if (typeof expected === "string") expect(!span.ok && span.reason).toContain(expected);
    else expect(span).toEqual(expected);
  });

  it.each([
    [1, 3, 3, { ok: true, from: 1, to: 3 }],
    [4, 1, 3, "no track #4"],
    [1, 4, 3, "no track #4"],
    [2, 2, 3, "already there"],
    [1, 1, 1, "nothing to move"],
  ] as const)("move %i → %i of %i", (from, to, length, expected) => {
    const span = moveSpan(from, to, length);
    if (typeof expected === "string") expect(!span.ok && span.reason).toContain(expected);
    else expect(span).toEqual(expected);
  });

  it("moves one item and keeps the rest in order", () => {
    expect(moved(["a", "b", "c", "d"], 1, 3)).toEqual(["b", "c", "a", "d"]);
    expect(moved(["a", "b", "c", "d"], 4, 1)).toEqual(["d", "a", "b", "c"]);
  });
});

describe("the DJ role", () => {
  const V = "500000000000000001";
  const base = { botChannelId: V, userChannelId: V, canManageGuild: false, busy: true };
  const dj = { roleId: "600000000000000001", hasRole: false, listeners: 2 };
  it.each([
    ["a member with the role", { ...dj, hasRole: true }, true],
    ["a member without it, with others listening", dj, false],
    ["a member without it, alone with the bot", { ...dj, listeners: 1 }, true],
    ["a member without it, listeners unknown", { ...dj, listeners: null }, false],
  ])("%s", (_, situation, allowed) => {
    const result = mayControl({ ...base, dj: situation });
    expect(result.ok).toBe(allowed);
    if (!result.ok) expect(result.reason).toContain(`<@&${dj.roleId}>`);
  });

  it("Manage Server always may; the role does not help from outside the channel", () => {
    expect(mayControl({ ...base, userChannelId: null, canManageGuild: true, dj }).ok).toBe(true);
    const outside = mayControl({ ...base, userChannelId: null, dj: { ...dj, hasRole: true } });
    expect(!outside.ok && outside.reason).toContain("Only members in");
  });

  it("server-wide settings need Manage Server, or the DJ role where one is set", () => {
    expect(mayConfigure({ canManageGuild: true }).ok).toBe(true);
    expect(mayConfigure({ canManageGuild: false }).ok).toBe(false);
    expect(mayConfigure({ canManageGuild: false, dj: { roleId: "1", hasRole: true } }).ok).toBe(
      true,
    );
  });
});

describe("filters", () => {
  it.each(FILTER_PRESETS)("preset %s is a filters object Lavalink v4 accepts", (preset) => {
    expect(() => checkFilters(PRESET_FILTERS[preset], LAVALINK_FILTERS)).not.toThrow();
  });

  it("off clears every filter; nightcore plays faster, vaporwave slower", () => {
    expect(PRESET_FILTERS.off).toEqual({});
    expect(playbackRate("nightcore")).toBeGreaterThan(1);
    expect(playbackRate("vaporwave")).toBeLessThan(1);
    expect(playbackRate("8d")).toBe(1);
  });
});

describe("autoplay", () => {
  it.each([
    [
      "YouTube: the mix of the video",
      { uri: "https://www.youtube.com/watch?v=dQw4w9WgXcQ", sourceName: "youtube" },
      "https://www.youtube.com/watch?v=dQw4w9WgXcQ&list=RDdQw4w9WgXcQ",
    ],
    [
      "a youtu.be link",
      { uri: "https://youtu.be/dQw4w9WgXcQ", sourceName: "youtube" },
      "https://www.youtube.com/watch?v=dQw4w9WgXcQ&list=RDdQw4w9WgXcQ",
    ],
    [
      "SoundCloud: its recommendations",
      { uri: "https://soundcloud.com/a/b", sourceName: "soundcloud" },
      "https://soundcloud.com/a/b/recommended",
    ],
    ["anything else: the artist", { uri: null, sourceName: "http" }, "ytsearch:Someone"],
  ])("%s", (_, seed, identifier) => {
    expect(relatedIdentifier({ ...seed, title: "Song", author: "Someone" }, "ytsearch")).toBe(
      identifier,
    );
  });

  it("picks at most the room left, skipping what was played or queued", () => {
    const t = (n: number) => ({ uri: `u${n}`, title: `t${n}` });
    const picked = pickRelated([t(1), t(2), t(2), t(3), t(4), t(5)], [t(1), t(3)], 2);
    expect(picked).toEqual([t(2), t(4)]);
  });
});

describe("the job contract grows additively", () => {
  const job = {
    v: 1,
    guildId: "300000000000000001",
    userId: "200000000000000001",
    textChannelId: "400000000000000001",
    userVoiceChannelId: null,
    canManageGuild: false,
    action: { type: "filter", preset: "nightcore" },
    interaction: null,
  };
  it("accepts the new actions, roles and a now-playing entry", () => {
    expect(parseMusicJob(job).ok).toBe(true);
    expect(parseMusicJob({ ...job, action: { type: "stay", on: true } }).ok).toBe(true);
    expect(parseMusicJob({ ...job, memberRoleIds: ["600000000000000001"], entryId: 5 }).ok).toBe(
      true,
    );
  });
  it.each([
    ["an unknown preset", { ...job, action: { type: "filter", preset: "loud" } }],
    ["a role that is not a snowflake", { ...job, memberRoleIds: ["dj"] }],
    ["an entry id of 0", { ...job, entryId: 0 }],
  ])("refuses %s", (_, payload) => expect(parseMusicJob(payload).ok).toBe(false));
});
