import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InProcessJobQueue } from "../../src/adapters/jobs/in-process-queue.ts";
import { createSqlJobQueue } from "../../src/adapters/jobs/sql-job-queue.ts";
import {
  allEntries,
  appendEntries,
  findPlayer,
  lockPlayer,
  type NewQueueEntry,
  savePositions,
  updatePlayer,
  voiceServiceStatus,
  writeHeartbeat,
} from "../../src/data/music/index.ts";
import { markOffline } from "../../src/data/music/voice-nodes.ts";
import { createLogger } from "../../src/platform/logger.ts";
import type { Database } from "../../src/ports/index.ts";
import { createOwnDatabase, type OwnDatabase } from "../support/music-database.ts";
import { snowflake } from "../support/snowflake.ts";

let own: OwnDatabase;
let db: Database;
beforeAll(async () => {
  own = await createOwnDatabase();
  db = own.handle.db;
});
afterAll(() => own.close());

const track = (title: string, lengthMs = 180_000): NewQueueEntry => ({
  encoded: `enc-${title}`,
  title,
  author: "artist",
  uri: null,
  artworkUrl: null,
  sourceName: "youtube",
  lengthMs,
  isStream: false,
  isSeekable: true,
  requestedBy: "200000000000000001",
});

describe("music queue in Postgres", () => {
  it("appends in order and stops at the queue limit, counting the rest as skipped", async () => {
    const guildId = snowflake();
    const result = await db.transaction(async (tx) => {
      await lockPlayer(tx, guildId);
      return appendEntries(tx, guildId, [track("a"), track("b"), track("c"), track("d")], 3);
    });
    expect(result.added.map((e) => e.title)).toEqual(["a", "b", "c"]);
    expect(result.skipped).toBe(1);
    const again = await db.transaction(async (tx) => {
      await lockPlayer(tx, guildId);
      return appendEntries(tx, guildId, [track("e")], 3);
    });
    expect(again).toEqual({ added: [], skipped: 1 });
    expect((await allEntries(db, guildId)).map((e) => e.title)).toEqual(["a", "b", "c"]);
  });

  it("serialises concurrent appends of one guild through the player lock", async () => {
    const guildId = snowflake();
    await Promise.all(
      ["x", "y", "z", "w"].map((name) =>
        db.transaction(async (tx) => {
          await lockPlayer(tx, guildId);
          return appendEntries(tx, guildId, [track(`${name}1`), track(`${name}2`)], 1000);
        }),
      ),
    );
    const entries = await allEntries(db, guildId);
    expect(entries).toHaveLength(8);
    // Each append's two tracks stay adjacent: no interleaving.
    for (let i = 0; i < 8; i += 2) {
      expect(entries[i]?.title.slice(0, 1)).toBe(entries[i + 1]?.title.slice(0, 1));
    }
  });

  it("saves a position only for the entry still current", async () => {
    const guildId = snowflake();
    const [first, second] = await db.transaction(async (tx) => {
      await lockPlayer(tx, guildId);
      const { added } = await appendEntries(tx, guildId, [track("a"), track("b")], 10);
      await updatePlayer(tx, guildId, { currentEntryId: added[1]?.id ?? null });
      return added;
    });
    const at = new Date();
    await savePositions(db, [
      { guildId, entryId: first?.id ?? 0, positionMs: 99_000, at },
      { guildId: snowflake(), entryId: 1, positionMs: 5, at },
    ]);
    expect((await findPlayer(db, guildId))?.positionMs).toBe(0);
    await savePositions(db, [{ guildId, entryId: second?.id ?? 0, positionMs: 42_000, at }]);
    expect((await findPlayer(db, guildId))?.positionMs).toBe(42_000);
  });

  it("refuses a volume outside 0–150 at the database too", async () => {
    const guildId = snowflake();
    await db.transaction((tx) => lockPlayer(tx, guildId));
    await expect(updatePlayer(db, guildId, { volume: 151 })).rejects.toThrow();
    expect((await findPlayer(db, guildId))?.volume).toBe(100);
  });
});

describe("voice-node heartbeat as the edge reads it", () => {
  it("is unknown before any voice-node registered, then follows the heartbeat's age", async () => {
    const fresh = await createOwnDatabase();
    try {
      const now = new Date();
      expect(await voiceServiceStatus(fresh.handle.db, now)).toEqual({
        gateway: "unknown",
        lavalinkUp: false,
      });
      await writeHeartbeat(fresh.handle.db, {
        id: "voice-1",
        gateway: "connected",
        lavalink: { main: { up: true, sessionId: "s" } },
        gatewaySessions: {},
        players: 0,
        version: "test",
        at: now,
      });
      expect(await voiceServiceStatus(fresh.handle.db, now)).toEqual({
        gateway: "connected",
        lavalinkUp: true,
      });
      const later = new Date(now.getTime() + 61_000);
      expect((await voiceServiceStatus(fresh.handle.db, later)).gateway).toBe("disconnected");
      await markOffline(fresh.handle.db, "voice-1");
      expect((await voiceServiceStatus(fresh.handle.db, now)).gateway).toBe("disconnected");
    } finally {
      await fresh.close();
    }
  });
});

describe("job queues", () => {
  it("enqueues with plain SQL into the guild's graphile-worker queue", async () => {
    const queue = createSqlJobQueue(db);
    const guildId = snowflake();
    await queue.add("music", { hello: guildId }, { queueName: `music:${guildId}`, maxAttempts: 2 });
    const result = await db.execute(
      sql`select t.identifier as task_identifier, q.queue_name, j.payload, j.max_attempts
            from graphile_worker._private_jobs j
            join graphile_worker._private_tasks t on t.id = j.task_id
            join graphile_worker._private_job_queues q on q.id = j.job_queue_id
           where q.queue_name = ${`music:${guildId}`}`,
    );
    expect((result as unknown as { rows: unknown[] }).rows).toEqual([
      {
        task_identifier: "music",
        queue_name: `music:${guildId}`,
        payload: { hello: guildId },
        max_attempts: 2,
      },
    ]);
    expect(await queue.depth(["music"])).toBeGreaterThanOrEqual(1);
  });

  it("runs one in-process queue's jobs in order, other queues alongside", async () => {
    const queue = new InProcessJobQueue(createLogger({ level: "error" }));
    const seen: string[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    queue.serve(
      new Map([
        [
          "t",
          async (payload: unknown) => {
            const { name } = payload as { name: string };
            if (name === "a1") await gate;
            seen.push(name);
          },
        ],
      ]),
    );
    await queue.add("t", { name: "a1" }, { queueName: "a" });
    await queue.add("t", { name: "a2" }, { queueName: "a" });
    await queue.add("t", { name: "b1" }, { queueName: "b" });
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual(["b1"]);
    expect(await queue.depth(["t"])).toBe(2);
    release();
    await queue.idle();
    expect(seen).toEqual(["b1", "a1", "a2"]);
  });
});
