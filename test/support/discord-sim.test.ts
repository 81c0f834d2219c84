import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REST } from "@discordjs/rest";
import { Routes } from "discord-api-types/v10";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  applySeeds,
  PLAYGROUND,
  PLAYGROUND_SEEDS,
  restoreSnapshot,
  SimState,
  toSnapshot,
} from "../../src/dev/discord-sim/index.ts";
import { PlaygroundStore, SIM_FILE } from "../../src/dev/playground/store.ts";
import { createLogger } from "../../src/platform/logger.ts";
import { type FakeDiscord, startFakeDiscord } from "./fake-discord.ts";
import { rejection } from "./fake-discord-fixture.ts";

const botToken = "discord-sim-areas-token";
const { guildId, roles, channels, userId, ownerId } = PLAYGROUND;
const BEN = "200000000000000011";
const MILO = "200000000000000012";
let discord: FakeDiscord;
let rest: REST;

beforeAll(async () => {
  discord = await startFakeDiscord({ botToken, applicationId: PLAYGROUND.applicationId });
  rest = new REST({ api: discord.apiBase, version: "10", retries: 0 }).setToken(botToken);
});
afterAll(() => discord.close());
beforeEach(() => {
  discord.reset();
  applySeeds(discord.state, new Set());
});

describe("simulated guild: voice states", () => {
  it("says where a member sits, and 10065 for one who is not in voice", async () => {
    expect(await rest.get(Routes.guildVoiceState(guildId, userId))).toMatchObject({
      channel_id: channels.lounge,
      user_id: userId,
      member: { user: { username: "playground" } },
    });
    const absent = await rejection(rest.get(Routes.guildVoiceState(guildId, BEN)));
    expect([absent.status, absent.code]).toEqual([404, 10065]);
  });

  it("answers 50001 for a voice channel Chopsticks cannot see", async () => {
    discord.state.addChannel(guildId, {
      id: "400000000000000099",
      type: 2,
      name: "Secret",
      permission_overwrites: [{ id: guildId, type: 0, allow: "0", deny: String(1n << 10n) }],
    });
    discord.state.setVoiceState(guildId, BEN, "400000000000000099");
    const hidden = await rejection(rest.get(Routes.guildVoiceState(guildId, BEN)));
    expect([hidden.status, hidden.code]).toEqual([403, 50001]);
  });
});

describe("simulated guild: member roles follow the hierarchy", () => {
  const rolesOf = (id: string) => discord.state.guilds.get(guildId)?.members.get(id);

  it("grants and removes a role below Chopsticks' highest role", async () => {
    await rest.put(Routes.guildMemberRole(guildId, BEN, roles.moderators));
    expect(rolesOf(BEN)).toContain(roles.moderators);
    await rest.delete(Routes.guildMemberRole(guildId, BEN, roles.moderators));
    expect(rolesOf(BEN)).not.toContain(roles.moderators);
  });

  it("refuses a role above Chopsticks, a managed role and an unknown one, changing nothing", async () => {
    const before = [...(rolesOf(BEN) ?? [])];
    for (const role of [roles.admin, roles.chopsticks]) {
      const refused = await rejection(rest.put(Routes.guildMemberRole(guildId, BEN, role)));
      expect([refused.status, refused.code]).toEqual([403, 50013]);
    }
    const unknown = await rejection(
      rest.put(Routes.guildMemberRole(guildId, BEN, "500000000000000099")),
    );
    expect([unknown.status, unknown.code]).toEqual([404, 10011]);
    expect(rolesOf(BEN)).toEqual(before);
  });
});

describe("simulated guild: channel messages need the permissions Discord asks for", () => {
  it("posts and edits in #general, and refuses where Chopsticks may not send or see", async () => {
    const posted = (await rest.post(Routes.channelMessages(channels.general), {
      body: { content: "Now playing: nothing yet" },
    })) as { id: string };
    const edited = await rest.patch(Routes.channelMessage(channels.general, posted.id), {
      body: { content: "Now playing: a song" },
    });
    expect(edited).toMatchObject({ id: posted.id, content: "Now playing: a song" });
    expect((edited as { edited_timestamp: unknown }).edited_timestamp).not.toBeNull();

    // #announcements: @everyone may not send and Chopsticks has no allow of its own.
    const muted = await rejection(
      rest.post(Routes.channelMessages(channels.announcements), { body: { content: "hi" } }),
    );
    expect([muted.status, muted.code]).toEqual([403, 50013]);
    const hidden = await rejection(
      rest.post(Routes.channelMessages(channels.staff), { body: { content: "hi" } }),
    );
    expect([hidden.status, hidden.code]).toEqual([403, 50001]);
    expect(discord.state.channelMessages(channels.announcements)).toEqual([]);
    const gone = await rejection(
      rest.patch(Routes.channelMessage(channels.general, "1"), { body: { content: "x" } }),
    );
    expect([gone.status, gone.code]).toEqual([404, 10008]);
  });
});

describe("simulated guild: bans", () => {
  it("bans below Chopsticks only, and a ban removes the member", async () => {
    const result = await rest.post(Routes.guildBulkBan(guildId), {
      body: { user_ids: [BEN, userId, ownerId] },
    });
    expect(result).toEqual({ banned_users: [BEN, userId], failed_users: [ownerId] });
    const member = await rejection(rest.get(Routes.guildMember(guildId, BEN)));
    expect(member.code).toBe(10007);
    const voice = await rejection(rest.get(Routes.guildVoiceState(guildId, userId)));
    expect(voice.code).toBe(10065);
  });
});

describe("simulated Discord: rate limits", () => {
  it("answers 429 to a client that ignores an exhausted window, and never to one that waits", async () => {
    const strict = await startFakeDiscord({ botToken, applicationId: "1", rateLimitPerSecond: 2 });
    try {
      const get = () =>
        fetch(`${strict.apiBase}/v10/users/@me`, { headers: { authorization: `Bot ${botToken}` } });
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await get()).status);
      expect(statuses).toEqual([200, 200, 429]);
      const limited = strict.calls.at(-1);
      expect(limited?.response).toMatchObject({ global: false });

      strict.clearCalls();
      const polite = new REST({ api: strict.apiBase, version: "10" }).setToken(botToken);
      // Another bucket, whose window the loop above did not use up.
      for (let i = 0; i < 3; i++) await polite.get(Routes.gatewayBot());
      expect(strict.calls.map((call) => call.status)).toEqual([200, 200, 200]);
    } finally {
      await strict.close();
    }
  });
});

describe("playground persistence", () => {
  const log = createLogger({ level: "error", write: () => undefined });

  it("round-trips the state through a snapshot", () => {
    const state = new SimState();
    applySeeds(state, new Set());
    state.guildBans(guildId).set(MILO, { reason: "test" });
    state.feature("economy", () => ({ shop: ["role"] }));
    const copy = new SimState();
    restoreSnapshot(copy, JSON.parse(JSON.stringify(toSnapshot(state, ["guild", "voice"]))));
    expect(toSnapshot(copy, ["guild", "voice"])).toEqual(toSnapshot(state, ["guild", "voice"]));
  });

  it("applies a seed added later to an existing playground, once", () => {
    const state = new SimState();
    expect(applySeeds(state, new Set(), PLAYGROUND_SEEDS.slice(0, 1))).toEqual(["guild"]);
    expect(state.channels.has(channels.lounge)).toBe(false);
    expect(applySeeds(state, new Set(["guild"]))).toEqual(["voice"]);
    expect(state.voiceState(guildId, userId)?.channelId).toBe(channels.lounge);
  });

  it("keeps changes across restarts and reseeds a damaged file", () => {
    const dataDir = mkdtempSync(join(tmpdir(), "chopsticks-sim-"));
    try {
      const first = new SimState();
      new PlaygroundStore(dataDir, first, log).open();
      first.guildBans(guildId).set(MILO, { reason: "kept" });
      new PlaygroundStore(dataDir, first, log).save();

      const second = new SimState();
      new PlaygroundStore(dataDir, second, log).open();
      expect(second.guildBans(guildId).get(MILO)).toEqual({ reason: "kept" });

      writeFileSync(join(dataDir, SIM_FILE), "{ not json");
      const third = new SimState();
      new PlaygroundStore(dataDir, third, log).open();
      expect(third.guildBans(guildId).has(MILO)).toBe(false);
      expect(JSON.parse(readFileSync(join(dataDir, SIM_FILE), "utf8")).seeds).toEqual([
        "guild",
        "voice",
      ]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
