import type { TestProject } from "vitest/node";
import { startFakeDiscord } from "./fake-discord.ts";
import { startHarnessControl } from "./harness-control.ts";
import { startNeonProxy } from "./neon-proxy.ts";
import { deleteKeysWithPrefix } from "./redis-keys.ts";
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
  // Everything started is stopped again even if a later step fails: a server left listening
  // would keep the run from exiting. Stops run one at a time, newest first, so the database
  // (started first) is dropped last: DROP DATABASE … WITH (FORCE) terminates the connections
  // still open, and a pool that had not ended yet crashed the run with an unhandled 'error'.
  const stops: ((() => Promise<unknown>) | undefined)[] = [];
  const track = <T>(work: Promise<T>, stop: (value: T) => Promise<unknown>) => {
    const slot = stops.push(undefined) - 1;
    return work.then((value) => {
      stops[slot] = () => stop(value);
      return value;
    });
  };
  const stopAll = async () => {
    const failures: unknown[] = [];
    for (const stop of stops.splice(0).reverse()) {
      try {
        await stop?.();
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length > 0) throw new AggregateError(failures, "teardown failed");
  };
  const starting = [
    track(createTestDatabase({ baseUrl }), (database) => database.drop()),
    track(startNeonProxy(), (proxy) => proxy.close()),
    track(startUpstashBridge({ redisUrl }), (bridge) => bridge.close()),
    track(startFakeDiscord({ botToken, applicationId }), (discord) => discord.close()),
    createSignerKeys(),
  ] as const;
  const failure = (await Promise.allSettled(starting)).find((r) => r.status === "rejected");
  if (failure) {
    await stopAll();
    throw failure.reason;
  }
  const [database, proxy, bridge, discord, signerKeys] = await Promise.all(starting);
  const control = await track(
    startHarnessControl({ discord, bridge, databaseUrl: database.url }),
    (server) => server.close(),
  ).catch(async (error: unknown) => {
    await stopAll();
    throw error;
  });
  const operatorId = snowflake();
  const managementGuildId = snowflake();
  const redisKeyPrefix = `test:worker:${crypto.randomUUID().slice(0, 8)}:`;

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
      REDIS_KEY_PREFIX: redisKeyPrefix,
      ADMIN_API_SECRET: `admin-${crypto.randomUUID()}`,
      OWNER_IDS: operatorId,
      MANAGEMENT_GUILD_ID: managementGuildId,
      LOG_LEVEL: "warn",
    },
    signerKeys,
    controlUrl: control.url,
    applicationId,
    operatorId,
    managementGuildId,
  });

  return async () => {
    try {
      await stopAll();
    } finally {
      await deleteKeysWithPrefix(redisUrl, redisKeyPrefix);
    }
  };
}
