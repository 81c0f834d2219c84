import {
  type APIInteraction,
  type APIInteractionResponse,
  InteractionResponseType,
  InteractionType,
} from "discord-api-types/v10";
import type { Deps } from "../ports/index.ts";
import { execute } from "./execute.ts";
import type { CommandRegistry, Route } from "./registry.ts";
import { ephemeral, errorBody } from "./responses.ts";

/** A check that runs before the handler; it answers instead of the handler, or returns null. */
export type Guard = (
  interaction: APIInteraction & { token: string },
  route: Route,
  deps: Deps,
) => Promise<APIInteractionResponse | null> | APIInteractionResponse | null;

/** Commands are guild-only unless their module says otherwise. */
export const guildOnly: Guard = (interaction, route) => {
  if (interaction.guild_id || route.module.worksInDMs) return null;
  return refusal(interaction, "Server only", "This command only works inside a server.");
};

/** An answer that is not the handler's: an ephemeral embed, or no choices for autocomplete. */
export function refusal(
  interaction: APIInteraction,
  title: string,
  text: string,
): APIInteractionResponse {
  if (interaction.type === InteractionType.ApplicationCommandAutocomplete) {
    return {
      type: InteractionResponseType.ApplicationCommandAutocompleteResult,
      data: { choices: [] },
    };
  }
  return ephemeral(errorBody(title, text));
}

/**
 * Routes a verified interaction, runs the guards in order, then the handler under the
 * watchdog. Always produces a response; never throws for anything the user sent.
 */
export async function handleInteraction(
  interaction: APIInteraction & { token: string },
  deps: Deps,
  registry: CommandRegistry,
  guards: readonly Guard[],
  watchdogMs?: number,
): Promise<APIInteractionResponse> {
  const route = registry.route(interaction);
  if (!("module" in route)) {
    deps.metrics.observeCommand("unknown", "user_error", 0);
    return refusal(interaction, "Unknown interaction", route.reason);
  }
  for (const guard of guards) {
    const answer = await guard(interaction, route, deps);
    if (answer) return answer;
  }
  return execute(interaction, route, deps, watchdogMs);
}
