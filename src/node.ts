import { once } from "node:events";
import { existsSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { serve } from "@hono/node-server";
import type { Hono } from "hono";
import type { PlaygroundVoice } from "../voice-node/src/playground.ts";
import { InProcessJobQueue } from "./adapters/jobs/in-process-queue.ts";
import { createVoiceNodeSearch } from "./adapters/voice-node/search-client.ts";
import { ConfigError, parseConfig, requireProductionConfig } from "./config.ts";
import { ensureDevKeys } from "./dev/dev-keys.ts";
import { LOCAL_DISCORD_PATH, PLAYGROUND_BOT_TOKEN } from "./dev/local-discord.ts";
import { standInModel } from "./dev/stand-in-model.ts";
import { createNodeApp } from "./runtime/node-app.ts";
import { SCHEDULE_EVERY_MS } from "./runtime/scheduler.ts";

/** The application id the playground uses when DISCORD_APPLICATION_ID is unset. */
const DEV_APPLICATION_ID = "100000000000000001";
const STARTING = { status: "starting" };

async function main(): Promise<void> {
  if (existsSync(".env")) process.loadEnvFile(".env");
  const config = parseConfig(process.env);
  if (process.env.NODE_ENV === "production") requireProductionConfig(config);
  const dataDir = resolve(process.env.CHOPSTICKS_DATA_DIR ?? ".data");

  let publicKey = config.DISCORD_PUBLIC_KEY;
  if (!publicKey) {
    const keys = await ensureDevKeys(dataDir);
    publicKey = keys.publicKeyHex;
    console.log(
      `Development key pair ${keys.created ? "created" : "loaded"} in ${dataDir}/dev-keys.json`,
    );
    console.log(`  public key: ${publicKey}`);
  }
  const playground = !config.DISCORD_TOKEN && !process.env.DISCORD_API_BASE;

  // Listen first (PORT=0 picks a free port, which the local Discord stand-in must know);
  // until the app is built, every request gets a 503 "starting".
  let app: Hono | undefined;
  const server = serve({
    fetch: (request, env) => app?.fetch(request, env) ?? Response.json(STARTING, { status: 503 }),
    port: config.PORT,
    hostname: "0.0.0.0",
  });
  await once(server, "listening");
  const port = (server.address() as AddressInfo).port;

  const node = await createNodeApp({
    config,
    dataDir,
    publicKey,
    applicationId: config.DISCORD_APPLICATION_ID ?? DEV_APPLICATION_ID,
    localDiscordOrigin: playground ? `http://127.0.0.1:${port}` : undefined,
    scheduleEveryMs: SCHEDULE_EVERY_MS,
    aiStandIn: playground ? standInModel() : undefined,
    onVoiceState: (guildId, userId, channelId) =>
      voice?.gateway.setVoiceState(guildId, userId, channelId),
  });
  app = node.app;
  // The playground runs the voice-node in this process, with a local gateway and Lavalink.
  let voice: PlaygroundVoice | null = null;
  if (playground && node.localDiscord) {
    // Loaded only here: the edge's image carries src/ alone, without the voice-node.
    const { startPlaygroundVoice } = await import("../voice-node/src/playground.ts");
    voice = await startPlaygroundVoice({
      state: node.localDiscord,
      database: node.database,
      jobs: node.jobs instanceof InProcessJobQueue ? node.jobs : undefined,
      databaseUrl: config.DATABASE_URL,
      apiBase: `http://127.0.0.1:${port}${LOCAL_DISCORD_PATH}/api`,
      botToken: PLAYGROUND_BOT_TOKEN,
      applicationId: node.isolate.applicationId,
      log: node.isolate.log,
      // Dev-only knob (tests speed songs up further); not part of the configuration schema.
      speed: Number(process.env.PLAYGROUND_MUSIC_SPEED) || undefined,
    });
    node.useVoiceSearch(createVoiceNodeSearch(voice.search));
  }
  console.log(`Chopsticks listening on http://localhost:${port}`);
  console.log(
    `  database: ${node.database.probe.driver}${config.DATABASE_URL ? "" : ` (${dataDir}/pglite)`}`,
  );
  console.log(`  cache:    ${node.redis.label}`);
  if (playground) console.log("  Discord:  local stand-in (try: npm run interact -- /help)");
  if (voice) {
    console.log(
      "  Music:    voice-node in-process, local gateway and Lavalink (try: npm run interact -- /music play query:lofi)",
    );
  }
  const aiHost = config.AI_BASE_URL ? new URL(config.AI_BASE_URL).host : null;
  console.log(
    `  AI:       ${aiHost ?? (playground ? "playground stand-in model" : "not set up (AI_BASE_URL)")}`,
  );

  const shutdown = (signal: string) => {
    console.log(`${signal}: finishing in-flight work…`);
    server.close();
    void (voice?.close() ?? Promise.resolve()).then(() => node.close()).then(() => process.exit(0));
  };
  process.once("SIGINT", () => shutdown("SIGINT"));
  process.once("SIGTERM", () => shutdown("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
