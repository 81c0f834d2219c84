import { describe, expect, it } from "vitest";
import {
  autocomplete,
  componentPress,
  DEFAULT_IDS,
  messageCommand,
  modalSubmit,
  ping,
  slashCommand,
  userCommand,
} from "./interactions.ts";
import { snowflake, snowflakeTime } from "./snowflake.ts";

describe("snowflake", () => {
  it("is unique, 17-20 digits and encodes its time", () => {
    const ids = Array.from({ length: 10_000 }, () => snowflake());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids.slice(0, 100)) expect(id).toMatch(/^\d{17,20}$/);
    const at = Date.UTC(2025, 0, 1);
    expect(snowflakeTime(snowflake(at))).toBe(at);
  });
});

describe("interaction builders", () => {
  it("builds a guild slash command with every field Discord sends", () => {
    const interaction = slashCommand("ban", {
      options: {
        user: { type: 6, value: "123456789012345678" },
        reason: "spam",
        days: 7,
        hard: true,
      },
      memberPermissions: 4n,
      token: "issued-token",
      roles: ["42"],
    });
    expect(interaction).toMatchObject({
      type: 2,
      version: 1,
      token: "issued-token",
      application_id: DEFAULT_IDS.applicationId,
      guild_id: DEFAULT_IDS.guildId,
      guild: { id: DEFAULT_IDS.guildId, locale: "en-US", features: [] },
      channel_id: DEFAULT_IDS.channelId,
      channel: { id: DEFAULT_IDS.channelId, type: 0 },
      member: { roles: ["42"], permissions: "4", user: { id: DEFAULT_IDS.userId } },
      locale: "en-US",
      guild_locale: "en-US",
      entitlements: [],
      authorizing_integration_owners: { 0: DEFAULT_IDS.guildId },
      context: 0,
      attachment_size_limit: 10485760,
      data: {
        name: "ban",
        type: 1,
        options: [
          { name: "user", type: 6, value: "123456789012345678" },
          { name: "reason", type: 3, value: "spam" },
          { name: "days", type: 4, value: 7 },
          { name: "hard", type: 5, value: true },
        ],
      },
    });
    expect(interaction.id).toMatch(/^\d{17,20}$/);
    expect(interaction).not.toHaveProperty("user");
  });

  it("builds a DM command with `user` instead of `member`", () => {
    const interaction = slashCommand("help", { guildId: null });
    expect(interaction).toMatchObject({
      user: { id: DEFAULT_IDS.userId },
      context: 1,
      channel: { type: 1 },
    });
    expect(interaction).not.toHaveProperty("member");
    expect(interaction).not.toHaveProperty("guild_id");
  });

  it("nests subcommands and groups, and marks the focused autocomplete option", () => {
    const grouped = slashCommand("config", {
      group: "music",
      subcommand: "volume",
      options: { level: 0.5 },
    });
    expect(grouped.data.options).toEqual([
      {
        type: 2,
        name: "music",
        options: [{ type: 1, name: "volume", options: [{ name: "level", type: 10, value: 0.5 }] }],
      },
    ]);
    const typing = autocomplete(
      "play",
      { name: "query", value: "never go" },
      { subcommand: "song" },
    );
    expect(typing).toMatchObject({
      type: 4,
      data: {
        options: [
          { type: 1, name: "song", options: [{ name: "query", value: "never go", focused: true }] },
        ],
      },
    });
  });

  it("builds component presses, selects and modal submissions", () => {
    expect(componentPress("queue:next")).toMatchObject({
      type: 3,
      data: { custom_id: "queue:next", component_type: 2 },
      message: {
        author: { bot: true, id: DEFAULT_IDS.applicationId },
        channel_id: DEFAULT_IDS.channelId,
      },
    });
    expect(componentPress("pick", { values: ["a"] }).data).toEqual({
      custom_id: "pick",
      component_type: 3,
      values: ["a"],
    });
    expect(modalSubmit("report", { reason: "spam" }).data.components).toEqual([
      { type: 1, id: 2, components: [{ type: 4, id: 1, custom_id: "reason", value: "spam" }] },
    ]);
    expect(modalSubmit("report", { kind: ["a"] }, { layout: "label" }).data.components).toEqual([
      { type: 18, id: 2, component: { type: 3, id: 1, custom_id: "kind", values: ["a"] } },
    ]);
  });

  it("builds context menu commands and pings", () => {
    const onUser = userCommand("Warn", { id: "111111111111111111", username: "troll" });
    expect(onUser.data).toMatchObject({
      type: 2,
      target_id: "111111111111111111",
      resolved: {
        users: { "111111111111111111": { username: "troll" } },
        members: { "111111111111111111": {} },
      },
    });
    const onMessage = messageCommand("Report", { content: "bad words" });
    const target = onMessage.data.resolved.messages[onMessage.data.target_id];
    expect(target).toMatchObject({ content: "bad words", type: 0 });
    expect(ping()).toMatchObject({ type: 1, version: 1 });
  });
});
