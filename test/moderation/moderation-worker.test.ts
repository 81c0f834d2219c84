import type { APIInteractionDataResolved } from "discord-api-types/v10";
import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findJob } from "../../src/data/moderation/index.ts";
import { voiceServiceStatus } from "../../src/data/music/voice-nodes.ts";
import { moderationCases, moderationJobs } from "../../src/db/schema.ts";
import { LOCK_BITS } from "../../src/domain/moderation/index.ts";
import { type MusicWorld, startMusicWorld, voiceNodeEnv } from "../support/music-world.ts";
import { snowflake } from "../support/snowflake.ts";
import { spawnVoiceNode, type VoiceNodeProcess } from "../support/voice-node-process.ts";
import {
  buttonIds,
  callsFor,
  command,
  manyChannels,
  original,
  press,
  type Scene,
  seedGuild,
  textOf,
  userIds,
} from "./helpers.ts";

/**
 * Long moderation jobs on the voice-node's worker (its own process, as `npm run voice-node`
 * runs it), killed with SIGKILL mid-job and started again: the request works a job for
 * MODERATION_RUN_BUDGET_MS, hands it to the worker, and the restarted worker finishes it
 * once the dead one's lease has run out. No scheduled run is involved.
 */
const JOB_ENV = { MODERATION_RUN_BUDGET_MS: "1500", MODERATION_LEASE_MS: "3000" };

let world: MusicWorld;
const processes: VoiceNodeProcess[] = [];
beforeAll(async () => {
  world = await startMusicWorld({ botEnv: JOB_ENV });
}, 60_000);
afterAll(async () => {
  for (const p of processes) await p.stop("SIGKILL");
  await world?.close();
});

const db = () => world.db.handle.db;

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 120_000) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function startWorker(): Promise<VoiceNodeProcess> {
  const child = spawnVoiceNode({
    ...voiceNodeEnv(world),
    ...JOB_ENV,
    VOICE_NODE_PORT: "0",
    LOG_LEVEL: "info",
  });
  processes.push(child);
  await child.port;
  await until(async () => (await voiceServiceStatus(db(), new Date())).gateway === "connected");
  return child;
}

async function latestJob(scene: Scene, kind: string) {
  const [row] = await db()
    .select()
    .from(moderationJobs)
    .where(and(eq(moderationJobs.guildId, scene.guildId), eq(moderationJobs.kind, kind)))
    .orderBy(desc(moderationJobs.createdAt))
    .limit(1);
  if (!row) throw new Error(`no ${kind} job`);
  return row;
}

/** Waits until the worker holds the job and has done at least `done` of it. */
async function workerPast(id: string, done: number) {
  await until(async () => {
    const job = await findJob(db(), id);
    return (job?.leaseOwner?.startsWith("worker:") ?? false) && (job?.done ?? 0) >= done;
  });
}

const snapshot = (scene: Scene) =>
  Object.fromEntries(
    scene.channels.map((c) => [c.id, JSON.stringify(world.bot.discord.state.overwrites(c.id))]),
  );

describe("the voice-node's worker killed mid-job and restarted", () => {
  it("finishes a 500-channel lockdown, then the unlock restores every overwrite byte for byte", async () => {
    const bot = world.bot;
    let worker = await startWorker();
    const scene = seedGuild(bot, { channels: (g) => manyChannels(g, 500, snowflake()) });
    const before = snapshot(scene);

    const locked = await command(bot, scene, "lockdown", "server", { reason: "raid" });
    await bot.settle();
    const job = await latestJob(scene, "lockdown");
    await workerPast(job.id, 150);
    await worker.stop("SIGKILL");
    worker = await startWorker();
    await until(async () => (await findJob(db(), job.id))?.state === "done");

    const finished = await findJob(db(), job.id);
    expect(finished?.runs).toBeGreaterThanOrEqual(3);
    expect(textOf(original(bot, locked.token))).toContain("Locked **500 channels**");
    for (const channel of scene.channels) {
      const everyone = bot.discord.state.overwrites(channel.id).find((o) => o.id === scene.guildId);
      expect(BigInt(String(everyone?.deny)) & LOCK_BITS).toBe(LOCK_BITS);
      // Nothing done twice: at most one notice, even in the batch the kill cut.
      expect(bot.discord.state.channelMessages(channel.id).length).toBeLessThanOrEqual(1);
    }

    const unlocked = await command(bot, scene, "unlock", "server");
    await bot.settle();
    const unlockJob = await latestJob(scene, "unlock");
    await until(async () => (await findJob(db(), unlockJob.id))?.state === "done");
    await until(() => textOf(original(bot, unlocked.token)).includes("Restored **500 channels**"));
    expect(snapshot(scene)).toEqual(before);
    expect(await worker.stop("SIGTERM")).toBe(0);
  }, 400_000);

  it("finishes a 1000-id massban preview, then bans all 1000 in chunks of at most 200", async () => {
    const bot = world.bot;
    let worker = await startWorker();
    const scene = seedGuild(bot);
    const ids = userIds(1000);
    const file = bot.discord.addAttachment("raid.txt", ids.join("\n"));
    const resolved = { attachments: { [file.id]: file } } as unknown as APIInteractionDataResolved;
    const asked = await command(
      bot,
      scene,
      "massban",
      "ban",
      { file: { type: 11, value: file.id } },
      { resolved },
    );
    await bot.settle();
    const previewJob = await latestJob(scene, "massban_preview");
    await workerPast(previewJob.id, 200);
    await worker.stop("SIGKILL");
    worker = await startWorker();
    await until(async () => (await findJob(db(), previewJob.id))?.state === "done");
    await until(() => buttonIds(original(bot, asked.token)).length === 2);
    expect(textOf(original(bot, asked.token))).toContain("**1000 users** will be banned");

    const [confirmId] = buttonIds(original(bot, asked.token));
    const confirmed = await press(bot, scene, confirmId ?? "");
    await bot.settle();
    const banJob = await latestJob(scene, "massban");
    await until(async () => (await findJob(db(), banJob.id))?.state === "done");
    await until(() => textOf(original(bot, confirmed.token)).includes("Banned **1000**"));
    const sizes = callsFor(bot, "/guilds/:id/bulk-ban", scene.guildId, "POST")
      .filter((c) => c.status === 200)
      .map((c) => (c.body as { user_ids: string[] }).user_ids.length);
    expect(sizes).toEqual([200, 200, 200, 200, 200]);
    expect(bot.discord.state.bannedUserIds(scene.guildId)).toHaveLength(1000);
    const cases = await db()
      .select()
      .from(moderationCases)
      .where(eq(moderationCases.guildId, scene.guildId));
    expect(cases).toHaveLength(1);
    expect((cases[0]?.details as { banned?: string[] } | undefined)?.banned).toHaveLength(1000);
    expect(await worker.stop("SIGTERM")).toBe(0);
  }, 400_000);
});
