import { describe, expect, it } from "vitest";
import { CircuitBreaker } from "../../src/domain/circuit-breaker.ts";
import { slidingWindow } from "../../src/domain/sliding-window.ts";

describe("slidingWindow", () => {
  const windowMs = 60_000;
  it.each([
    // [previous, current, elapsed fraction of the current window, limit, allowed, remaining]
    [0, 0, 0, 5, true, 4],
    [0, 4, 0.5, 5, true, 0],
    [0, 5, 0.5, 5, false, 0],
    [10, 0, 0, 5, false, 0],
    [10, 0, 0.5, 5, false, 0],
    [10, 0, 0.6, 5, true, 0],
    [4, 0, 0.5, 5, true, 2],
  ])(
    "previous %i, current %i at %f of the window, limit %i → allowed %s",
    (previous, current, elapsed, limit, allowed, remaining) => {
      const now = 100 * windowMs + elapsed * windowMs;
      const decision = slidingWindow({ previous, current }, now, windowMs, limit);
      expect(decision.allowed).toBe(allowed);
      expect(decision.remaining).toBe(remaining);
      expect(decision.resetAt).toBe(101 * windowMs);
    },
  );
});

describe("CircuitBreaker", () => {
  it("opens on the first failure, stays open for the cooldown, and reports each transition once", () => {
    const breaker = new CircuitBreaker(30_000);
    expect(breaker.canTry(0)).toBe(true);
    expect(breaker.failure(1_000)).toBe("tripped");
    expect(breaker.failure(1_500)).toBeNull();
    expect(breaker.canTry(20_000)).toBe(false);
    expect(breaker.canTry(31_500)).toBe(true);
    expect(breaker.failure(31_600)).toBeNull();
    expect(breaker.canTry(40_000)).toBe(false);
    expect(breaker.canTry(61_600)).toBe(true);
    expect(breaker.success()).toBe("recovered");
    expect(breaker.success()).toBeNull();
    expect(breaker.isOpen).toBe(false);
  });
});
