import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { serve } from "@hono/node-server";
import { ConfigError, parseConfig } from "./config.ts";
import { ensureDevKeys } from "./dev/dev-keys.ts";
import { createNodeApp } from "./runtime/node-app.ts";
import { SCHEDULE_EVERY_MS } from "./runtime/scheduler.ts";

/** The application id the playground uses when DISCORD_APPLICATION_ID is unset. */
const DEV_APPLICATION_ID = "100000000000000001";

async function main(): Promise<void> {
  if (existsSync(".env")) process.loadEnvFile(".env");
  const config = parseConfig(process.env);
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
  const origin = `http://127.0.0.1:${config.PORT}`;

  const node = await createNodeApp({
    config,
    dataDir,
    publicKey,
    applicationId: config.DISCORD_APPLICATION_ID ?? DEV_APPLICATION_ID,
    localDiscordOrigin: playground ? origin : undefined,
    scheduleEveryMs: SCHEDULE_EVERY_MS,
  });

  const server = serve(
    { fetch: node.app.fetch, port: config.PORT, hostname: "0.0.0.0" },
    (info) => {
      console.log(`Chopsticks listening on http://localhost:${info.port}`);
      console.log(
        `  database: ${node.database.probe.driver}${config.DATABASE_URL ? "" : ` (${dataDir}/pglite)`}`,
      );
      console.log(`  cache:    ${config.UPSTASH_REDIS_REST_URL ? "Upstash Redis" : "in-memory"}`);
      if (playground) console.log("  Discord:  local stand-in (try: npm run interact -- /help)");
    },
  );

  const shutdown = (signal: string) => {
    console.log(`${signal}: finishing in-flight work…`);
    server.close();
    void node.close().then(() => process.exit(0));
  };
  process.once("SIGINT", () => shutdown("SIGINT"));
  process.once("SIGTERM", () => shutdown("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
