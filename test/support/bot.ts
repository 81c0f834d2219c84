import { mkdtempSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import type { APIInteraction, APIInteractionResponse } from "discord-api-types/v10";
import { inject } from "vitest";
import WebSocket from "ws";
import { createNeonDatabase } from "../../src/adapters/db/neon.ts";
import { parseConfig } from "../../src/config.ts";
import type { CommandModule } from "../../src/interactions/types.ts";
import { createLogger } from "../../src/platform/logger.ts";
import type { Clock } from "../../src/ports/index.ts";
import { createNodeApp, type NodeApp } from "../../src/runtime/node-app.ts";
import { type FakeDiscord, startFakeDiscord } from "./fake-discord.ts";
import { type NeonProxy, startNeonProxy } from "./neon-proxy.ts";
import { createSigner, type Signer } from "./signer.ts";
import { snowflake } from "./snowflake.ts";
import { startUpstashBridge, type UpstashBridge } from "./upstash-bridge.ts";

/** Options of {@link startBot}. */
export interface BotOptions {
  /** Put Upstash (the bridge in front of the real Redis) in front of the bot; default true. */
  redis?: boolean;
  ownerIds?: string[];
  managementGuildId?: string;
  clock?: Clock;
  /** Extra or overriding environment variables. */
  env?: Record<string, string>;
  /** Replaces the command list (to add test-only modules). */
  commands?: readonly CommandModule[];
  watchdogMs?: number;
  /** Run the scheduled work on a timer this often, as `npm start` does every minute. */
  scheduleEveryMs?: number;
  /** A database of its own instead of the run's shared one (migrated already). */
  databaseUrl?: string;
  /** Simulates a short-lived runtime: answers are cut after this long (Workers: 25 s). */
  aiCutAfterMs?: number;
}

/** The answer to one signed POST /interactions, and the token the interaction carried. */
export interface Answer {
  status: number;
  body: APIInteractionResponse & { error?: string };
  token: string;
}

/**
 * The bot under test, as production runs it on Node, wired to real services: Postgres through
 * Neon's WebSocket protocol (the Workers driver), Redis through the Upstash REST bridge, and
 * the fake Discord. Requests go over real HTTP with real signatures.
 */
export interface TestBot {
  readonly url: string;
  readonly discord: FakeDiscord;
  readonly bridge: UpstashBridge | null;
  readonly signer: Signer;
  /** The Neon WebSocket proxy in front of Postgres; closing it takes the database away. */
  readonly proxy: NeonProxy;
  readonly node: NodeApp;
  readonly applicationId: string;
  readonly adminSecret: string;
  readonly botToken: string;
  /** Every log line the bot wrote. */
  readonly logs: string[];
  /** Signs and posts an interaction, with a fresh token issued by the fake Discord. */
  interact(payload: APIInteraction | Record<string, unknown>): Promise<Answer>;
  /** Posts raw bytes with the given headers (for signature and body tests). */
  post(body: string | Uint8Array<ArrayBuffer>, headers: Record<string, string>): Promise<Response>;
  /** A fresh interaction token issued by the fake Discord. */
  token(): string;
  /**
   * Runs the scheduled work once at `now`, through the same one-at-a-time runner as the timer
   * and `POST /admin/scheduled`.
   */
  runScheduled(now: Date): Promise<Record<string, number | "failed">>;
  /** `POST /admin/scheduled` with the admin bearer (or `headers` in its place). */
  postScheduled(headers?: Record<string, string>): Promise<Response>;
  /** Resolves once all post-response work (deferred edits, metrics) has finished. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/** Starts a bot with its own fake Discord, bridge and key prefix, sharing the run's database. */
export async function startBot(options: BotOptions = {}): Promise<TestBot> {
  const applicationId = snowflake();
  const botToken = `test-bot-token.${snowflake()}.${crypto.randomUUID()}`;
  const adminSecret = `admin-${crypto.randomUUID()}`;
  const [discord, signer, proxy, bridge] = await Promise.all([
    startFakeDiscord({ botToken, applicationId }),
    createSigner(),
    startNeonProxy(),
    options.redis === false
      ? Promise.resolve(null)
      : startUpstashBridge({ redisUrl: inject("redisUrl") }),
  ]);
  const databaseUrl = options.databaseUrl ?? inject("databaseUrl");
  const wsProxy = `${proxy.host}:${proxy.port}/v1`;
  const config = parseConfig({
    DISCORD_PUBLIC_KEY: signer.publicKeyHex,
    DISCORD_APPLICATION_ID: applicationId,
    DISCORD_TOKEN: botToken,
    DISCORD_API_BASE: discord.apiBase,
    DATABASE_URL: databaseUrl,
    NEON_WS_PROXY: wsProxy,
    REDIS_KEY_PREFIX: `test:${crypto.randomUUID().slice(0, 8)}:`,
    ADMIN_API_SECRET: adminSecret,
    OWNER_IDS: (options.ownerIds ?? []).join(","),
    MANAGEMENT_GUILD_ID: options.managementGuildId ?? "",
    LOG_LEVEL: "info",
    ...(bridge
      ? { UPSTASH_REDIS_REST_URL: bridge.url, UPSTASH_REDIS_REST_TOKEN: bridge.token }
      : {}),
    ...options.env,
  });
  const logs: string[] = [];
  const log = createLogger({
    level: "debug",
    secrets: [botToken, adminSecret],
    write: (line) => logs.push(line),
  });
  const database = createNeonDatabase({
    onIdleError: (error) => log.warn("db.idle_client_error", { error: error.message }),
    url: databaseUrl,
    wsProxy,
    webSocketConstructor: WebSocket,
  });
  const node = await createNodeApp({
    config,
    dataDir: mkdtempSync(join(tmpdir(), "chopsticks-test-")),
    database,
    clock: options.clock,
    commands: options.commands,
    watchdogMs: options.watchdogMs,
    aiCutAfterMs: options.aiCutAfterMs,
    scheduleEveryMs: options.scheduleEveryMs,
    log: createLogger({
      level: "debug",
      secrets: [botToken, adminSecret],
      write: (line) => logs.push(line),
    }),
  });
  const server = serve({ fetch: node.app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const post = (body: string | Uint8Array<ArrayBuffer>, headers: Record<string, string>) =>
    fetch(`${url}/interactions`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body,
    });

  return {
    url,
    discord,
    bridge,
    signer,
    proxy,
    node,
    applicationId,
    adminSecret,
    botToken,
    logs,
    token: () => discord.issueInteractionToken(),
    post,
    async interact(payload) {
      const channelId = (payload as { channel_id?: unknown }).channel_id;
      const token = discord.issueInteractionToken(
        typeof channelId === "string" ? { channelId } : {},
      );
      const body = JSON.stringify({ ...payload, token, application_id: applicationId });
      const response = await post(body, { ...(await signer.sign(body)) });
      const answer = (await response.json()) as Answer["body"];
      // As Discord does on receiving the answer: a reply becomes the original message. (The
      // bot may have edited it first, racing this; then the edit already created it.)
      const record = discord.state.interactions.get(token);
      if (response.ok && record && !record.acknowledged && "type" in answer)
        discord.acknowledge(token, answer);
      return { status: response.status, body: answer, token };
    },
    settle: () => node.tasks.idle(),
    runScheduled: (now) => node.scheduler.runNow(now),
    postScheduled: (headers = { authorization: `Bearer ${adminSecret}` }) =>
      fetch(`${url}/admin/scheduled`, { method: "POST", headers }),
    async close() {
      await node.tasks.idle();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await node.close();
      await database.close();
      await Promise.all([discord.close(), proxy.close(), bridge?.close()]);
    },
  };
}
