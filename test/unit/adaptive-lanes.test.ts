import { describe, expect, it } from "vitest";
import { LaneController, mapAdaptive } from "../../src/domain/moderation/index.ts";

describe("LaneController", () => {
  it.each([
    // [start, events, expected lanes]
    [8, "h", 4],
    [8, "hh", 2],
    [8, "hhh", 2],
    [2, "cc", 3],
    [2, "ccccc", 4],
    [15, "c".repeat(15), 16],
    [16, "c".repeat(40), 16],
    [8, `${"c".repeat(8)}h`, 4],
  ] as const)("from %i lanes, %s → %i", (start, events, expected) => {
    const lanes = new LaneController(2, 16, start);
    for (const e of events) e === "h" ? lanes.slowDown() : lanes.clean();
    expect(lanes.current).toBe(expected);
  });
});

describe("mapAdaptive", () => {
  it("keeps the order and never has more calls in flight than the lanes allow", async () => {
    const lanes = new LaneController(2, 16, 8);
    let held = 0;
    let inFlight = 0;
    let most = 0;
    const seenLimits: number[] = [];
    const results = await mapAdaptive(
      Array.from({ length: 200 }, (_, i) => i),
      lanes,
      () => held,
      async (i) => {
        inFlight++;
        most = Math.max(most, inFlight);
        seenLimits.push(lanes.current);
        // Calls 50..59 are held back by a rate limit.
        await new Promise((resolve) => setImmediate(resolve));
        if (i >= 50 && i < 60) held++;
        inFlight--;
        return i * 2;
      },
    );
    expect(results).toEqual(Array.from({ length: 200 }, (_, i) => i * 2));
    expect(most).toBeLessThanOrEqual(16);
    // Held back: down to the minimum; then it grows again with clean calls.
    expect(Math.min(...seenLimits.slice(60, 80))).toBe(2);
    expect(lanes.current).toBeGreaterThan(2);
  });

  it("rejects when a call rejects", async () => {
    const lanes = new LaneController(1, 4, 2);
    await expect(
      mapAdaptive(
        [1, 2, 3],
        lanes,
        () => 0,
        async (i) => {
          if (i === 2) throw new Error("boom");
          return i;
        },
      ),
    ).rejects.toThrow("boom");
  });
});
