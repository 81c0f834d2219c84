import { describe, expect, it } from "vitest";
import { decideDaily, workBlockedUntil } from "../../src/domain/economy/timers.ts";

const HOUR = 3_600_000;
const NOW = 1_800_000_000_000;

describe("the daily streak", () => {
  it.each([
    { case: "first claim", lastAt: null, streak: 0, expect: { streak: 1, amount: 250n } },
    { case: "after 24 h", lastAt: NOW - 24 * HOUR, streak: 1, expect: { streak: 2, amount: 275n } },
    {
      case: "after 48 h exactly",
      lastAt: NOW - 48 * HOUR,
      streak: 3,
      expect: { streak: 4, amount: 325n },
    },
    {
      case: "after 48 h and a moment",
      lastAt: NOW - 48 * HOUR - 1,
      streak: 3,
      expect: { streak: 1, amount: 250n },
    },
    {
      case: "day 8: +70 %",
      lastAt: NOW - 30 * HOUR,
      streak: 7,
      expect: { streak: 8, amount: 425n },
    },
    {
      case: "day 30: still +70 %",
      lastAt: NOW - 30 * HOUR,
      streak: 29,
      expect: { streak: 30, amount: 425n },
    },
  ])("$case", ({ lastAt, streak, expect: wanted }) => {
    const decision = decideDaily({ lastAt, streak }, NOW, 250n);
    expect(decision).toMatchObject({ ok: true, ...wanted, nextAt: NOW + 24 * HOUR });
  });

  it("refuses a second claim within 24 h and says when the next one is", () => {
    expect(decideDaily({ lastAt: NOW - 23 * HOUR, streak: 4 }, NOW, 250n)).toEqual({
      ok: false,
      nextAt: NOW + HOUR,
    });
  });

  it("rounds the bonus down: never a fraction of a coin", () => {
    expect(decideDaily({ lastAt: NOW - 25 * HOUR, streak: 1 }, NOW, 15n)).toMatchObject({
      amount: 16n,
    });
  });
});

describe("/work's cooldown", () => {
  it.each([
    [null, null],
    [NOW - HOUR, null],
    [NOW - HOUR + 1, NOW + 1],
  ])("last worked %s → blocked until %s", (lastAt, until) => {
    expect(workBlockedUntil(lastAt, NOW)).toBe(until);
  });
});
