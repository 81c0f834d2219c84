import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemoryStore } from "../../src/adapters/memory/memory-store.ts";
import { parseConfig } from "../../src/config.ts";
import {
  allEntries,
  appendEntries,
  lockPlayer,
  type NewQueueEntry,
  removeUpcoming,
  reorderEntries,
  upcomingIds,
  updatePlayer,
} from "../../src/data/music/index.ts";
import { moved, moveSpan, removalSpan } from "../../src/domain/music/queue-edit.ts";
import { UserError } from "../../src/interactions/errors.ts";
import { moveInQueue, removeFromQueue } from "../../src/music/queue-edits.ts";
import { cryptoRandom, type Database, systemClock } from "../../src/ports/index.ts";
import { createOwnDatabase, type OwnDatabase } from "../support/music-database.ts";
import { snowflake } from "../support/snowflake.ts";

let own: OwnDatabase;
let db: Database;
beforeAll(async () => {
  own = await createOwnDatabase();
  db = own.handle.db;
});
afterAll(() => own.close());

const track = (title: string): NewQueueEntry => ({
  encoded: `enc-${title}`,
  title,
  author: "artist",
  uri: null,
  artworkUrl: null,
  sourceName: "youtube",
  lengthMs: 180_000,
  isStream: false,
  isSeekable: true,
  requestedBy: "200000000000000001",
});

/** A guild playing the first of `n` tracks; returns the upcoming ids in order. */
async function seedQueue(guildId: string, n: number): Promise<{ current: number; ids: number[] }> {
  return db.transaction(async (tx) => {
    await lockPlayer(tx, guildId);
    const { added } = await appendEntries(
      tx,
      guildId,
      Array.from({ length: n }, (_, i) => track(`t${i}`)),
      1000,
    );
    const [first, ...rest] = added;
    if (!first) throw new Error("nothing seeded");
    await updatePlayer(tx, guildId, { currentEntryId: first.id, voiceChannelId: snowflake() });
    return { current: first.id, ids: rest.map((e) => e.id) };
  });
}

/** A deterministic mix of 35 moves and 15 removes over places of a queue of `n`. */
function operations(n: number) {
  let state = 12345;
  const next = (max: number) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return 1 + (state % max);
  };
  return Array.from({ length: 50 }, (_, i) =>
    i % 10 < 7
      ? ({ kind: "move", from: next(n), to: next(n) } as const)
      : ({ kind: "remove", from: next(n), to: null } as const),
  );
}

describe("concurrent queue edits (real Postgres, real row locks)", () => {
  it("50 concurrent moves and removes lose nothing: the queue is exactly their serial replay", async () => {
    const guildId = snowflake();
    const seeded = await seedQueue(guildId, 120);
    const ops = operations(119);
    // Each edit runs as the feature does (lock, read, check, write), recording when it holds
    // the lock: that is the order Postgres serialised them in.
    const order: number[] = [];
    const results = await Promise.allSettled(
      ops.map((op, i) =>
        db.transaction(async (tx) => {
          const player = await lockPlayer(tx, guildId);
          order.push(i);
          const ids = await upcomingIds(tx, guildId, player.currentEntryId);
          if (op.kind === "move") {
            const span = moveSpan(op.from, op.to, ids.length);
            if (span.ok) await reorderEntries(tx, guildId, moved(ids, span.from, span.to));
            return span.ok;
          }
          const span = removalSpan(op.from, op.to, ids.length);
          if (span.ok) await removeUpcoming(tx, guildId, player.currentEntryId, span.from, span.to);
          return span.ok;
        }),
      ),
    );
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    expect(order).toHaveLength(50);

    let model = [...seeded.ids];
    for (const i of order) {
      const op = ops[i];
      if (!op) continue;
      if (op.kind === "move") {
        const span = moveSpan(op.from, op.to, model.length);
        if (span.ok) model = moved(model, span.from, span.to);
      } else {
        const span = removalSpan(op.from, op.to, model.length);
        if (span.ok) model.splice(span.from - 1, span.to - span.from + 1);
      }
    }
    const entries = await allEntries(db, guildId);
    expect(entries.filter((e) => e.id !== seeded.current).map((e) => e.id)).toEqual(model);
    expect(entries.map((e) => e.id)).toContain(seeded.current);
    expect(new Set(entries.map((e) => e.sortKey)).size).toBe(entries.length);
  }, 60_000);

  it("through the feature's own edits: every track is still there once, except those removed", async () => {
    const guildId = snowflake();
    const seeded = await seedQueue(guildId, 80);
    const deps = {
      db,
      store: Object.assign(new MemoryStore(systemClock), { backend: () => "memory" as const }),
      config: parseConfig({}),
      random: cryptoRandom,
      clock: systemClock,
    };
    const ops = operations(79);
    const results = await Promise.allSettled(
      ops.map((op) =>
        op.kind === "move"
          ? moveInQueue(deps, guildId, op.from, op.to).then(() => [])
          : removeFromQueue(deps, guildId, op.from, op.to),
      ),
    );
    // The only refusals: places gone once earlier removes shrank the queue, and no-op moves.
    for (const result of results) {
      if (result.status === "rejected") {
        expect(result.reason).toBeInstanceOf(UserError);
        expect(String((result.reason as Error).message)).toMatch(
          /There is no track #|is already there/,
        );
      }
    }
    const removed = results.flatMap((r) => (r.status === "fulfilled" ? r.value : []));
    const removedIds = new Set(removed.map((e) => e.id));
    expect(removedIds.size).toBe(removed.length);
    const left = (await allEntries(db, guildId)).map((e) => e.id);
    expect(new Set(left).size).toBe(left.length);
    expect([...left].sort((a, b) => a - b)).toEqual(
      [seeded.current, ...seeded.ids.filter((id) => !removedIds.has(id))].sort((a, b) => a - b),
    );
    expect(left.length).toBe(80 - removed.length);
  }, 60_000);
});
