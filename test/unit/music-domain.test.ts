import { describe, expect, it } from "vitest";
import {
  afterTrackEnd,
  formatDuration,
  mayControl,
  mayPlay,
  parseMusicJob,
  parsePosition,
  progressBar,
  startsIn,
} from "../../src/domain/music/index.ts";

const G = "300000000000000001";
const U = "200000000000000001";
const C = "400000000000000001";
const V = "500000000000000001";
const OTHER = "500000000000000002";

describe("positions", () => {
  it.each([
    ["83", 83_000],
    ["1:23", 83_000],
    ["1:02:03", 3_723_000],
    [" 0:05 ", 5_000],
    ["0", 0],
  ])("reads %j as %i ms", (text, ms) => expect(parsePosition(text)).toBe(ms));

  it.each(["", "-5", "1:60", "abc", "1:2:3:4", "1.5", "1:"])("refuses %j", (text) =>
    expect(parsePosition(text)).toBeNull(),
  );

  it.each([
    [0, "0:00"],
    [83_000, "1:23"],
    [3_723_000, "1:02:03"],
    [59_999, "0:59"],
  ])("formats %i ms as %s", (ms, text) => expect(formatDuration(ms)).toBe(text));

  it("draws the knob where playback stands, and LIVE for streams", () => {
    expect(progressBar(0, 100_000, 10)).toBe("🔘▬▬▬▬▬▬▬▬▬");
    expect(progressBar(50_000, 100_000, 10)).toBe("▬▬▬▬▬🔘▬▬▬▬");
    expect(progressBar(100_000, 100_000, 10)).toBe("▬▬▬▬▬▬▬▬▬🔘");
    expect(progressBar(5_000, 0, 4)).toContain("LIVE");
  });
});

describe("what happens when a track ends", () => {
  it.each([
    ["off", "finished", "remove"],
    ["off", "skipped", "remove"],
    ["track", "finished", "repeat"],
    ["track", "skipped", "remove"],
    ["queue", "finished", "rotate"],
    ["queue", "skipped", "rotate"],
    ["queue", "failed", "remove"],
    ["track", "failed", "remove"],
  ] as const)("loop %s, %s → %s", (loop, reason, outcome) =>
    expect(afterTrackEnd(loop, reason)).toBe(outcome),
  );

  it("estimates a start from what is left and what is ahead; a stream makes it unknown", () => {
    expect(
      startsIn({ remainingMs: 30_000, isStream: false }, [{ lengthMs: 60_000, isStream: false }]),
    ).toBe(90_000);
    expect(startsIn(null, [])).toBe(0);
    expect(startsIn({ remainingMs: 0, isStream: true }, [])).toBeNull();
  });
});

describe("who may control the music", () => {
  const base = { botChannelId: V, userChannelId: V, canManageGuild: false, busy: true };
  it("lets play in the user's channel, refuses without one, refuses a busy bot elsewhere", () => {
    expect(mayPlay({ ...base, botChannelId: null, busy: false })).toEqual({
      ok: true,
      channelId: V,
    });
    expect(mayPlay({ ...base, userChannelId: null })).toMatchObject({
      ok: false,
      reason: "Join a voice channel first.",
    });
    const refused = mayPlay({ ...base, userChannelId: OTHER, canManageGuild: true });
    expect(refused).toMatchObject({ ok: false });
    expect(!refused.ok && refused.reason).toContain(`<#${V}>`);
    expect(mayPlay({ ...base, userChannelId: OTHER, busy: false })).toEqual({
      ok: true,
      channelId: OTHER,
    });
  });

  it("lets members of the bot's channel and managers control; nobody when nothing plays", () => {
    expect(mayControl(base)).toEqual({ ok: true });
    expect(mayControl({ ...base, userChannelId: OTHER })).toMatchObject({ ok: false });
    expect(mayControl({ ...base, userChannelId: null, canManageGuild: true })).toEqual({
      ok: true,
    });
    expect(mayControl({ ...base, botChannelId: null, canManageGuild: true })).toMatchObject({
      ok: false,
    });
  });
});

describe("the music job contract", () => {
  const job = {
    v: 1,
    guildId: G,
    userId: U,
    textChannelId: C,
    userVoiceChannelId: V,
    canManageGuild: false,
    action: { type: "play", query: "lofi" },
    interaction: { applicationId: G, token: "tok", receivedAt: 1 },
  };
  it("accepts a well-formed job", () => expect(parseMusicJob(job).ok).toBe(true));
  it.each([
    ["an unknown action", { ...job, action: { type: "dance" } }],
    ["an empty query", { ...job, action: { type: "play", query: "" } }],
    ["a query over 500 characters", { ...job, action: { type: "play", query: "x".repeat(501) } }],
    ["a volume of 151", { ...job, action: { type: "volume", level: 151 } }],
    ["a negative seek", { ...job, action: { type: "seek", positionMs: -1 } }],
    ["a guild id that is not a snowflake", { ...job, guildId: "12" }],
    ["another version", { ...job, v: 2 }],
    ["not an object", "play lofi"],
  ])("refuses %s, naming the problem", (_, payload) => {
    const result = parseMusicJob(payload);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problem.length).toBeGreaterThan(0);
  });
});
