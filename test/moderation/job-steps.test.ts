import { describe, expect, it } from "vitest";
import {
  AUDIT_REASON_MAX,
  auditReason,
  BULK_BAN_MAX,
  bannedByCase,
  banningLine,
  channelsLine,
  checkingLine,
  chunk,
  classifyChunkError,
  deleteMessagesChoice,
  mapBounded,
  outcomeOfError,
  outcomeOfResult,
  REFUSED,
  shouldReport,
  unbanningLine,
} from "../../src/domain/moderation/index.ts";

describe("chunk", () => {
  it.each([
    [450, BULK_BAN_MAX, [200, 200, 50]],
    [400, BULK_BAN_MAX, [200, 200]],
    [1, BULK_BAN_MAX, [1]],
    [0, BULK_BAN_MAX, []],
    [1000, BULK_BAN_MAX, [200, 200, 200, 200, 200]],
  ])("%i ids in chunks of %i", (n, size, sizes) => {
    const ids = Array.from({ length: n }, (_, i) => i);
    const chunks = chunk(ids, size);
    expect(chunks.map((c) => c.length)).toEqual(sizes);
    expect(chunks.flat()).toEqual(ids);
  });

  it("refuses a size below one", () => {
    expect(() => chunk([1], 0)).toThrow(RangeError);
  });
});

describe("mapBounded", () => {
  it("keeps order and never runs more than the limit at once", async () => {
    let running = 0;
    let peak = 0;
    const out = await mapBounded([5, 1, 4, 2, 3], 2, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setImmediate(resolve));
      running--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30]);
    expect(peak).toBe(2);
  });
});

describe("bulk-ban outcomes", () => {
  const ids = ["1", "2", "3"];
  it("splits an answer into banned and failed", () => {
    expect(outcomeOfResult(ids, { banned: ["1", "3"], failed: ["2"] })).toEqual({
      banned: ["1", "3"],
      failed: [{ id: "2", reason: REFUSED }],
    });
  });

  it.each([
    [403, 500000, "Failed to ban users", { kind: "nobody-banned" }],
    [403, 50013, "Missing Permissions", { kind: "refused", message: "Missing Permissions" }],
    [429, null, "rate limited", { kind: "refused", message: "rate limited" }],
    [0, null, "timed out", { kind: "unknown", message: "timed out" }],
    [502, null, "Bad Gateway", { kind: "unknown", message: "Bad Gateway" }],
  ] as const)("status %i code %s → %o", (status, code, message, expected) => {
    expect(classifyChunkError(status, code, message)).toEqual(expected);
  });

  it("fails the whole chunk on a definite refusal", () => {
    expect(outcomeOfError(ids, { kind: "nobody-banned" }).failed.map((f) => f.reason)).toEqual([
      REFUSED,
      REFUSED,
      REFUSED,
    ]);
    expect(outcomeOfError(["1"], { kind: "refused", message: "Missing Permissions" })).toEqual({
      banned: [],
      failed: [{ id: "1", reason: "Missing Permissions" }],
    });
  });
});

describe("audit reasons", () => {
  const mod = { id: "400000000000000001", name: "alice" };
  it("carries the case marker first, and fits Discord's 512 characters", () => {
    expect(auditReason(7, "Massban", mod, "raid")).toBe(
      "[case #7] Massban by alice (400000000000000001): raid",
    );
    expect(auditReason(null, "Unlock", mod, null)).toBe("Unlock by alice (400000000000000001)");
    const long = auditReason(12, "Massban", mod, "x".repeat(600));
    expect(long).toHaveLength(AUDIT_REASON_MAX);
    expect(bannedByCase(long, 12)).toBe(true);
  });

  it.each([
    ["[case #12] Massban by a", 12, true],
    ["[case #123] Massban by a", 12, false],
    ["spam [case #12]", 12, false],
    [null, 12, false],
    [undefined, 12, false],
  ])("%s made by case %i: %s", (reason, n, expected) => {
    expect(bannedByCase(reason, n)).toBe(expected);
  });
});

describe("progress text", () => {
  it.each([
    [checkingLine(240, 450), "Checking members: 240 of 450…"],
    [banningLine(200, 450, 200), "Processed 200 of 450: 200 banned…"],
    [banningLine(400, 450, 398), "Processed 400 of 450: 398 banned, 2 failed…"],
    [unbanningLine(100, 450), "Unbanning: 100 of 450 done…"],
    [channelsLine("Locking", 10, 30), "Locking channels: 10 of 30…"],
  ])("%s", (actual, expected) => {
    expect(actual).toBe(expected);
  });

  it.each([
    [5, 30, 5, true],
    [6, 30, 5, false],
    [30, 30, 5, true],
    [29, 29, 100, true],
  ])("report after %i of %i every %i: %s", (done, total, every, expected) => {
    expect(shouldReport(done, total, every)).toBe(expected);
  });
});

describe("delete_messages choices", () => {
  it.each([
    [undefined, "none"],
    ["none", "none"],
    ["24h", "24h"],
    ["7d", "7d"],
    ["2d", null],
    ["constructor", null],
  ])("%s → %s", (value, expected) => {
    expect(deleteMessagesChoice(value)).toBe(expected);
  });
});
