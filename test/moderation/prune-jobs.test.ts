import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findJob, insertJob } from "../../src/data/moderation/index.ts";
import { moderationJobs } from "../../src/db/schema.ts";
import { startBot, type TestBot } from "../support/bot.ts";
import { snowflake } from "../support/snowflake.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(() => bot?.close());

const db = () => bot.node.database.db;

/** A job of this bot, finished `daysAgo` days ago (null: still running, created long ago). */
async function jobFinished(daysAgo: number | null): Promise<string> {
  const id = crypto.randomUUID();
  await insertJob(db(), {
    id,
    applicationId: bot.applicationId,
    guildId: snowflake(),
    kind: "lockdown",
    step: "locking",
    total: 1,
    moderator: { id: snowflake(), name: "mod" },
    channelId: null,
    input: {},
    token: null,
    leaseOwner: null,
    leaseMs: 0,
  });
  await db()
    .update(moderationJobs)
    .set(
      daysAgo === null
        ? {
            createdAt: sql`now() - interval '90 days'`,
            // Held by a live run, so this bot's scheduled run leaves it alone.
            leaseOwner: "elsewhere",
            leaseUntil: sql`now() + interval '1 hour'`,
          }
        : {
            state: "done",
            step: "done",
            finishedAt: sql`now() - ${daysAgo} * interval '1 day'`,
          },
    )
    .where(eq(moderationJobs.id, id));
  return id;
}

describe("prune-moderation-jobs", () => {
  it("deletes jobs finished more than 30 days ago and keeps newer and running ones", async () => {
    const old = await jobFinished(31);
    const recent = await jobFinished(29);
    const running = await jobFinished(null);

    const response = await bot.postScheduled();
    expect(response.status).toBe(200);
    const body = (await response.json()) as { jobs: Record<string, unknown>; failed: string[] };
    expect(body.failed).toEqual([]);
    expect(body.jobs["prune-moderation-jobs"]).toBeGreaterThanOrEqual(1);

    expect(await findJob(db(), old)).toBeNull();
    expect(await findJob(db(), recent)).not.toBeNull();
    expect((await findJob(db(), running))?.state).toBe("running");
    // Leave nothing of ours behind for other files' runs.
    await db().delete(moderationJobs).where(eq(moderationJobs.id, running));
  });
});
