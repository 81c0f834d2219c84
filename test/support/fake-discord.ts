import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { APIInteractionResponse } from "discord-api-types/v10";
import {
  type AttachmentJson,
  acknowledge,
  addAttachment,
  createSimulator,
  type RecordedCall,
  type SeedGuild,
  SIM_ROUTES,
  type SimIdentity,
  SimState,
} from "../../src/dev/discord-sim/index.ts";
import { EventLog, type WaitForOptions } from "./event-log.ts";
import { type FailureOptions, Failures } from "./fake-discord/failures.ts";
import { Injected429s, type RateLimitOptions } from "./fake-discord/injected-429s.ts";
import { nodeListener } from "./fake-discord/node-adapter.ts";
import { snowflake } from "./snowflake.ts";
import { LOOPBACK, startTracked } from "./tracked-server.ts";

export {
  type BanRecord,
  BULK_BAN_FAILED_STATUS,
  INTERACTION_TOKEN_TTL_MS,
  type JsonObject,
  type RecordedCall,
  type SeedChannel,
  type SeedGuild,
  type SeedOverwrite,
  type SeedRole,
  type StoredOverwrite,
} from "../../src/dev/discord-sim/index.ts";
/** The simulator's state, under the name the tests know it by. */
export type FakeDiscordState = SimState;
export type { FailureOptions } from "./fake-discord/failures.ts";
export type { RateLimitOptions } from "./fake-discord/injected-429s.ts";

/** Options of {@link startFakeDiscord}. */
export interface FakeDiscordOptions {
  botToken: string;
  applicationId: string;
  /** The bot user's id; default the application id (as for any modern bot). */
  botUserId?: string;
  botUsername?: string;
  /** `X-RateLimit-Limit` of buckets without a rule of their own, per 1 s window; default 50. */
  rateLimitPerSecond?: number;
  /** Discord's global limit for the bot token; default 50 requests per second. */
  globalPerSecond?: number;
  /** Delay before each API answer, as a network round trip to Discord adds (default none). */
  latencyMs?: number;
}

/** A running fake Discord REST API v10. */
export interface FakeDiscord {
  /** For `new REST({ api: apiBase, version: "10" })`: `http://127.0.0.1:<port>/api`. */
  readonly apiBase: string;
  readonly port: number;
  readonly botToken: string;
  readonly applicationId: string;
  readonly botUserId: string;
  /**
   * Every call received since the last `reset()`/`clearCalls()`, in arrival order. The live
   * array: `calls.length = 0` also clears it, though `clearCalls()` says so more plainly.
   */
  readonly calls: RecordedCall[];
  /** Seeded and accumulated state (guilds, channels, bans, overwrites, messages, commands). */
  readonly state: SimState;
  /** Resolves with the first call (already received, or future) matching `predicate`. */
  waitFor(
    predicate: (call: RecordedCall) => boolean,
    options?: WaitForOptions,
  ): Promise<RecordedCall>;
  /** Calls to a route pattern (e.g. `/guilds/:id/bulk-ban`), optionally of one method. */
  callsTo(route: string, method?: string): RecordedCall[];
  /** Seeds a guild with its roles, channels and members. */
  addGuild(seed: SeedGuild): void;
  /** Makes bans of this user in this guild fail (bulk-ban lists them in `failed_users`). */
  markUnbannable(guildId: string, userId: string): void;
  /** Stores a file as a user's upload; the object goes in `data.resolved.attachments`. */
  addAttachment(
    filename: string,
    content: string | Uint8Array,
    contentType?: string,
  ): AttachmentJson;
  /**
   * Discord's counts of what the bot did wrong: invalid requests (401, 403, non-shared 429) in
   * the current ten-minute window, and calls refused by the global limit, since `reset()`.
   */
  limits(): { invalidRequests: number; globalLimited: number; routeLimited: number };
  /** Issues an interaction token valid for 15 minutes of fake-clock time. */
  issueInteractionToken(options?: { channelId?: string }): string;
  /** Tells the fake how the app answered an interaction over HTTP (type 4/5/7 set @original). */
  acknowledge(token: string, response: APIInteractionResponse): void;
  /** Makes the next matching calls answer 429 as Discord does. */
  rateLimitNext(route: string, options: RateLimitOptions): void;
  /**
   * Makes the next matching calls fail with a Discord error (e.g. 403 Missing Permissions)
   * without changing any state, as a refused call does on Discord.
   */
  failNext(route: string, options: FailureOptions): void;
  /** Pins the fake clock (ms since 1970) used for token expiry; `null` follows real time. */
  setNow(ms: number | null): void;
  /** Moves the fake clock forward. */
  advanceTime(ms: number): void;
  now(): number;
  /** Forgets the recorded calls only (state stays). */
  clearCalls(): void;
  /** Forgets calls, state, tokens, pending 429s and failures, and the pinned clock. */
  reset(): void;
  close(): Promise<void>;
}

function describeCall(call: RecordedCall): string {
  return `${call.method} ${call.path} → ${call.status}`;
}

/** Starts the fake Discord REST API on 127.0.0.1 (ephemeral port). */
export async function startFakeDiscord(options: FakeDiscordOptions): Promise<FakeDiscord> {
  const identity: SimIdentity = {
    applicationId: options.applicationId,
    botUserId: options.botUserId ?? options.applicationId,
    botUsername: options.botUsername ?? "Chopsticks",
  };
  const state = new SimState();
  const limitPerSecond = options.rateLimitPerSecond ?? 50;
  const injected429s = new Injected429s(limitPerSecond);
  const failures = new Failures();
  const calls = new EventLog<RecordedCall>(describeCall);
  let pinnedNow: number | null = null;
  const now = () => pinnedNow ?? Date.now();

  const simulator = createSimulator({
    routes: SIM_ROUTES,
    state,
    identity,
    botToken: options.botToken,
    now,
    rateLimitPerSecond: limitPerSecond,
    globalPerSecond: options.globalPerSecond,
    hooks: {
      rateLimited: (method, route, bucketKey) => injected429s.take(method, route, bucketKey),
      failure: (method, route, params) => failures.take(method, route, params),
      record: (call) => calls.push(call),
    },
  });
  const latency = options.latencyMs ?? 0;
  const listener = nodeListener(async (request) => {
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
    return simulator.handle(request);
  });
  const server = createServer((request, response) => {
    listener(request, response).catch((error: unknown) => {
      console.error("[fake-discord] request failed:", error);
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  const tracked = await startTracked(server);

  return {
    apiBase: `http://${LOOPBACK}:${tracked.port}/api`,
    port: tracked.port,
    botToken: options.botToken,
    applicationId: identity.applicationId,
    botUserId: identity.botUserId,
    calls: calls.entries,
    state,
    waitFor: (predicate, waitOptions) =>
      calls.waitFor(predicate, { description: "a matching Discord call", ...waitOptions }),
    callsTo: (route, method) =>
      calls.entries.filter(
        (call) => call.route === route && (!method || call.method === method.toUpperCase()),
      ),
    addGuild: (seed) => state.addGuild(seed),
    markUnbannable: (guildId, userId) => state.markUnbannable(guildId, userId),
    addAttachment: (filename, content, contentType) =>
      addAttachment(state, `http://${LOOPBACK}:${tracked.port}`, {
        filename,
        content,
        contentType,
      }),
    limits: () => ({
      invalidRequests: simulator.invalidRequests.inWindow,
      globalLimited: simulator.globalLimit.limitedCalls,
      routeLimited: calls.entries.filter(
        (call) =>
          call.status === 429 &&
          (call.response as { global?: boolean } | undefined)?.global === false,
      ).length,
    }),
    issueInteractionToken: (tokenOptions = {}) => {
      const token = `aW50ZXJhY3Rpb246${randomBytes(64).toString("base64url")}`;
      state.issueInteraction(token, {
        now: now(),
        channelId: tokenOptions.channelId ?? snowflake(),
      });
      return token;
    },
    acknowledge: (token, response) => {
      const record = state.interactions.get(token);
      if (!record) throw new Error(`acknowledge: token was not issued by this fake Discord`);
      acknowledge(record, identity, response);
    },
    rateLimitNext: (route, rateLimitOptions) => injected429s.inject(route, rateLimitOptions),
    failNext: (route, failureOptions) => failures.inject(route, failureOptions),
    setNow: (ms) => {
      pinnedNow = ms;
    },
    advanceTime: (ms) => {
      pinnedNow = now() + ms;
    },
    now,
    clearCalls: () => calls.clear(),
    reset: () => {
      calls.clear();
      state.clear();
      simulator.rateLimits.clear();
      simulator.globalLimit.clear();
      simulator.invalidRequests.clear();
      injected429s.clear();
      failures.clear();
      pinnedNow = null;
    },
    close: () => tracked.stop(),
  };
}
