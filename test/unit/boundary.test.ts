import type { APIInteraction } from "discord-api-types/v10";
import { describe, expect, it } from "vitest";
import { toFailure } from "../../src/interactions/boundary.ts";
import { DatabaseUnavailableError, UserError } from "../../src/interactions/errors.ts";
import { createLogger } from "../../src/platform/logger.ts";
import { DiscordRequestError, MissingBotTokenError } from "../../src/ports/index.ts";

const interaction = {
  id: "1234567890123456789",
  guild_id: "2234567890123456789",
} as APIInteraction;

describe("the error boundary", () => {
  it.each([
    [new UserError("Pick a channel."), /Pick a channel\./, "user_error", 0],
    [new DatabaseUnavailableError("down"), /^Database error .*nothing was changed/, "error", 1],
    [new MissingBotTokenError(), /^Not connected to Discord .*no bot token/, "error", 1],
    [
      new DiscordRequestError(
        403,
        50013,
        "PUT",
        "/channels/1/permissions/2",
        "Missing Permissions",
      ),
      /Discord answered 403/,
      "error",
      1,
    ],
    [
      new TypeError("x is undefined"),
      /Something went wrong \(ref `1234567890123456789`\)/,
      "error",
      1,
    ],
  ] as const)("%s → %s", (error, shown, outcome, logged) => {
    const lines: string[] = [];
    const failure = toFailure(
      error,
      interaction,
      "probe",
      createLogger({ write: (l) => lines.push(l) }),
    );
    const embed = failure.body.embeds?.[0];
    expect(`${embed?.title} ${embed?.description}`).toMatch(shown);
    expect(failure.body.flags).toBe(64);
    expect(failure.outcome).toBe(outcome);
    expect(lines).toHaveLength(logged);
  });
});
