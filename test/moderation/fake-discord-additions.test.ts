import { DiscordAPIError, REST } from "@discordjs/rest";
import { Routes } from "discord-api-types/v10";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeDiscord, startFakeDiscord } from "../support/fake-discord.ts";
import { snowflake } from "../support/snowflake.ts";

const botToken = "fake-bot-token-moderation";
let discord: FakeDiscord;
let rest: REST;
const guildId = snowflake();
const channelId = snowflake();

beforeAll(async () => {
  discord = await startFakeDiscord({ botToken, applicationId: snowflake() });
  rest = new REST({ api: discord.apiBase, version: "10", retries: 0 }).setToken(botToken);
  discord.addGuild({
    id: guildId,
    ownerId: snowflake(),
    channels: [{ id: channelId, type: 0, permission_overwrites: [] }],
  });
});
afterAll(() => discord.close());

async function rejection(promise: Promise<unknown>): Promise<DiscordAPIError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof DiscordAPIError)) throw new Error(`expected a DiscordAPIError`);
  return error;
}

describe("fake discord: what moderation needs", () => {
  it("deletes a bot message, and answers Unknown Message for one that is gone", async () => {
    const message = (await rest.post(Routes.channelMessages(channelId), {
      body: { content: "🔒" },
    })) as { id: string };
    await rest.delete(Routes.channelMessage(channelId, message.id));
    expect(discord.state.channelMessages(channelId)).toEqual([]);
    const gone = await rejection(rest.delete(Routes.channelMessage(channelId, message.id)));
    expect([gone.status, gone.code]).toEqual([404, 10008]);
  });

  it("fails the next matching calls with an injected error and changes nothing", async () => {
    const other = snowflake();
    discord.failNext("/channels/:id/permissions/:overwrite", {
      method: "PUT",
      status: 403,
      code: 50013,
      message: "Missing Permissions",
      params: { id: channelId },
    });
    const body = { type: 0, allow: "0", deny: "2048" };
    const refused = await rejection(
      rest.put(Routes.channelPermission(channelId, guildId), { body }),
    );
    expect([refused.status, refused.code, refused.message]).toEqual([
      403,
      50013,
      "Missing Permissions",
    ]);
    expect(discord.state.overwrites(channelId)).toEqual([]);
    // Only the matching params and only once.
    await expect(rest.get(Routes.channel(other))).rejects.toMatchObject({ code: 10003 });
    await rest.put(Routes.channelPermission(channelId, guildId), { body });
    expect(discord.state.overwrites(channelId)).toEqual([{ id: guildId, ...body }]);
  });
});
