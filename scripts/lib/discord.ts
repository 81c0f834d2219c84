import { DiscordAPIError, HTTPError, RateLimitError, REST } from "@discordjs/rest";
import {
  type APIApplicationCommand,
  type RESTPostAPIApplicationCommandsJSONBody,
  Routes,
} from "discord-api-types/v10";
import { DiscordRequestError } from "../../src/adapters/discord/errors.ts";
import type { DiscordSettings } from "./env.ts";

/** Where a command set is registered: globally, or in one guild. */
export type CommandScope = { readonly guildId: string | null };

/** The two calls the command scripts make. */
export interface CommandsApi {
  /** The commands Discord has registered in `scope`, localizations included. */
  list(scope: CommandScope): Promise<APIApplicationCommand[]>;
  /** Replaces every command in `scope` with `commands` (bulk overwrite); returns Discord's copy. */
  overwrite(
    scope: CommandScope,
    commands: readonly RESTPostAPIApplicationCommandsJSONBody[],
  ): Promise<APIApplicationCommand[]>;
}

/** Errors the scripts report in one line (network failures included) rather than as a crash. */
export function isDiscordFailure(error: unknown): error is DiscordRequestError {
  return error instanceof DiscordRequestError;
}

/** A @discordjs/rest client for one script run: bounded timeout and retries, no sweeps. */
export function createScriptRest(settings: { apiBase: string; token: string }): REST {
  return new REST({
    api: settings.apiBase,
    version: "10",
    timeout: 10_000,
    retries: 2,
    // The client lives for one run; no timers should outlast it.
    handlerSweepInterval: 0,
    hashSweepInterval: 0,
  }).setToken(settings.token);
}

/** The bot's Discord client (@discordjs/rest) with the application-commands routes. */
export function createCommandsApi(settings: DiscordSettings): CommandsApi {
  const rest = createScriptRest(settings);
  const route = ({ guildId }: CommandScope) =>
    guildId === null
      ? Routes.applicationCommands(settings.applicationId)
      : Routes.applicationGuildCommands(settings.applicationId, guildId);
  return {
    list: (scope) =>
      describeFailures("GET", route(scope), () =>
        rest.get(route(scope), {
          // Without it Discord returns only the caller's locale, never the full maps we send.
          query: new URLSearchParams({ with_localizations: "true" }),
        }),
      ) as Promise<APIApplicationCommand[]>,
    overwrite: (scope, commands) =>
      describeFailures("PUT", route(scope), () =>
        rest.put(route(scope), { body: commands }),
      ) as Promise<APIApplicationCommand[]>,
  };
}

const HINTS: Record<number, string> = {
  0: "is DISCORD_API_BASE right and Discord reachable?",
  401: "is DISCORD_TOKEN the bot token of this application?",
  403: "is the application installed in that guild with the applications.commands scope?",
  404: "is DISCORD_APPLICATION_ID right (and the guild id, for guild commands)?",
};

/** Runs a call, turning any failure into a {@link DiscordRequestError} with a hint. */
export async function describeFailures<T>(method: string, route: string, call: () => Promise<T>) {
  try {
    return await call();
  } catch (error) {
    const failure = asRequestError(method, route, error);
    const hint = HINTS[failure.status];
    if (hint) failure.message = `${failure.message} (${hint})`;
    throw failure;
  }
}

function asRequestError(method: string, route: string, error: unknown): DiscordRequestError {
  if (error instanceof DiscordAPIError) {
    const code = typeof error.code === "number" ? error.code : null;
    return new DiscordRequestError(error.status, code, method, route, error.message);
  }
  if (error instanceof HTTPError) {
    return new DiscordRequestError(error.status, null, method, route, error.message);
  }
  if (error instanceof RateLimitError) {
    return new DiscordRequestError(
      429,
      null,
      method,
      route,
      `rate limited for ${error.retryAfter} ms`,
    );
  }
  if (error instanceof Error) {
    const reason = error.name === "AbortError" ? "timed out" : networkReason(error);
    return new DiscordRequestError(0, null, method, route, reason);
  }
  return new DiscordRequestError(0, null, method, route, String(error));
}

/** undici hides the useful part (`ECONNREFUSED 127.0.0.1:1`) in `cause`. */
function networkReason(error: Error): string {
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return `${error.message}${cause}`;
}
