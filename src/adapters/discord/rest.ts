import { REST, RESTEvents } from "@discordjs/rest";
import type { DiscordApi } from "../../ports/index.ts";
import { AttachmentsApi } from "./attachments.ts";
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
  /** Longest wait for an attached file, body included. */
  attachmentTimeoutMs?: number;
}

/**
 * Attachments are read before the interaction is answered (a refusal must stay private), so
 * the download has to fit well inside Discord's 3 s with the other checks.
 */
const ATTACHMENT_TIMEOUT_MS = 2_000;

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
  // The client holds a call whenever a bucket's headers say it is spent, or on a 429.
  let held = 0;
  rest.on(RESTEvents.RateLimited, () => {
    held++;
  });
  return {
    pressure: { held: () => held },
    interactions: new InteractionWebhooksApi(rest, options.applicationId, call),
    guilds: new GuildsApi(rest, call),
    channels: new ChannelsApi(rest, call),
    attachments: new AttachmentsApi(options.attachmentTimeoutMs ?? ATTACHMENT_TIMEOUT_MS),
  };
}
