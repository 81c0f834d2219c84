import { describe, expect, it } from "vitest";
import {
  checkProviderUrl,
  classifyAddress,
  EditPacer,
  estimateTokens,
  splitPages,
  trimHistory,
} from "../../src/domain/ai/index.ts";
import { parseMasterKeys } from "../../src/domain/guild-keys/index.ts";

describe("classifyAddress", () => {
  it.each([
    ["8.8.8.8", "public"],
    ["1.1.1.1", "public"],
    ["2606:4700:4700::1111", "public"],
    ["127.0.0.1", "loopback"],
    ["127.255.0.9", "loopback"],
    ["::1", "loopback"],
    ["[::1]", "loopback"],
    ["10.0.0.1", "private"],
    ["172.16.5.4", "private"],
    ["172.31.255.255", "private"],
    ["172.32.0.1", "public"],
    ["192.168.1.1", "private"],
    ["100.64.0.1", "private"],
    ["fc00::1", "private"],
    ["fd12:3456::1", "private"],
    ["169.254.1.1", "link-local"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["169.254.169.254", "metadata"],
    ["168.63.129.16", "metadata"],
    ["fd00:ec2::254", "metadata"],
    ["0.0.0.0", "unspecified"],
    ["::", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["ff02::1", "multicast"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["::ffff:10.0.0.1", "private"],
    ["::ffff:8.8.8.8", "public"],
    ["64:ff9b::a9fe:a9fe", "metadata"],
    ["2002:7f00:1::1", "loopback"],
    ["192.0.2.1", "reserved"],
    ["2001:db8::1", "reserved"],
    ["not-an-ip", "invalid"],
    ["1.2.3", "invalid"],
    ["1::2::3", "invalid"],
  ])("%s is %s", (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });
});

describe("checkProviderUrl", () => {
  it("accepts a public https base URL and normalises it", () => {
    expect(checkProviderUrl(" https://api.openai.com/v1/ ", [])).toEqual({
      ok: true,
      url: {
        base: "https://api.openai.com/v1",
        origin: "https://api.openai.com",
        host: "api.openai.com",
        allowlisted: false,
      },
    });
  });

  it("normalises numeric IPv4 forms before judging them", () => {
    const check = checkProviderUrl("https://2130706433/v1", []);
    expect(check.ok).toBe(false);
    expect(check.ok ? "" : check.reason).toMatch(/loopback/);
  });

  it("lets the operator's allowlist through, and only that origin", () => {
    const allow = ["http://10.0.0.5:11434"];
    expect(checkProviderUrl("http://10.0.0.5:11434/v1", allow).ok).toBe(true);
    expect(checkProviderUrl("http://10.0.0.5:11435/v1", allow).ok).toBe(false);
    expect(checkProviderUrl("https://10.0.0.5:11434/v1", allow).ok).toBe(false);
  });
});

describe("splitPages", () => {
  it("keeps short text whole", () => {
    expect(splitPages("short", 10)).toEqual(["short"]);
  });

  it("cuts at paragraph, line or word boundaries near the end of a page", () => {
    const text = `${"a".repeat(90)}\n\n${"b".repeat(50)} ${"c".repeat(60)}`;
    const pages = splitPages(text, 100);
    expect(pages[0]).toBe("a".repeat(90));
    expect(pages.every((p) => p.length <= 100)).toBe(true);
    expect(pages.join(" ").replace(/\s+/g, " ")).toBe(text.replace(/\s+/g, " "));
  });

  it("cuts a word with no boundary at the page size", () => {
    expect(splitPages("x".repeat(250), 100).map((p) => p.length)).toEqual([100, 100, 50]);
  });
});

describe("trimHistory", () => {
  const turn = (i: number, size = 10) => ({
    role: (i % 2 === 0 ? "user" : "assistant") as "user" | "assistant",
    content: `${i}`.padEnd(size, "."),
  });

  it("keeps the last 20 messages", () => {
    const kept = trimHistory(Array.from({ length: 30 }, (_, i) => turn(i)));
    expect(kept).toHaveLength(20);
    expect(kept[0]?.content.startsWith("10")).toBe(true);
  });

  it("drops the oldest until the rest fits the token budget, never starting with an answer", () => {
    const messages = Array.from({ length: 10 }, (_, i) => turn(i, 400));
    const kept = trimHistory(messages, 20, 350);
    expect(kept.reduce((sum, m) => sum + estimateTokens(m), 0)).toBeLessThanOrEqual(350);
    expect(kept[0]?.role).toBe("user");
    expect(kept.at(-1)).toEqual(messages.at(-1));
  });
});

describe("EditPacer", () => {
  it("allows one edit per interval, counted from when the last edit finished", () => {
    const pacer = new EditPacer(1000);
    expect(pacer.take("a", 0)).toBe(true);
    expect(pacer.take("ab", 500)).toBe(false);
    pacer.finished(300);
    expect(pacer.waitMs(900)).toBe(400);
    expect(pacer.take("ab", 1300)).toBe(true);
    expect(pacer.take("ab", 5000)).toBe(false);
  });
});

describe("parseMasterKeys", () => {
  const key = (fill: number, length = 32) => Buffer.alloc(length, fill).toString("base64");

  it("reads versions in order, the first current", () => {
    const parsed = parseMasterKeys(`v2:${key(2)}, v1:${key(1)}`);
    expect(parsed.ok && parsed.keys.map((k) => k.version)).toEqual(["v2", "v1"]);
  });

  it.each([
    ["a short key", `v1:${key(1, 16)}`, /must be 32 bytes/],
    ["a long key", `v1:${key(1, 33)}`, /must be 32 bytes/],
    ["not base64", "v1:!!!!", /must be 32 bytes/],
    ["no version", key(1), /v<number>/],
    ["a duplicate", `v1:${key(1)},v1:${key(2)}`, /appears twice/],
  ])("refuses %s without quoting it", (_, raw, pattern) => {
    const parsed = parseMasterKeys(raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.problem).toMatch(pattern);
      expect(parsed.problem).not.toContain(raw.slice(3, 20));
    }
  });
});
