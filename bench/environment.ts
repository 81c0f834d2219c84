import { startFakeDiscord } from "../test/support/fake-discord.ts";
import { deleteKeysWithPrefix } from "../test/support/redis-keys.ts";
import {
  createTestDatabase,
  dropStaleTestDatabases,
  requireServices,
} from "../test/support/services.ts";
import { createSigner, type Signer } from "../test/support/signer.ts";
import { snowflake } from "../test/support/snowflake.ts";
import { type ServerProcess, spawnServer } from "./spawn-server.ts";

/** The real app in a child process, and the services it talks to, for the benchmarks. */
export interface BenchEnvironment {
  readonly app: ServerProcess;
  readonly signer: Signer;
  readonly applicationId: string;
  /** The Upstash REST bridge in front of the machine's Redis (its own process). */
  readonly bridge: ServerProcess;
  /** HTTP requests the bridge has received so far. */
  bridgeRequests(): Promise<number>;
  readonly redisUrl: string;
  readonly redisKeyPrefix: string;
  /** The app's database (fresh for this run), for set-up and checks around a load run. */
  readonly databaseUrl: string;
  close(): Promise<void>;
}

/**
 * Starts what `npm start` would talk to in production, locally: a fresh migrated database on
 * the machine's Postgres (node-postgres, the Node driver), Redis through the Upstash REST
 * bridge, the fake Discord; then the app in its own process.
 */
export async function startBenchEnvironment(): Promise<BenchEnvironment> {
  const { databaseUrl: baseUrl, redisUrl } = await requireServices();
  await dropStaleTestDatabases({ baseUrl });
  const applicationId = snowflake();
  const botToken = `bench-bot-token.${snowflake()}.${crypto.randomUUID()}`;
  const redisKeyPrefix = `bench:${crypto.randomUUID().slice(0, 8)}:`;
  const upstashToken = crypto.randomUUID();
  // Whatever started is stopped again, in reverse order, even when a later step fails.
  const stops: (() => Promise<unknown>)[] = [];
  const track = <T>(work: Promise<T>, stop: (value: T) => Promise<unknown>) =>
    work.then((value) => {
      stops.unshift(() => stop(value));
      return value;
    });
  const close = async () => {
    for (const stop of stops.splice(0)) await stop();
    await deleteKeysWithPrefix(redisUrl, redisKeyPrefix);
  };
  try {
    const starting = [
      track(createTestDatabase({ baseUrl }), (database) => database.drop()),
      track(
        spawnServer(new URL("./bridge-server.ts", import.meta.url), [], {
          BENCH_REDIS_URL: redisUrl,
          BENCH_UPSTASH_TOKEN: upstashToken,
        }),
        (bridge) => bridge.stop(),
      ),
      track(startFakeDiscord({ botToken, applicationId }), (discord) => discord.close()),
      createSigner(),
    ] as const;
    await Promise.allSettled(starting);
    const [database, bridge, discord, signer] = await Promise.all(starting);
    const app = await track(
      spawnServer(new URL("./app-server.ts", import.meta.url), [], {
        BENCH_APP_ENV: JSON.stringify({
          DISCORD_PUBLIC_KEY: signer.publicKeyHex,
          DISCORD_APPLICATION_ID: applicationId,
          DISCORD_TOKEN: botToken,
          DISCORD_API_BASE: discord.apiBase,
          DATABASE_URL: database.url,
          UPSTASH_REDIS_REST_URL: bridge.url,
          UPSTASH_REDIS_REST_TOKEN: upstashToken,
          REDIS_KEY_PREFIX: redisKeyPrefix,
          LOG_LEVEL: "info",
        }),
      }),
      (server) => server.stop(),
    );
    const bridgeRequests = () =>
      bridge.ask<{ requests: number }>({ type: "count" }).then((reply) => reply.requests);
    return {
      app,
      signer,
      applicationId,
      bridge,
      bridgeRequests,
      redisUrl,
      redisKeyPrefix,
      databaseUrl: database.url,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
