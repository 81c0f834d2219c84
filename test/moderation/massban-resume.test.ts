import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  claimPreview,
  deleteStalePreviews,
  insertPreview,
} from "../../src/data/moderation/index.ts";
import { massbanRequests, moderationCases } from "../../src/db/schema.ts";
import { auditReason } from "../../src/domain/moderation/index.ts";
import { resumeStaleBanJobs } from "../../src/jobs/resume-ban-jobs.ts";
import { runBanJob } from "../../src/moderation/index.ts";
import { startBot, type TestBot } from "../support/bot.ts";
import {
  callsFor,
  command,
  editsOf,
  jobDeps,
  type Scene,
  seedGuild,
  textOf,
  userIds,
} from "./helpers.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(() => bot?.close());

const db = () => bot.node.database.db;

/** A confirmed massban as the confirm handler leaves it, before any chunk was sent. */
async function confirmedJob(scene: Scene, targets: string[]) {
  const now = Date.now();
  const preview = await insertPreview(db(), {
    id: crypto.randomUUID(),
    applicationId: bot.applicationId,
    guildId: scene.guildId,
    moderator: { id: scene.moderatorId, name: "modmin" },
    targets,
    skipped: [],
    invalid: [],
    reason: "raid",
    deleteMessageSeconds: 0,
    expiresAt: new Date(now + 60_000),
  });
  const token = bot.token();
  const claimed = await claimPreview(db(), {
    id: preview.id,
    presserId: scene.moderatorId,
    now: new Date(now),
    token: { token, expiresAt: new Date(now + 15 * 60_000) },
  });
  if (!claimed) throw new Error("claim failed");
  return { job: claimed.job, caseNumber: claimed.case.number, token };
}

/** Makes the job look like its runner died: no heartbeat for two minutes. */
async function die(jobId: string, set: Partial<typeof massbanRequests.$inferInsert> = {}) {
  await db()
    .update(massbanRequests)
    .set({ ...set, heartbeatAt: sql`now() - interval '2 minutes'` })
    .where(eq(massbanRequests.id, jobId));
}

async function resume(guildId: string) {
  const { deps, done } = jobDeps(bot);
  const resumed = await resumeStaleBanJobs(deps, { guildId });
  await done();
  return resumed;
}

describe("resuming a massban whose run was cut off", () => {
  it("leaves a live run alone, and refuses to undo it until it is done", async () => {
    const scene = seedGuild(bot);
    const { caseNumber } = await confirmedJob(scene, userIds(2));
    expect(await resume(scene.guildId)).toBe(0);
    expect(callsFor(bot, "/guilds/:id/bulk-ban", scene.guildId)).toHaveLength(0);
    const undo = await command(bot, scene, "massban", "undo", { case: caseNumber });
    expect(textOf(undo)).toContain(`Case #${caseNumber} is still running`);
  });

  it("continues after the last recorded chunk, sending only the rest", async () => {
    const scene = seedGuild(bot);
    const ids = userIds(210);
    const { job, caseNumber, token } = await confirmedJob(scene, ids);
    // The dead run banned and recorded the first chunk.
    const { deps } = jobDeps(bot);
    const reason = auditReason(
      caseNumber,
      "Massban",
      { id: scene.moderatorId, name: "modmin" },
      "raid",
    );
    await deps.discord.guilds.bulkBan(scene.guildId, ids.slice(0, 200), 0, reason);
    await die(job.id, { nextIndex: 200, doneIds: ids.slice(0, 200) });

    expect(await resume(scene.guildId)).toBe(1);
    const sent = callsFor(bot, "/guilds/:id/bulk-ban", scene.guildId, "POST").slice(1);
    expect(sent.map((c) => (c.body as { user_ids: string[] }).user_ids)).toEqual([ids.slice(200)]);
    const [row] = await db().select().from(massbanRequests).where(eq(massbanRequests.id, job.id));
    expect(row?.state).toBe("done");
    expect(row?.doneIds).toEqual(ids);
    // The moderator's message still gets the summary through the stored token.
    expect(textOf(editsOf(bot, token).at(-1))).toMatch(/Banned \*\*210\*\*, failed \*\*0\*\*/);
  });

  it("re-checks a chunk that was sent but not recorded, so the case lists exactly who was banned", {
    timeout: 30_000,
  }, async () => {
    const scene = seedGuild(bot);
    const ids = userIds(205);
    const { job, caseNumber } = await confirmedJob(scene, ids);
    const { deps } = jobDeps(bot);
    const reason = auditReason(
      caseNumber,
      "Massban",
      { id: scene.moderatorId, name: "modmin" },
      "raid",
    );
    // The dead run's chunk reached Discord; the run died before recording it.
    await deps.discord.guilds.bulkBan(scene.guildId, ids.slice(0, 200), 0, reason);
    // Someone else had banned one of the rest already: that one is not ours.
    const byOthers = ids[204] ?? "";
    await deps.discord.guilds.bulkBan(scene.guildId, [byOthers], 0, "manual ban");
    await die(job.id, { inFlight: true });

    expect(await resume(scene.guildId)).toBe(1);
    const [row] = await db().select().from(massbanRequests).where(eq(massbanRequests.id, job.id));
    expect(row?.state).toBe("done");
    expect([...(row?.doneIds ?? [])].sort()).toEqual(ids.slice(0, 204).sort());
    expect(((row?.failed ?? []) as { id: string }[]).map((f) => f.id)).toEqual([byOthers]);
    const cases = await db()
      .select()
      .from(moderationCases)
      .where(eq(moderationCases.guildId, scene.guildId));
    expect(cases).toHaveLength(1);
    expect(((cases[0]?.details ?? {}) as { banned?: string[] }).banned).toHaveLength(204);
  });

  it("hands the rest over when a run's time budget ends, and the cron finishes it", async () => {
    const scene = seedGuild(bot);
    const ids = userIds(60);
    const { job } = await confirmedJob(scene, ids);
    const { deps, done } = jobDeps(bot);
    // A run whose budget is already spent records nothing and releases the job.
    const body = await runBanJob(deps, job, { edit: async () => {} }, 0);
    await done();
    expect(textOf(body)).toContain("finishing the rest in the background");
    const [released] = await db()
      .select()
      .from(massbanRequests)
      .where(eq(massbanRequests.id, job.id));
    expect(released).toMatchObject({ state: "running", heartbeatAt: null, nextIndex: 0 });
    expect(await resume(scene.guildId)).toBe(1);
    expect(bot.discord.state.bannedUserIds(scene.guildId)).toHaveLength(60);
  });
});

describe("previews that never ran", () => {
  it("are swept a day after they expired; confirmed ones stay", async () => {
    const scene = seedGuild(bot);
    const longAgo = new Date("2020-01-01T00:00:00Z");
    const stale = await insertPreview(db(), {
      id: crypto.randomUUID(),
      applicationId: bot.applicationId,
      guildId: scene.guildId,
      moderator: { id: scene.moderatorId, name: "modmin" },
      targets: userIds(1),
      skipped: [],
      invalid: [],
      reason: null,
      deleteMessageSeconds: 0,
      expiresAt: longAgo,
    });
    const { job } = await confirmedJob(scene, userIds(1));
    expect(await deleteStalePreviews(db(), new Date("2020-01-02T00:00:00Z"))).toBe(1);
    const left = await db()
      .select()
      .from(massbanRequests)
      .where(eq(massbanRequests.guildId, scene.guildId));
    expect(left.map((r) => r.id)).toEqual([job.id]);
    expect(left.map((r) => r.id)).not.toContain(stale.id);
  });
});
