import { DiscordAPIError, REST } from "@discordjs/rest";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { type FakeDiscord, startFakeDiscord } from "./fake-discord.ts";
import { snowflake } from "./snowflake.ts";

/** The fixture the fake Discord's own tests share: one seeded guild and a real REST client. */
export interface FakeDiscordFixture {
  readonly botToken: string;
  readonly applicationId: string;
  readonly guildId: string;
  readonly ownerId: string;
  readonly channelId: string;
  readonly roleId: string;
  readonly discord: FakeDiscord;
  readonly rest: REST;
}

/** Starts a fake Discord for the file and reseeds it before every test. */
export function useFakeDiscordFixture(): FakeDiscordFixture {
  const ids = {
    botToken: "fake-bot-token",
    applicationId: snowflake(),
    guildId: snowflake(),
    ownerId: snowflake(),
    channelId: snowflake(),
    roleId: snowflake(),
  };
  let discord: FakeDiscord | undefined;
  let rest: REST | undefined;
  beforeAll(async () => {
    discord = await startFakeDiscord({ botToken: ids.botToken, applicationId: ids.applicationId });
    rest = new REST({ api: discord.apiBase, version: "10", timeout: 5000 }).setToken(ids.botToken);
  });
  afterAll(() => discord?.close());
  beforeEach(() => {
    discord?.reset();
    discord?.addGuild({
      id: ids.guildId,
      ownerId: ids.ownerId,
      roles: [{ id: ids.roleId, name: "mods", permissions: "8" }],
      channels: [{ id: ids.channelId, type: 0, name: "general", permission_overwrites: [] }],
      members: { [ids.ownerId]: [ids.roleId] },
    });
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("the fake Discord is not started yet");
    return value;
  };
  return {
    ...ids,
    get discord() {
      return started(discord);
    },
    get rest() {
      return started(rest);
    },
  };
}

/** Awaits a call expected to fail with a Discord API error, and returns the error. */
export async function rejection(promise: Promise<unknown>): Promise<DiscordAPIError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof DiscordAPIError)) {
    throw new Error(`expected a DiscordAPIError, got ${String(error)}`);
  }
  return error;
}
