import { REST } from "@discordjs/rest";
import { Routes } from "discord-api-types/v10";
import { describe, expect, it } from "vitest";
import { rejection, useFakeDiscordFixture } from "./fake-discord-fixture.ts";
import { snowflake } from "./snowflake.ts";

const fixture = useFakeDiscordFixture();
const { botToken, applicationId, guildId, ownerId, channelId, roleId } = fixture;

describe("fake discord: auth and routing", () => {
  it("rejects a wrong bot token with 401 and unknown routes with 404", async () => {
    const stranger = new REST({ api: fixture.discord.apiBase, version: "10" }).setToken("nope");
    const unauthorized = await rejection(stranger.get(Routes.user("@me")));
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.rawError).toEqual({ message: "401: Unauthorized", code: 0 });

    expect(await fixture.rest.get(Routes.user("@me"))).toMatchObject({
      id: applicationId,
      bot: true,
    });
    expect(fixture.discord.calls.at(-1)?.path).toBe("/users/@me");

    const missing = await rejection(fixture.rest.get("/nowhere/to/go"));
    expect(missing.status).toBe(404);
    expect(missing.rawError).toEqual({ message: "404: Not Found", code: 0 });
  });

  it("records plausible rate-limit headers on every answer", async () => {
    const response = await fetch(`${fixture.discord.apiBase}/v10/guilds/${guildId}`, {
      headers: { authorization: `Bot ${botToken}` },
    });
    expect(response.headers.get("x-ratelimit-limit")).toBe("50");
    expect(response.headers.get("x-ratelimit-remaining")).toBe("49");
    expect(response.headers.get("x-ratelimit-bucket")).toMatch(/^[0-9a-f]{32}$/);
    expect(Number(response.headers.get("x-ratelimit-reset-after"))).toBeGreaterThan(0);
  });

  it("times out waitFor with a list of what did arrive", async () => {
    await fixture.rest.get(Routes.guild(guildId));
    await expect(
      fixture.discord.waitFor((call) => call.method === "DELETE", { timeoutMs: 50 }),
    ).rejects.toThrow(/Timed out after 50 ms .*\n.*GET \/guilds\/\d+ → 200/);
  });
});

describe("fake discord: guild reads and bans", () => {
  it("serves the seeded guild, its channels, roles and members", async () => {
    expect(await fixture.rest.get(Routes.guild(guildId))).toMatchObject({
      id: guildId,
      owner_id: ownerId,
    });
    expect(await fixture.rest.get(Routes.guildChannels(guildId))).toMatchObject([
      { id: channelId, type: 0 },
    ]);
    const roles = (await fixture.rest.get(Routes.guildRoles(guildId))) as { id: string }[];
    expect(roles.map((role) => role.id)).toEqual([guildId, roleId]);
    expect(await fixture.rest.get(Routes.guildMember(guildId, ownerId))).toMatchObject({
      user: { id: ownerId },
      roles: [roleId],
    });
    const stranger = await rejection(fixture.rest.get(Routes.guildMember(guildId, snowflake())));
    expect([stranger.status, stranger.code]).toEqual([404, 10007]);
    const nowhere = await rejection(fixture.rest.get(Routes.guild(snowflake())));
    expect([nowhere.status, nowhere.code]).toEqual([404, 10004]);
  });

  it("bans and unbans one user, refusing the owner", async () => {
    const userId = snowflake();
    await fixture.rest.put(Routes.guildBan(guildId, userId), {
      body: { delete_message_seconds: 60 },
      reason: "spam",
    });
    expect(await fixture.rest.get(Routes.guildBan(guildId, userId))).toMatchObject({
      user: { id: userId },
      reason: "spam",
    });
    expect(fixture.discord.state.bannedUserIds(guildId)).toEqual([userId]);
    const owner = await rejection(fixture.rest.put(Routes.guildBan(guildId, ownerId)));
    expect([owner.status, owner.code]).toEqual([403, 50013]);
    await fixture.rest.delete(Routes.guildBan(guildId, userId));
    expect(fixture.discord.state.bannedUserIds(guildId)).toEqual([]);
  });

  it("answers a wrong method with 405", async () => {
    const response = await fetch(`${fixture.discord.apiBase}/v10/guilds/${guildId}/bulk-ban`, {
      headers: { authorization: `Bot ${botToken}` },
    });
    expect(response.status).toBe(405);
    expect(fixture.discord.calls.at(-1)).toMatchObject({
      route: "/guilds/:id/bulk-ban",
      status: 405,
    });
  });
});

describe("fake discord: interaction webhooks", () => {
  it("edits @original, sends follow-ups and records the decoded path", async () => {
    const token = fixture.discord.issueInteractionToken({ channelId });
    fixture.discord.acknowledge(token, { type: 5 });
    const edited = await fixture.rest.patch(
      Routes.webhookMessage(applicationId, token, "@original"),
      {
        body: { content: "done" },
        auth: false,
      },
    );
    expect(edited).toMatchObject({ content: "done", channel_id: channelId, flags: 0 });
    const call = await fixture.discord.waitFor(
      (c) => c.route === "/webhooks/:app/:token/messages/@original",
    );
    expect(call).toMatchObject({ method: "PATCH", body: { content: "done" }, status: 200 });

    const followUp = (await fixture.rest.post(Routes.webhook(applicationId, token), {
      body: { content: "more", flags: 64 },
      auth: false,
    })) as { id: string };
    expect(fixture.discord.state.interactionMessages(token)).toMatchObject({
      original: { content: "done" },
      followups: [{ id: followUp.id, content: "more", flags: 64 }],
    });
  });

  it("accepts multipart follow-ups and interaction callbacks", async () => {
    const token = fixture.discord.issueInteractionToken({ channelId });
    await fixture.rest.post(Routes.interactionCallback(snowflake(), token), {
      body: { type: 4, data: { content: "hello" } },
      auth: false,
    });
    expect(fixture.discord.state.interactionMessages(token).original).toMatchObject({
      content: "hello",
    });
    const again = await rejection(
      fixture.rest.post(Routes.interactionCallback(snowflake(), token), {
        body: { type: 4, data: { content: "x" } },
        auth: false,
      }),
    );
    expect([again.status, again.code]).toEqual([400, 40060]);

    await fixture.rest.post(Routes.webhook(applicationId, token), {
      body: { content: "with a file" },
      files: [{ name: "report.txt", data: Buffer.from("ok") }],
      auth: false,
    });
    const call = fixture.discord.calls.at(-1);
    expect(call?.body).toMatchObject({ content: "with a file" });
    expect(call?.files).toEqual([
      { field: "files[0]", name: "report.txt", contentType: expect.any(String), size: 2 },
    ]);
  });

  it("answers unknown tokens with 10015 and expired ones with 50027", async () => {
    const unknownToken = await rejection(
      fixture.rest.patch(Routes.webhookMessage(applicationId, "not-issued", "@original"), {
        body: {},
        auth: false,
      }),
    );
    expect([unknownToken.status, unknownToken.code]).toEqual([404, 10015]);

    const token = fixture.discord.issueInteractionToken();
    fixture.discord.advanceTime(15 * 60 * 1000 + 1);
    const expired = await rejection(
      fixture.rest.post(Routes.webhook(applicationId, token), {
        body: { content: "late" },
        auth: false,
      }),
    );
    expect([expired.status, expired.code, expired.message]).toEqual([
      401,
      50027,
      "Invalid Webhook Token",
    ]);
  });
});

describe("fake discord: 429 injection", () => {
  it("makes @discordjs/rest wait and retry a per-route limit", async () => {
    fixture.discord.rateLimitNext("/channels/:id", { retryAfterSeconds: 0.2 });
    const started = performance.now();
    expect(await fixture.rest.get(Routes.channel(channelId))).toMatchObject({ id: channelId });
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    expect(fixture.discord.callsTo("/channels/:id").map((call) => call.status)).toEqual([429, 200]);
    expect(fixture.discord.callsTo("/channels/:id")[0]?.response).toEqual({
      message: "You are being rate limited.",
      retry_after: 0.2,
      global: false,
    });
  });

  it("makes @discordjs/rest wait and retry a global limit", async () => {
    fixture.discord.rateLimitNext("/guilds/:id/roles", {
      retryAfterSeconds: 0.15,
      global: true,
      count: 2,
    });
    const started = performance.now();
    expect(await fixture.rest.get(Routes.guildRoles(guildId))).toHaveLength(2);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(fixture.discord.callsTo("/guilds/:id/roles").map((call) => call.status)).toEqual([
      429, 429, 200,
    ]);
  });
});
