import type { RESTPostAPIApplicationCommandsJSONBody } from "discord-api-types/v10";
import { describe, expect, it } from "vitest";
import { commands } from "../../src/commands/index.ts";
import { validateCommands } from "../../src/dev/discord-sim/command-limits.ts";
import { COMMAND_LIMITS, commandSize } from "../../src/domain/command-size.ts";

/** "Near" a limit: past 90 % of it. A command this close needs splitting before it grows. */
const NEAR = 0.9;
const definitions = commands.flatMap((module) => module.definitions);
const chatInput = definitions.filter((d) => (d.type ?? 1) === 1);

describe("every command stays clear of Discord's size limits", () => {
  it.each(chatInput.map((d) => [d.name, d] as const))(
    "/%s: characters and options per level under 90 % of Discord's limits",
    (_, definition) => {
      const size = commandSize(definition);
      expect(size.characters).toBeLessThan(COMMAND_LIMITS.characters * NEAR);
      expect(size.widestLevel).toBeLessThan(COMMAND_LIMITS.options * NEAR);
    },
  );

  it("the whole registry passes the simulated Discord's registration checks", () => {
    expect(() => validateCommands(JSON.parse(JSON.stringify(definitions)))).not.toThrow();
  });
});

describe("how a command is measured", () => {
  const command = (extra: Partial<RESTPostAPIApplicationCommandsJSONBody> = {}) =>
    ({
      name: "big",
      description: "d".repeat(100),
      options: [],
      ...extra,
    }) as RESTPostAPIApplicationCommandsJSONBody;

  it("counts names, descriptions and choice names and values at every depth", () => {
    const size = commandSize(
      command({
        options: [
          {
            type: 1,
            name: "sub",
            description: "ab",
            options: [
              {
                type: 3,
                name: "opt",
                description: "xyz",
                choices: [{ name: "one", value: "1" }],
              },
            ],
          },
        ],
      }),
    );
    expect(size.characters).toBe(3 + 100 + 3 + 2 + 3 + 3 + 3 + 1);
    expect(size.widestLevel).toBe(1);
  });

  it("counts the longest localization of a field", () => {
    expect(commandSize(command({ name_localizations: { de: "größerer-name" } })).characters).toBe(
      13 + 100,
    );
  });

  it("the simulated Discord refuses a command over 8000 characters, as Discord does", () => {
    const subcommands = Array.from({ length: 25 }, (_, i) => ({
      type: 1 as const,
      name: `sub${i}`,
      description: "x".repeat(100),
      options: Array.from({ length: 3 }, (_, j) => ({
        type: 3 as const,
        name: `o${j}`,
        description: "y".repeat(100),
      })),
    }));
    const huge = command({ options: subcommands });
    expect(commandSize(huge).characters).toBeGreaterThan(8000);
    expect(() => validateCommands([huge])).toThrow(
      /APPLICATION_COMMAND_TOO_LARGE|Invalid Form Body/,
    );
  });
});
