import { describe, expect, it } from "vitest";
import { formatDuration, parseDuration } from "../../src/domain/duration.ts";

describe("parseDuration", () => {
  it.each([
    ["90s", 90],
    ["30m", 1800],
    ["1h", 3600],
    ["1h30m", 5400],
    ["1h 30m", 5400],
    ["2 days", 172_800],
    ["1w", 604_800],
    ["12H", 43_200],
    ["5 minutes", 300],
  ])("%s is %i seconds", (input, seconds) => {
    expect(parseDuration(input)).toEqual({ seconds });
  });

  it.each(["permanent", "forever", " Permanent "])("%s is permanent", (input) => {
    expect(parseDuration(input)).toBe("permanent");
  });

  it.each(["", "soon", "0m", "h", "10", "1x", "1h and 5m", "-5m", "1.5h"])(
    "%j does not parse",
    (input) => {
      expect(parseDuration(input)).toBeNull();
    },
  );
});

describe("formatDuration", () => {
  it.each([
    [45, "45s"],
    [3600, "1h"],
    [5400, "1h 30m"],
    [90_061, "1d 1h"],
    [0, "0s"],
  ])("%i seconds reads %s", (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});
