import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PermissionFlagsBits as P } from "discord-api-types/v10";
import { sql as sqlTag } from "drizzle-orm";
import { createDiscordApi } from "../src/adapters/discord/rest.ts";
import {
  type JobRunner,
  migrateJobQueue,
  startJobRunner,
} from "../src/adapters/jobs/graphile-runner.ts";
import { parseConfig } from "../src/config.ts";
import { findJob } from "../src/data/moderation/index.ts";
import { writeHeartbeat } from "../src/data/music/voice-nodes.ts";
import { createLogger } from "../src/platform/logger.ts";
import { moderationWorkerTasks } from "../src/runtime/moderation-worker-tasks.ts";
import { createNodeApp, type NodeApp } from "../src/runtime/node-app.ts";
import { type FakeDiscord, startFakeDiscord } from "../test/support/fake-discord.ts";
import { componentPress, slashCommand } from "../test/support/interactions.ts";
import { createTestDatabase } from "../test/support/services.ts";
import { createSigner, type Signer } from "../test/support/signer.ts";
import { snowflake } from "../test/support/snowflake.ts";

/** One scenario's figures. */
export interface JobRun {
  seconds: number;
  /** Calls to Discord's API (bot token), interaction-webhook edits not included. */
  apiCalls: number;
  edits: number;
  rateLimited: number;
  invalidRequests: number;
  /** Scheduled runs it took (cron-only mode), 0 with the worker. */
  ticks: number;
  ok: boolean;
}

/** A mode's scenarios. */
export interface ModerationFigures {
  lockdown: JobRun;
  unlock: JobRun;
  massban: JobRun;
}

const MOD = P.BanMembers | P.ManageGuild | P.ManageChannels | P.ViewChannel | P.SendMessages;

interface Stage {
  app: NodeApp;
  discord: FakeDiscord;
  signer: Signer;
  applicationId: string;
  guildId: string;
  modId: string;
  modRole: string;
  dropDatabase(): Promise<void>;
}

async function startStage(baseUrl: string, redisUrl: string): Promise<Stage> {
  const database = await createTestDatabase({ baseUrl });
  await migrateJobQueue(database.url);
  const applicationId = snowflake();
  const botToken = `bench-mod.${snowflake()}.${crypto.randomUUID()}`;
  const [discord, signer] = await Promise.all([
    startFakeDiscord({ botToken, applicationId }),
    createSigner(),
  ]);
  const config = parseConfig({
    DISCORD_PUBLIC_KEY: signer.publicKeyHex,
    DISCORD_APPLICATION_ID: applicationId,
    DISCORD_TOKEN: botToken,
    DISCORD_API_BASE: discord.apiBase,
    DATABASE_URL: database.url,
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: `bench-mod:${crypto.randomUUID().slice(0, 8)}:`,
    ADMIN_API_SECRET: `admin-${crypto.randomUUID()}`,
    LOG_LEVEL: "error",
  });
  const app = await createNodeApp({
    config,
    dataDir: mkdtempSync(join(tmpdir(), "chopsticks-bench-mod-")),
    log: createLogger({ level: "error" }),
  });
  // The app migrates in the background; commands answer "Database error" until it is done.
  for (const started = Date.now(); !app.database.ready(); ) {
    if (Date.now() - started > 60_000) throw new Error("the bench database never became ready");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const guildId = snowflake();
  const modId = snowflake();
  const modRole = snowflake();
  const botRole = snowflake();
  discord.addGuild({
    id: guildId,
    ownerId: snowflake(),
    roles: [
      { id: modRole, position: 5, permissions: String(MOD) },
      { id: botRole, position: 10, permissions: String(MOD | P.ManageRoles) },
    ],
    channels: Array.from({ length: 500 }, (_, i) => ({
      id: snowflake(),
      type: 0,
      name: `ch-${i}`,
      permission_overwrites:
        i % 2 ? [{ id: guildId, type: 0 as const, allow: "0", deny: String(P.EmbedLinks) }] : [],
    })),
    members: { [modId]: [modRole], [applicationId]: [botRole] },
  });
  return {
    app,
    discord,
    signer,
    applicationId,
    guildId,
    modId,
    modRole,
    dropDatabase: () => database.drop(),
  };
}

/** Signs and posts an interaction as Discord would; returns its token. */
async function interact(stage: Stage, payload: object): Promise<string> {
  const token = stage.discord.issueInteractionToken();
  const body = JSON.stringify({ ...payload, token, application_id: stage.applicationId });
  const response = await stage.app.app.fetch(
    new Request("http://bench/interactions", {
      method: "POST",
      headers: { "content-type": "application/json", ...(await stage.signer.sign(body)) },
      body,
    }),
  );
  stage.discord.acknowledge(token, await response.json());
  return token;
}

const who = (stage: Stage) => ({
  guildId: stage.guildId,
  user: { id: stage.modId, username: "bench-mod" },
  roles: [stage.modRole],
  memberPermissions: MOD,
  appPermissions: MOD | P.ManageRoles,
});

async function jobIdOf(stage: Stage, kind: string): Promise<string> {
  const rows = await stage.app.database.db.execute(
    // Read with the app's own pool: the newest job of that kind in the bench guild.
    sqlLatest(stage.guildId, kind),
  );
  const list = (Array.isArray(rows) ? rows : (rows as { rows: { id: string }[] }).rows) as {
    id: string;
  }[];
  const id = list[0]?.id;
  if (!id) throw new Error(`no ${kind} job`);
  return id;
}

function sqlLatest(guildId: string, kind: string) {
  // drizzle's sql tag keeps values as parameters.
  return sqlTag`select id from moderation_jobs where guild_id = ${guildId} and kind = ${kind} order by created_at desc limit 1`;
}

/** Waits for a job to end: polling with the worker, or running the scheduled work back to back. */
async function finish(stage: Stage, id: string, withWorker: boolean): Promise<number> {
  let ticks = 0;
  const started = Date.now();
  for (;;) {
    const job = await findJob(stage.app.database.db, id);
    if (job && job.state !== "running") return ticks;
    if (Date.now() - started > 600_000) throw new Error(`job ${id} did not finish`);
    if (withWorker) await new Promise((resolve) => setTimeout(resolve, 50));
    else {
      await stage.app.scheduler.runNow();
      ticks++;
    }
  }
}

async function measure(
  stage: Stage,
  withWorker: boolean,
  work: () => Promise<number>,
): Promise<JobRun> {
  stage.discord.clearCalls();
  const before = stage.discord.limits();
  const started = performance.now();
  const ticks = await work();
  await stage.app.tasks.idle();
  const seconds = (performance.now() - started) / 1000;
  const calls = stage.discord.calls;
  const after = stage.discord.limits();
  return {
    seconds,
    apiCalls: calls.filter(
      (c) => !c.path.includes("/webhooks/") && !c.path.includes("/interactions/"),
    ).length,
    edits: calls.filter((c) => c.path.includes("/webhooks/")).length,
    rateLimited: calls.filter((c) => c.status === 429).length,
    invalidRequests: after.invalidRequests - before.invalidRequests,
    ticks: withWorker ? 0 : ticks,
    ok: true,
  };
}

/**
 * A 500-channel server lockdown and unlock, and a 1000-id massban (file, preview, confirm,
 * bans) against the simulated Discord's real-like limits, with the worker (graphile-worker
 * running the `moderation_job` task, a fresh heartbeat) or cron-only (scheduled runs back to
 * back, as POST /admin/scheduled would run them).
 */
export async function measureModerationJobs(
  databaseUrl: string,
  redisUrl: string,
  withWorker: boolean,
): Promise<ModerationFigures> {
  const stage = await startStage(databaseUrl, redisUrl);
  let runner: JobRunner | null = null;
  let beat: ReturnType<typeof setInterval> | undefined;
  try {
    if (withWorker) {
      const { config, log } = stage.app.isolate;
      runner = await startJobRunner({
        connectionString: config.DATABASE_URL ?? "",
        registry: moderationWorkerTasks({
          config,
          log,
          database: stage.app.database,
          remote: stage.app.redis.remote,
          discord: createDiscordApi({
            apiBase: stage.discord.apiBase,
            applicationId: stage.applicationId,
            token: config.DISCORD_TOKEN,
          }),
        }),
        log,
      });
      const heartbeat = () =>
        writeHeartbeat(stage.app.database.db, {
          id: "bench-worker",
          gateway: "connected",
          lavalink: {},
          gatewaySessions: {},
          players: 0,
          version: "bench",
          at: new Date(),
        });
      await heartbeat();
      beat = setInterval(() => void heartbeat(), 10_000);
    }
    const lockdown = await measure(stage, withWorker, async () => {
      await interact(stage, slashCommand("lockdown", { ...who(stage), subcommand: "server" }));
      await stage.app.tasks.idle();
      return finish(stage, await jobIdOf(stage, "lockdown"), withWorker);
    });
    const unlock = await measure(stage, withWorker, async () => {
      await interact(stage, slashCommand("unlock", { ...who(stage), subcommand: "server" }));
      await stage.app.tasks.idle();
      return finish(stage, await jobIdOf(stage, "unlock"), withWorker);
    });
    const ids = Array.from({ length: 1000 }, () => snowflake());
    const massban = await measure(stage, withWorker, async () => {
      const file = stage.discord.addAttachment("raid.txt", ids.join("\n"));
      const token = await interact(
        stage,
        slashCommand("massban", {
          ...who(stage),
          subcommand: "ban",
          options: { file: { type: 11, value: file.id } },
          resolved: { attachments: { [file.id]: file } } as never,
        }),
      );
      await stage.app.tasks.idle();
      let ticks = await finish(stage, await jobIdOf(stage, "massban_preview"), withWorker);
      const preview = stage.discord.state.interactionMessages(token).original as {
        components?: { components?: { custom_id?: string }[] }[];
      };
      const confirm = preview?.components?.[0]?.components?.[0]?.custom_id ?? "";
      await interact(stage, componentPress(confirm, who(stage)));
      await stage.app.tasks.idle();
      ticks += await finish(stage, await jobIdOf(stage, "massban"), withWorker);
      return ticks;
    });
    massban.ok = stage.discord.state.bannedUserIds(stage.guildId).length === 1000;
    return { lockdown, unlock, massban };
  } finally {
    clearInterval(beat);
    await runner?.stop();
    await stage.app.close();
    await stage.discord.close();
    await stage.dropDatabase();
  }
}
