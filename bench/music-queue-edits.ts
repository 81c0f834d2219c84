import { createNodePostgresDatabase } from "../src/adapters/db/node-postgres.ts";
import { connectTcpRedis } from "../src/adapters/redis/tcp-client.ts";
import { TcpStore } from "../src/adapters/redis/tcp-store.ts";
import { parseConfig } from "../src/config.ts";
import {
  allEntries,
  appendEntries,
  lockPlayer,
  type NewQueueEntry,
  updatePlayer,
} from "../src/data/music/index.ts";
import { shuffleQueue, unshuffleQueue } from "../src/music/queue-edits.ts";
import { createLogger } from "../src/platform/logger.ts";
import { cryptoRandom, systemClock } from "../src/ports/index.ts";
import { createTestDatabase } from "../test/support/services.ts";

/** Latency figures in milliseconds. */
export interface Latency {
  p50: number;
  p99: number;
  max: number;
}

/** What {@link measureShuffle} measured. */
export interface ShuffleFigures {
  tracks: number;
  rounds: number;
  shuffle: Latency;
  unshuffle: Latency;
  pair: Latency;
  /** Whether every unshuffle gave back the order from before its shuffle. */
  exact: boolean;
}

const latency = (samples: readonly number[]): Latency => {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] ?? 0 };
};

const track = (i: number): NewQueueEntry => ({
  encoded: `bench-${i}`,
  title: `Bench track ${i}`,
  author: "Bench",
  uri: `https://www.youtube.com/watch?v=bench${String(i).padStart(6, "0")}`,
  artworkUrl: null,
  sourceName: "youtube",
  lengthMs: 200_000,
  isStream: false,
  isSeekable: true,
  requestedBy: "200000000000000001",
});

/**
 * `/music shuffle` then `/music unshuffle` on a queue of `tracks`, as the edge runs them on
 * Node: one Postgres transaction each (node-postgres) holding the guild's player lock, the
 * snapshot in Redis over TCP. Measured from the call to its return; the order is checked.
 */
export async function measureShuffle(
  urls: { databaseUrl: string; redisUrl: string },
  tracks: number,
  rounds: number,
): Promise<ShuffleFigures> {
  const log = createLogger({ level: "error" });
  const database = await createTestDatabase({ baseUrl: urls.databaseUrl });
  const handle = createNodePostgresDatabase(database.url, log);
  const redis = await connectTcpRedis({ url: urls.redisUrl, log });
  const store = Object.assign(new TcpStore(redis), { backend: () => "redis" as const });
  const config = parseConfig({
    REDIS_URL: urls.redisUrl,
    REDIS_KEY_PREFIX: `bench:${crypto.randomUUID().slice(0, 8)}:`,
  });
  const deps = { db: handle.db, store, config, random: cryptoRandom, clock: systemClock };
  const guildId = "900000000000000001";
  try {
    await handle.db.transaction(async (tx) => {
      await lockPlayer(tx, guildId);
      const { added } = await appendEntries(
        tx,
        guildId,
        Array.from({ length: tracks + 1 }, (_, i) => track(i)),
        tracks + 1,
      );
      await updatePlayer(tx, guildId, {
        currentEntryId: added[0]?.id ?? null,
        voiceChannelId: "900000000000000002",
      });
    });
    const order = async () => (await allEntries(handle.db, guildId)).slice(1).map((e) => e.id);
    const shuffles: number[] = [];
    const unshuffles: number[] = [];
    let exact = true;
    for (let round = 0; round < rounds + 5; round++) {
      const before = await order();
      const t0 = performance.now();
      await shuffleQueue(deps, guildId);
      const t1 = performance.now();
      await unshuffleQueue(deps, guildId);
      const t2 = performance.now();
      exact &&= JSON.stringify(await order()) === JSON.stringify(before);
      // The first rounds warm up connections and prepared plans.
      if (round >= 5) {
        shuffles.push(t1 - t0);
        unshuffles.push(t2 - t1);
      }
    }
    return {
      tracks,
      rounds,
      shuffle: latency(shuffles),
      unshuffle: latency(unshuffles),
      pair: latency(shuffles.map((s, i) => s + (unshuffles[i] ?? 0))),
      exact,
    };
  } finally {
    await store.deleteMatching(`${config.REDIS_KEY_PREFIX}*`);
    redis.disconnect();
    await handle.close();
    await database.drop();
  }
}
