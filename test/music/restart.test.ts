import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { allEntries, findPlayer, voiceServiceStatus } from "../../src/data/music/index.ts";
import { voiceNodeRestarts } from "./voice-node-restarts.ts";

const restarts = voiceNodeRestarts({ waitMs: 20_000 });
const { start, until } = restarts;

describe("npm run voice-node, killed with SIGKILL mid-queue", () => {
  it("comes back with the same queue at the saved position, and a stale worker's lock does not stall the guild", async () => {
    const world = restarts.world;
    const { guild, lavalink } = world;
    const db = world.db.handle.db;
    const first = start();
    await first.port;
    await until(async () => (await voiceServiceStatus(db, new Date())).gateway === "connected");

    for (const query of ["track one", "track two", "track three"]) {
      const job = world.job({ type: "play", query });
      await world.enqueue(job);
      await world.edited(job.interaction.token);
    }
    lavalink.advance(50_000);
    await until(async () => ((await findPlayer(db, guild.guildId))?.positionMs ?? 0) >= 50_000);
    const queueBefore = (await allEntries(db, guild.guildId)).map((e) => e.title);
    expect(queueBefore).toEqual(["track one", "track two", "track three"]);

    await first.stop("SIGKILL");
    // What a worker killed mid-job leaves behind: its job and the guild's queue locked (for
    // 4 hours, unless the next process unlocks them).
    const skip = world.job({ type: "skip" });
    await world.enqueue(skip);
    await db.execute(sql`
      update graphile_worker._private_job_queues set locked_by = 'worker-dead', locked_at = now()
       where queue_name = ${`music:${guild.guildId}`}`);
    await db.execute(sql`
      update graphile_worker._private_jobs set locked_by = 'worker-dead', locked_at = now(), attempts = 1
       where job_queue_id = (select id from graphile_worker._private_job_queues where queue_name = ${`music:${guild.guildId}`})`);

    const patchesBefore = lavalink.patchesFor(guild.guildId).length;
    const second = start();
    await second.port;
    await until(
      () =>
        lavalink.player(guild.guildId)?.track?.info.title === "track one" &&
        (lavalink.patchesFor(guild.guildId).length > patchesBefore ||
          lavalink.log.entries.some((r) => r.kind === "ws-open" && r.headers?.["session-id"])),
    );
    expect(lavalink.player(guild.guildId)?.position(lavalink.clock.now())).toBeGreaterThanOrEqual(
      50_000,
    );
    expect((await allEntries(db, guild.guildId)).map((e) => e.title)).toEqual(queueBefore);

    // The dead worker's job runs at once instead of in 4 hours.
    expect(JSON.stringify(await world.edited(skip.interaction.token))).toContain("track two");
    expect(second.lines.entries.join("\n")).toContain("jobs.unlocked_stale_workers");

    // And the queue keeps advancing by itself under the new process.
    lavalink.advance((lavalink.player(guild.guildId)?.track?.info.length ?? 0) + 1);
    await until(() => lavalink.player(guild.guildId)?.track?.info.title === "track three");
    expect(await second.stop("SIGTERM")).toBe(0);
    expect((await voiceServiceStatus(db, new Date())).gateway).toBe("disconnected");
  }, 120_000);
});
