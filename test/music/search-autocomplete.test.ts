import { createHash } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { autocomplete, slashCommand } from "../support/interactions.ts";
import { type MusicWorld, startMusicWorld } from "../support/music-world.ts";
import { createRedisClient, defaultRedisUrl, type RedisClient } from "../support/redis-client.ts";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy.ts";

const SECRET = "voice-node-secret-for-tests";
let world: MusicWorld;
let proxy: TcpProxy;
let redis: RedisClient;
/** Where the proxy forwards: the voice-node's port, known once it listens. */
const target = { host: "127.0.0.1", port: 1 };

beforeAll(async () => {
  // The edge reaches the voice-node at VOICE_NODE_URL through a proxy the test can cut.
  proxy = await startTcpProxy(target);
  world = await startMusicWorld({
    botEnv: { VOICE_NODE_URL: `http://127.0.0.1:${proxy.port}`, VOICE_NODE_SECRET: SECRET },
  });
  target.port = (await world.startNode()).port ?? 1;
  redis = createRedisClient(defaultRedisUrl());
}, 60_000);
afterAll(async () => {
  redis?.disconnect();
  await world?.close();
  await proxy?.stop();
});

type Choices = { name: string; value: string }[];

async function suggest(value: string, userId = world.guild.listenerId) {
  const answer = await world.bot.interact(
    autocomplete(
      "music",
      { name: "query", value },
      { subcommand: "play", guildId: world.guild.guildId, user: { id: userId } },
    ),
  );
  expect(answer.status).toBe(200);
  expect(answer.body.type).toBe(8);
  return (answer.body as { data: { choices: Choices } }).data.choices;
}

const searches = () =>
  world.lavalink.log.entries.filter(
    (r) => r.kind === "rest" && r.path?.startsWith("/v4/loadtracks"),
  );

describe("/music play query: autocomplete", () => {
  it("suggests the top 5 with title, author and duration; picking one plays that exact track", async () => {
    const choices = await suggest("lofi beats");
    expect(choices).toHaveLength(5);
    expect(choices[0]?.name).toMatch(/^lofi beats — Artist \d+ \(\d:\d\d\)$/);
    expect(choices[1]?.name).toMatch(/^lofi beats \(2\) — Artist \d+ \(\d:\d\d\)$/);
    expect(choices[0]?.value).toMatch(/^https:\/\/www\.youtube\.com\/watch\?v=/);
    for (const choice of choices) {
      expect(choice.name.length).toBeLessThanOrEqual(100);
      expect(choice.value.length).toBeLessThanOrEqual(100);
    }
  }, 20_000);

  it("caches a search in Redis for 10 minutes: the same words again cost no search", async () => {
    await world.bot.settle();
    const before = searches().length;
    const again = await suggest("  LOFI   beats ");
    expect(again.map((c) => c.value)).toEqual((await suggest("lofi beats")).map((c) => c.value));
    expect(searches()).toHaveLength(before);
    const prefix = world.bot.node.isolate.config.REDIS_KEY_PREFIX;
    const key = `${prefix}music:search:${createHash("sha256").update("lofi beats").digest("hex")}`;
    const ttl = await redis.ttl(key);
    expect(ttl).toBeGreaterThan(590);
    expect(ttl).toBeLessThanOrEqual(600);
  }, 20_000);

  it("input of 500 characters or more: no suggestions, and no search", async () => {
    const before = searches().length;
    expect(await suggest("a".repeat(500))).toEqual([]);
    expect(await suggest("x")).toEqual([]);
    expect(searches()).toHaveLength(before);
  }, 20_000);

  it("never takes a rate-limit token a real command needs", async () => {
    // The music bucket allows a user 15 commands a minute: 20 keystrokes spend none of them.
    for (let i = 0; i < 20; i++) await suggest(`typing ${i}`, world.guild.elsewhereId);
    const queue = await world.bot.interact(
      slashCommand("music", {
        subcommand: "queue",
        guildId: world.guild.guildId,
        channelId: world.guild.textChannelId,
        user: { id: world.guild.elsewhereId },
      }),
    );
    expect(JSON.stringify(queue.body)).not.toContain("Too many requests");
    expect(JSON.stringify(queue.body)).toContain("Queue");
  }, 60_000);

  it("voice-node unreachable: no suggestions and no error, well inside Discord's 3 s", async () => {
    await proxy.stop();
    const started = Date.now();
    expect(await suggest("never searched before")).toEqual([]);
    expect(Date.now() - started).toBeLessThan(2500);
    await proxy.start();
    expect(await suggest("never searched before")).toHaveLength(5);
  }, 20_000);

  it("voice-node that accepts but never answers: given up after 1.5 s, no suggestions", async () => {
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const port = target.port;
    // Reconnect through the proxy (its open keep-alive connections lead to the voice-node).
    await proxy.stop();
    target.port = (silent.address() as AddressInfo).port;
    await proxy.start();
    try {
      const started = Date.now();
      expect(await suggest("a silent search")).toEqual([]);
      const took = Date.now() - started;
      expect(took).toBeGreaterThanOrEqual(1400);
      expect(took).toBeLessThan(2500);
    } finally {
      await proxy.stop();
      target.port = port;
      await proxy.start();
      silent.closeAllConnections();
      silent.close();
    }
  }, 20_000);
});

describe("the voice-node's GET /search", () => {
  const url = (q: string) => `http://127.0.0.1:${target.port}/search?q=${encodeURIComponent(q)}`;

  it("wants VOICE_NODE_SECRET as bearer", async () => {
    expect((await fetch(url("lofi"))).status).toBe(401);
    const wrong = await fetch(url("lofi"), { headers: { authorization: "Bearer wrong" } });
    expect(wrong.status).toBe(401);
  });

  it("refuses an empty query or one over 500 characters", async () => {
    const headers = { authorization: `Bearer ${SECRET}` };
    expect((await fetch(url(" "), { headers })).status).toBe(400);
    expect((await fetch(url("a".repeat(501)), { headers })).status).toBe(400);
  });
});
