import { and, desc, eq } from "drizzle-orm";
import { expect } from "vitest";
import { moderationJobs } from "../../src/db/schema.ts";
import { startBot, type TestBot } from "../support/bot.ts";
import { createTestDatabase } from "../support/services.ts";
import type { Scene } from "./helpers.ts";

/**
 * A bot for durable moderation jobs with no long-lived worker: a request works a job for
 * MODERATION_RUN_BUDGET_MS (Workers' waitUntil, shortened to 1.5 s), leases last 3 s. Its
 * database is its own, so no voice-node heartbeat of another test may look like a worker;
 * closing the bot drops it.
 */
export async function startJobsBot(): Promise<TestBot> {
  const database = await createTestDatabase();
  const bot = await startBot({
    databaseUrl: database.url,
    env: { MODERATION_RUN_BUDGET_MS: "1500", MODERATION_LEASE_MS: "3000" },
  }).catch(async (error: unknown) => {
    await database.drop();
    throw error;
  });
  return {
    ...bot,
    close: async () => {
      await bot.close();
      await database.drop();
    },
  };
}

/** The newest job of `kind` in the scene's guild, or null. */
export async function latestJob(bot: TestBot, scene: Scene, kind: string) {
  const [row] = await bot.node.database.db
    .select()
    .from(moderationJobs)
    .where(and(eq(moderationJobs.guildId, scene.guildId), eq(moderationJobs.kind, kind)))
    .orderBy(desc(moderationJobs.createdAt))
    .limit(1);
  return row ?? null;
}

/** Runs the scheduled work (`POST /admin/scheduled`, as an operator or the cron would) until `done`, bounded. */
export async function scheduledUntil(
  bot: TestBot,
  done: () => Promise<boolean>,
  timeoutMs = 150_000,
): Promise<void> {
  const started = Date.now();
  while (!(await done())) {
    if (Date.now() - started > timeoutMs) throw new Error("the job did not finish in time");
    expect((await bot.postScheduled()).status).toBe(200);
  }
}
