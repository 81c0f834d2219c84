import { describe, expect, it } from "vitest";
import { RATE_LIMITS } from "../../src/constants/rate-limits.ts";
import {
  activeBlock,
  decodeControls,
  effectiveGuildLimit,
  encodeControls,
  type GuildControls,
} from "../../src/domain/guild-controls.ts";

const now = 1_000_000;
const controls: GuildControls = {
  block: { reason: "spam", expiresAt: now + 1 },
  overrides: {
    ai: { limit: 100, windowSeconds: 60, expiresAt: null },
    music: { limit: 2, windowSeconds: 10, expiresAt: now },
  },
};

describe("guild controls", () => {
  it("honours a block until it expires", () => {
    expect(activeBlock(controls, now)?.reason).toBe("spam");
    expect(activeBlock(controls, now + 1)).toBeNull();
    expect(
      activeBlock(
        { ...controls, block: { reason: "x", expiresAt: null } },
        Number.MAX_SAFE_INTEGER,
      ),
    ).not.toBeNull();
  });

  it.each([
    ["ai", { limit: 100, windowSeconds: 60 }, "override"],
    ["music", RATE_LIMITS.music.guild, "default"],
    ["economy", RATE_LIMITS.economy.guild, "default"],
  ] as const)("the %s limit is %o from %s", (bucket, rule, kind) => {
    const effective = effectiveGuildLimit(controls, bucket, now);
    expect(effective.rule).toEqual(rule);
    expect(effective.source.kind).toBe(kind);
  });

  it("round-trips through the cache encoding and treats garbage as a miss", () => {
    expect(decodeControls(encodeControls(controls))).toEqual(controls);
    expect(decodeControls(null)).toBeNull();
    expect(decodeControls("{not json")).toBeNull();
    expect(decodeControls('"a string"')).toBeNull();
  });
});
