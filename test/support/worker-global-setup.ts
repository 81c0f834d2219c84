import type { TestProject } from "vitest/node";
import { startFakeDiscord } from "./fake-discord.ts";
import { startHarnessControl } from "./harness-control.ts";
import { startNeonProxy } from "./neon-proxy.ts";
import { createTestDatabase, dropStaleTestDatabases, requireServices } from "./services.ts";
import { createSignerKeys, type SignerKeys } from "./signer.ts";
import { snowflake } from "./snowflake.ts";
import { startUpstashBridge } from "./upstash-bridge.ts";

/** What the workers project's tests (and its pool options) receive from the global setup. */
export interface WorkerHarness {
  /** The worker's environment: vars pointing at the services started here. */
  bindings: Record<string, string>;
  /** Keys signing interactions; the public half is `bindings.DISCORD_PUBLIC_KEY`. */
  signerKeys: SignerKeys;
  /** Base URL of the control server (see harness-control.ts). */
  controlUrl: string;
  /** Upstash bridge URL and token, for reading Redis the way the worker does. */
  upstash: { url: string; token: string };
  applicationId: string;
  /** A user in OWNER_IDS, and the management guild operator commands must come from. */
  operatorId: string;
  managementGuildId: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    /** Services and keys for `test/worker/**` (`inject("workerHarness")`). */
    workerHarness: WorkerHarness;
  }
}

/**
 * globalSetup of the `workers` project: the real Postgres (a fresh migrated database, reached
 * by the worker through the Neon WebSocket proxy) and Redis (through the Upstash REST bridge),
 * the fake Discord, a signing key pair and a control server; all of it on 127.0.0.1, which
 * workerd's outbound fetch and WebSocket reach directly.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { databaseUrl: baseUrl, redisUrl } = await requireServices();
  await dropStaleTestDatabases({ baseUrl });
  const applicationId = snowflake();
  const botToken = `test-bot-token.${snowflake()}.${crypto.randomUUID()}`;
  const [database, proxy, bridge, discord, signerKeys] = await Promise.all([
    createTestDatabase({ baseUrl }),
    startNeonProxy(),
    startUpstashBridge({ redisUrl }),
    startFakeDiscord({ botToken, applicationId }),
    createSignerKeys(),
  ]);
  const control = await startHarnessControl({ discord, bridge, databaseUrl: database.url });
  const operatorId = snowflake();
  const managementGuildId = snowflake();

  project.provide("workerHarness", {
    bindings: {
      DISCORD_PUBLIC_KEY: signerKeys.publicKeyHex,
      DISCORD_APPLICATION_ID: applicationId,
      DISCORD_TOKEN: botToken,
      DISCORD_API_BASE: discord.apiBase,
      DATABASE_URL: database.url,
      NEON_WS_PROXY: `${proxy.host}:${proxy.port}/v1`,
      UPSTASH_REDIS_REST_URL: bridge.url,
      UPSTASH_REDIS_REST_TOKEN: bridge.token,
      REDIS_KEY_PREFIX: `test:worker:${crypto.randomUUID().slice(0, 8)}:`,
      ADMIN_API_SECRET: `admin-${crypto.randomUUID()}`,
      OWNER_IDS: operatorId,
      MANAGEMENT_GUILD_ID: managementGuildId,
      LOG_LEVEL: "warn",
    },
    signerKeys,
    controlUrl: control.url,
    upstash: { url: bridge.url, token: bridge.token },
    applicationId,
    operatorId,
    managementGuildId,
  });

  return async () => {
    await Promise.all([control.close(), proxy.close(), bridge.close(), discord.close()]);
    await database.drop();
  };
}
