import { describe, expect, it } from "vitest";
import {
  type CommandJson,
  commandLabel,
  diffCommands,
  isInSync,
  normaliseCommand,
} from "../../src/domain/command-diff.ts";

type Command = CommandJson & Record<string, unknown>;

const ping: Command = {
  name: "ping",
  description: "Check that the bot is up",
  integration_types: [0],
  contexts: [0, 1],
};

/** How Discord echoes a registered command: server fields and every default filled in. */
function asDiscordReturns(command: Command, extra: Record<string, unknown> = {}): Command {
  return {
    id: "1100000000000000001",
    application_id: "1000000000000000001",
    version: "1100000000000000002",
    default_member_permissions: null,
    type: 1,
    name_localizations: null,
    description_localizations: null,
    dm_permission: true,
    contexts: null,
    integration_types: [0],
    nsfw: false,
    ...command,
    ...extra,
  };
}

describe("normaliseCommand", () => {
  it.each<[string, Command, Command]>([
    ["server fields and defaults", asDiscordReturns(ping), ping],
    ["type 1 is the default", { ...ping, type: 1 }, ping],
    ["set-like lists ignore order", { ...ping, contexts: [1, 0] }, ping],
    ["empty localizations equal none", { ...ping, name_localizations: {} }, ping],
    [
      "option defaults",
      { ...ping, options: [{ type: 3, name: "q", description: "d", required: false }] },
      { ...ping, options: [{ type: 3, name: "q", description: "d" }] },
    ],
    [
      "nested subcommand option defaults",
      {
        ...ping,
        options: [
          {
            type: 1,
            name: "s",
            description: "d",
            options: [{ type: 3, name: "q", description: "d", autocomplete: false }],
          },
        ],
      },
      {
        ...ping,
        options: [
          {
            type: 1,
            name: "s",
            description: "d",
            options: [{ type: 3, name: "q", description: "d" }],
          },
        ],
      },
    ],
    ["empty option list equals none", { ...ping, options: [] }, ping],
    [
      "localized echoes are dropped",
      { ...ping, name_localized: "ping", description_localized: "x" },
      ping,
    ],
    [
      "a user command's empty description",
      { name: "Report", type: 2, description: "" },
      { name: "Report", type: 2 },
    ],
    ["dm_permission is ignored when contexts decide", { ...ping, dm_permission: false }, ping],
  ])("treats %s as equal", (_, a, b) => {
    expect(normaliseCommand(a)).toEqual(normaliseCommand(b));
  });

  it.each<[string, Command, Command]>([
    ["a description", ping, { ...ping, description: "Other" }],
    ["default_member_permissions", ping, { ...ping, default_member_permissions: "8" }],
    ["nsfw", ping, { ...ping, nsfw: true }],
    [
      "dm_permission without contexts",
      { name: "a", description: "d" },
      { name: "a", description: "d", dm_permission: false },
    ],
    [
      "required",
      { ...ping, options: [{ type: 3, name: "q", description: "d" }] },
      { ...ping, options: [{ type: 3, name: "q", description: "d", required: true }] },
    ],
    [
      "option order",
      {
        ...ping,
        options: [
          { type: 3, name: "a", description: "d" },
          { type: 3, name: "b", description: "d" },
        ],
      },
      {
        ...ping,
        options: [
          { type: 3, name: "b", description: "d" },
          { type: 3, name: "a", description: "d" },
        ],
      },
    ],
    ["localizations", { ...ping, name_localizations: { fr: "pong" } }, ping],
    ["integration types beyond the default", { ...ping, integration_types: [0, 1] }, ping],
  ])("tells apart %s", (_, a, b) => {
    expect(normaliseCommand(a)).not.toEqual(normaliseCommand(b));
  });

  it("ignores dm_permission in guild scope, where Discord leaves it out", () => {
    const command = { name: "a", description: "d", dm_permission: false };
    const echoed = { name: "a", description: "d", guild_id: "1200000000000000001" };
    expect(normaliseCommand(command, { guild: true })).toEqual(
      normaliseCommand(echoed, { guild: true }),
    );
  });
});

describe("commandLabel", () => {
  it.each<[Command, string]>([
    [{ name: "ping" }, "ping"],
    [{ name: "ping", type: 1 }, "ping"],
    [{ name: "Report", type: 2 }, "Report (user)"],
    [{ name: "Quote", type: 3 }, "Quote (message)"],
  ])("labels %o as %s", (command, label) => {
    expect(commandLabel(command)).toBe(label);
  });
});

describe("diffCommands", () => {
  const help: Command = { name: "help", description: "List commands" };
  const report: Command = { name: "report", type: 2 };

  it.each<{ case: string; desired: Command[]; current: Command[]; expected: object }>([
    {
      case: "both empty",
      desired: [],
      current: [],
      expected: { added: [], removed: [], changed: [], unchanged: 0 },
    },
    {
      case: "an unchanged set as Discord echoes it, in another order",
      desired: [ping, help],
      current: [asDiscordReturns(help), asDiscordReturns(ping)],
      expected: { added: [], removed: [], changed: [], unchanged: 2 },
    },
    {
      case: "a first registration",
      desired: [ping, help],
      current: [],
      expected: { added: ["help", "ping"], removed: [], changed: [], unchanged: 0 },
    },
    {
      case: "a removed command",
      desired: [ping],
      current: [asDiscordReturns(ping), asDiscordReturns(help)],
      expected: { added: [], removed: ["help"], changed: [], unchanged: 1 },
    },
    {
      case: "a user command and a slash command of the same name are different commands",
      desired: [{ name: "report", description: "d" }],
      current: [asDiscordReturns(report, { description: "" })],
      expected: { added: ["report"], removed: ["report (user)"], changed: [], unchanged: 0 },
    },
    {
      case: "a changed description, with both values",
      desired: [{ ...ping, description: "New" }],
      current: [asDiscordReturns(ping)],
      expected: {
        added: [],
        removed: [],
        changed: [
          {
            label: "ping",
            changes: [{ path: "description", current: ping.description, desired: "New" }],
          },
        ],
        unchanged: 0,
      },
    },
    {
      case: "a changed option, by path",
      desired: [
        { ...help, options: [{ type: 3, name: "page", description: "d", required: true }] },
      ],
      current: [
        asDiscordReturns({ ...help, options: [{ type: 3, name: "page", description: "d" }] }),
      ],
      expected: {
        added: [],
        removed: [],
        changed: [
          {
            label: "help",
            changes: [{ path: "options[0].required", current: undefined, desired: true }],
          },
        ],
        unchanged: 0,
      },
    },
  ])("$case", ({ desired, current, expected }) => {
    expect(diffCommands(desired, current)).toEqual(expected);
  });

  it.each<[string, Command[], Command[], boolean]>([
    ["equal sets", [ping], [asDiscordReturns(ping)], true],
    ["an addition", [ping, help], [asDiscordReturns(ping)], false],
    ["a removal", [], [asDiscordReturns(ping)], false],
    ["a change", [{ ...ping, nsfw: true }], [asDiscordReturns(ping)], false],
  ])("isInSync: %s", (_, desired, current, inSync) => {
    expect(isInSync(diffCommands(desired, current))).toBe(inSync);
  });
});
