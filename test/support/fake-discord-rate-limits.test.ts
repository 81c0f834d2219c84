import { REST } from "@discordjs/rest";
import { Routes } from "discord-api-types/v10";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  applySeeds,
  INVALID_REQUEST_BAN,
  InvalidRequests,
  PLAYGROUND,
} from "../../src/dev/discord-sim/index.ts";
import { type FakeDiscord, startFakeDiscord } from "./fake-discord.ts";

const botToken = "fake-discord-rate-limits-token";
const { guildId, channels, roles } = PLAYGROUND;
let discord: FakeDiscord;

beforeAll(async () => {
  discord = await startFakeDiscord({ botToken, applicationId: PLAYGROUND.applicationId });
});
afterAll(() => discord.close());
beforeEach(() => {
  discord.reset();
  applySeeds(discord.state, new Set());
});

/** A raw call that ignores every rate-limit header, as a careless client would. */
const raw = (path: string, init: RequestInit = {}) =>
  fetch(`${discord.apiBase}/v10${path}`, {
    ...init,
    headers: { authorization: `Bot ${botToken}`, "content-type": "application/json" },
  });

describe("the fake Discord's global limit", () => {
  it("refuses the 51st call of a second across buckets with a global 429, as Discord does", async () => {
    // Sixty different buckets (one per user), so only the global limit can refuse them.
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) => raw(`/users/${200000000000000100n + BigInt(i)}`)),
    );
    const limited = answers.filter((a) => a.status === 429);
    expect(answers.filter((a) => a.status !== 429)).toHaveLength(50);
    expect(limited).toHaveLength(10);
    const first = limited[0];
    expect(first?.headers.get("x-ratelimit-global")).toBe("true");
    expect(first?.headers.get("x-ratelimit-scope")).toBe("global");
    expect(Number(first?.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await first?.json()).toMatchObject({
      global: true,
      message: "You are being rate limited.",
    });
    expect(discord.limits()).toMatchObject({ globalLimited: 10, invalidRequests: 10 });
  });

  it("does not count interaction webhooks against it", async () => {
    const spent = await Promise.all(
      Array.from({ length: 50 }, (_, i) => raw(`/users/${200000000000000200n + BigInt(i)}`)),
    );
    expect(spent.every((a) => a.status === 200)).toBe(true);
    const token = discord.issueInteractionToken({ channelId: channels.general });
    discord.acknowledge(token, { type: 5 });
    const edit = await fetch(
      `${discord.apiBase}/v10/webhooks/${PLAYGROUND.applicationId}/${token}/messages/@original`,
      { method: "PATCH", headers: { "content-type": "application/json" }, body: '{"content":"x"}' },
    );
    expect(edit.status).toBe(200);
    // The bot's own allowance for this second is spent all the same.
    expect((await raw("/users/200000000000000299")).status).toBe(429);
  });

  it("lets a client that paces itself well below 50/s through without one 429", async () => {
    // Half the limit: however its windows and the fake's line up, no second holds 51 calls.
    const rest = new REST({ api: discord.apiBase, version: "10", globalRequestsPerSecond: 25 });
    rest.setToken(botToken);
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        rest.get(Routes.user(String(200000000000000300n + BigInt(i)))),
      ),
    );
    expect(discord.calls.filter((call) => call.status === 429)).toEqual([]);
    expect(discord.calls).toHaveLength(60);
  });
});

describe("the fake Discord's per-route buckets", () => {
  it("gives channel messages Discord's 5 per 5 s per channel, with the headers that say so", async () => {
    const post = (channelId: string) =>
      raw(Routes.channelMessages(channelId), { method: "POST", body: '{"content":"hi"}' });
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await post(channels.general));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 429]);
    const last = answers[4];
    expect(last?.headers.get("x-ratelimit-limit")).toBe("5");
    expect(last?.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(Number(last?.headers.get("x-ratelimit-reset-after"))).toBeGreaterThan(4);
    expect(last?.headers.get("x-ratelimit-bucket")).toMatch(/^[0-9a-f]{32}$/);
    const limited = answers[5];
    expect(limited?.headers.get("x-ratelimit-scope")).toBe("user");
    expect(Number(limited?.headers.get("retry-after"))).toBeGreaterThan(4);
    // Another channel is another bucket (the channel id is the major parameter).
    expect((await post(channels.memes)).status).toBe(200);
    expect(discord.limits()).toMatchObject({ routeLimited: 1, globalLimited: 0 });
  });

  it("gives routes without a known limit a one-second bucket", async () => {
    const answer = await raw(Routes.guildMember(guildId, PLAYGROUND.userId));
    expect(answer.headers.get("x-ratelimit-limit")).toBe("50");
    expect(Number(answer.headers.get("x-ratelimit-reset-after"))).toBeLessThanOrEqual(1);
    const put = await raw(Routes.channelPermission(channels.memes, roles.members), {
      method: "PUT",
      body: JSON.stringify({ type: 0, allow: "0", deny: "2048" }),
    });
    expect(put.status).toBe(204);
    expect(put.headers.get("x-ratelimit-bucket")).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe("the fake Discord's invalid-request ledger", () => {
  it("counts 401, 403 and 429 answers, never 404s", async () => {
    await fetch(`${discord.apiBase}/v10/users/@me`, { headers: { authorization: "Bot wrong" } });
    await raw(Routes.guildMember(guildId, "200000000000009999"));
    expect(discord.limits().invalidRequests).toBe(1);
  });

  it("bans a client at 10,000 invalid requests in ten minutes, and not before", () => {
    const ledger = new InvalidRequests();
    for (let i = 0; i < INVALID_REQUEST_BAN - 1; i++) ledger.record(403, undefined);
    ledger.record(429, "shared");
    ledger.record(404, undefined);
    expect(ledger.banned).toBe(false);
    ledger.record(401, undefined);
    expect(ledger.banned).toBe(true);
  });
});

describe("the fake Discord's CDN", () => {
  it("serves an uploaded attachment at its url, and 404 for any other", async () => {
    const file = discord.addAttachment("raid.txt", "200000000000000011\n200000000000000012\n");
    expect(file).toMatchObject({ filename: "raid.txt", size: 38 });
    const served = await fetch(file.url);
    expect(served.status).toBe(200);
    expect(await served.text()).toBe("200000000000000011\n200000000000000012\n");
    expect((await fetch(file.url.replace(file.id, "1"))).status).toBe(404);
  });
});
