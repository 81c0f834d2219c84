import { REST } from "@discordjs/rest";
import type { DiscordApi } from "../../ports/index.ts";
import { ChannelsApi } from "./channels.ts";
import { mapDiscordErrors } from "./errors.ts";
import { GuildsApi } from "./guilds.ts";
import { InteractionWebhooksApi } from "./interaction-webhooks.ts";

/** Options for {@link createDiscordApi}. */
export interface DiscordApiOptions {
  apiBase: string;
  applicationId: string;
  token?: string;
  /** Per-request timeout; Discord calls run after the response, inside `waitUntil`. */
  timeoutMs?: number;
  /** Longest 429 wait honoured before giving up on a call. */
  maxRateLimitWaitMs?: number;
}

/**
 * Discord REST over @discordjs/rest: per-route rate-limit queues that honour `Retry-After`,
 * bounded retries, a timeout on every call, and errors mapped to {@link DiscordRequestError}.
 * Sweep timers are off so the client can be created per request on Workers.
 */
export function createDiscordApi(options: DiscordApiOptions): DiscordApi {
  const maxWait = options.maxRateLimitWaitMs ?? 10_000;
  const rest = new REST({
    api: options.apiBase,
    version: "10",
    timeout: options.timeoutMs ?? 5_000,
    retries: 2,
    handlerSweepInterval: 0,
    hashSweepInterval: 0,
    rejectOnRateLimit: (limit) => limit.retryAfter > maxWait,
  });
  if (options.token) rest.setToken(options.token);
  const call = <T>(request: () => Promise<T>) => mapDiscordErrors(request);
  return {
    interactions: new InteractionWebhooksApi(rest, options.applicationId, call),
    guilds: new GuildsApi(rest, call),
    channels: new ChannelsApi(rest, call),
  };
}
