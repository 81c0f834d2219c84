import { randomBytes } from "node:crypto";
import { Ratelimit } from "@upstash/ratelimit";
import { Redis } from "@upstash/redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stripUnknownFlags } from "./upstash-bridge/script-rewriter.ts";
import { startUpstashBridge, type UpstashBridge } from "./upstash-bridge.ts";

const prefix = `bridge-test:${randomBytes(6).toString("hex")}:`;
let bridge: UpstashBridge;
let redis: Redis;

beforeAll(async () => {
  bridge = await startUpstashBridge();
  redis = new Redis({ url: bridge.url, token: bridge.token, retry: false });
});

afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await bridge.close();
});

describe("upstash bridge: protocol", () => {
  it("round-trips strings, numbers, hashes and null through base64 encoding", async () => {
    expect(await redis.set(`${prefix}greeting`, "héllo wörld ✓")).toBe("OK");
    expect(await redis.get(`${prefix}greeting`)).toBe("héllo wörld ✓");
    expect(await redis.get(`${prefix}missing`)).toBeNull();
    expect(await redis.incr(`${prefix}counter`)).toBe(1);
    expect(await redis.incrby(`${prefix}counter`, 41)).toBe(42);
    await redis.hset(`${prefix}hash`, { name: "chopsticks", level: 3 });
    expect(await redis.hgetall(`${prefix}hash`)).toEqual({ name: "chopsticks", level: 3 });
    await redis.set(`${prefix}json`, { nested: ["a", 1] });
    expect(await redis.get(`${prefix}json`)).toEqual({ nested: ["a", 1] });
  });

  it("runs pipelines and multi/exec transactions", async () => {
    const pipeline = redis.pipeline();
    pipeline.set(`${prefix}p1`, "one");
    pipeline.incr(`${prefix}p2`);
    pipeline.get(`${prefix}p1`);
    expect(await pipeline.exec()).toEqual(["OK", 1, "one"]);

    const transaction = redis.multi();
    transaction.incr(`${prefix}tx`);
    transaction.incr(`${prefix}tx`);
    transaction.get(`${prefix}tx`);
    expect(await transaction.exec()).toEqual([1, 2, 2]);
    expect(bridge.commandLog).toContainEqual(["INCR", `${prefix}tx`]);
  });

  it("reports command errors the way Upstash does", async () => {
    await redis.set(`${prefix}text`, "not a number");
    await expect(redis.incr(`${prefix}text`)).rejects.toThrow(/not an integer/);
    const pipeline = redis.pipeline();
    pipeline.incr(`${prefix}text`);
    pipeline.get(`${prefix}text`);
    const results = await pipeline.exec({ keepErrors: true });
    expect(results[0]?.error).toMatch(/not an integer/);
    expect(results[1]?.result).toBe("not a number");
  });

  it("scans keys by pattern", async () => {
    await Promise.all([1, 2, 3].map((n) => redis.set(`${prefix}scan:${n}`, n)));
    const found: string[] = [];
    let cursor: string | number = 0;
    do {
      const [next, keys]: [string | number, string[]] = await redis.scan(cursor, {
        match: `${prefix}scan:*`,
        count: 100,
      });
      found.push(...keys);
      cursor = next;
    } while (String(cursor) !== "0");
    expect(found.sort()).toEqual([1, 2, 3].map((n) => `${prefix}scan:${n}`));
  });

  it("rejects a wrong token with 401", async () => {
    const intruder = new Redis({ url: bridge.url, token: "wrong", retry: false });
    await expect(intruder.get(`${prefix}greeting`)).rejects.toThrow(/Unauthorized/);
    const raw = await fetch(bridge.url, { method: "POST", body: '["PING"]' });
    expect(raw.status).toBe(401);
    expect(await raw.json()).toEqual({ error: "Unauthorized" });
  });

  it("answers the raw protocol with base64 only when asked", async () => {
    const headers = { authorization: `Bearer ${bridge.token}` };
    await redis.set(`${prefix}raw`, "OK?");
    const plain = await fetch(bridge.url, {
      method: "POST",
      headers,
      body: JSON.stringify(["GET", `${prefix}raw`]),
    });
    expect(await plain.json()).toEqual({ result: "OK?" });
    const encoded = await fetch(`${bridge.url}/pipeline`, {
      method: "POST",
      headers: { ...headers, "Upstash-Encoding": "base64" },
      body: JSON.stringify([["SET", `${prefix}raw`, "v"], ["GET", `${prefix}raw`], ["GET"]]),
    });
    expect(await encoded.json()).toEqual([
      { result: "OK" },
      { result: Buffer.from("v").toString("base64") },
      { error: "ERR wrong number of arguments for 'get' command" },
    ]);
  });
});

describe("upstash bridge: Lua shebang rewriting", () => {
  it("strips only the flags Redis 7.0 rejects", () => {
    expect(stripUnknownFlags("#!lua flags=allow-key-locking\nreturn 1")).toBe("#!lua\nreturn 1");
    expect(stripUnknownFlags("#!lua flags=no-writes,allow-key-locking\nreturn 1")).toBe(
      "#!lua flags=no-writes\nreturn 1",
    );
    expect(stripUnknownFlags("#!lua flags=no-writes\nreturn 1")).toBeNull();
    expect(stripUnknownFlags("return 1")).toBeNull();
  });

  it("runs flagged scripts through EVAL, then EVALSHA by the original SHA", async () => {
    const script = "#!lua flags=allow-key-locking\nreturn redis.call('INCR', KEYS[1])";
    const sha = await redis.scriptLoad(script);
    expect(await redis.evalsha(sha, [`${prefix}lua`], [])).toBe(1);
    expect(await redis.eval(script, [`${prefix}lua`], [])).toBe(2);
    await expect(redis.evalsha("0".repeat(40), [], [])).rejects.toThrow(/NOSCRIPT/);
  });
});

describe("upstash bridge: @upstash/ratelimit sliding window", () => {
  it("counts requests and blocks past the limit", async () => {
    const limiter = new Ratelimit({
      redis,
      limiter: Ratelimit.slidingWindow(3, "60 s"),
      prefix: `${prefix}rl`,
      timeout: 1000,
      ephemeralCache: false,
      analytics: false,
    });
    const logStart = bridge.commandLog.length;
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await limiter.limit("user-1"));
    // First EVALSHA misses (NOSCRIPT), the EVAL loads the rewritten script, and every later
    // EVALSHA by the client's original SHA is redirected to it.
    const names = bridge.commandLog.slice(logStart).map(([name]) => name);
    expect(names.filter((name) => name === "EVAL")).toHaveLength(1);
    expect(names.filter((name) => name === "EVALSHA")).toHaveLength(5);
    expect(results.map((r) => r.success)).toEqual([true, true, true, false, false]);
    expect(results.map((r) => r.reason)).not.toContain("timeout");
    expect(results[2]?.remaining).toBe(0);
    expect((await limiter.limit("user-2")).success).toBe(true);
  });
});

describe("upstash bridge: outage", () => {
  it("refuses connections while down and serves again after coming back", async () => {
    const outage = await startUpstashBridge();
    const client = new Redis({ url: outage.url, token: outage.token, retry: false });
    try {
      await client.set(`${prefix}outage`, "before");
      const served = outage.requestCount();
      await outage.goDown();
      await expect(client.get(`${prefix}outage`)).rejects.toThrow();
      expect(outage.requestCount()).toBe(served);
      await outage.comeBack();
      expect(await client.get(`${prefix}outage`)).toBe("before");
      await outage.waitForRequest((r) => r.commands.some(([name]) => name === "GET"));
    } finally {
      await outage.close();
    }
  });

  it("makes @upstash/ratelimit reject (not time out) while the bridge is down", async () => {
    const outage = await startUpstashBridge();
    const client = new Redis({ url: outage.url, token: outage.token, retry: false });
    const limiter = new Ratelimit({
      redis: client,
      limiter: Ratelimit.slidingWindow(1, "60 s"),
      prefix: `${prefix}rl-outage`,
      timeout: 200,
      analytics: false,
    });
    try {
      await outage.goDown();
      // Its `timeout` only covers a slow Redis: a refused connection rejects at once, so the
      // app must fail open itself.
      await expect(limiter.limit("user")).rejects.toThrow(/fetch failed/);
      await outage.comeBack();
      expect((await limiter.limit("user-after")).success).toBe(true);
    } finally {
      await outage.close();
    }
  });
});
