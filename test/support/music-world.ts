import { createSqlJobQueue } from "../../src/adapters/jobs/sql-job-queue.ts";
import type { MusicJob } from "../../src/domain/music/job.ts";
import { guildShard } from "../../src/domain/music/shards.ts";
import { enqueueMusicJob } from "../../src/music/enqueue.ts";
import type { MusicTimings } from "../../src/music/node/index.ts";
import type { UploadSettings } from "../../src/music/node/upload/upload-task.ts";
import { createLogger } from "../../src/platform/logger.ts";
import { parseVoiceNodeConfig, type VoiceNodeConfig } from "../../voice-node/src/config.ts";
import { voiceNodeExtraTasks } from "../../voice-node/src/extra-tasks.ts";
import { startVoiceNode, type VoiceNode } from "../../voice-node/src/voice-node.ts";
import { startBot, type TestBot } from "./bot.ts";
import { type FakeGateway, startFakeGateway } from "./fake-gateway.ts";
import { type FakeLavalink, startFakeLavalink } from "./fake-lavalink.ts";
import { createOwnDatabase, type OwnDatabase } from "./music-database.ts";
import { snowflake } from "./snowflake.ts";

/** The seeded guild of a music test. */
export interface MusicGuild {
  guildId: string;
  ownerId: string;
  /** A member in the `voiceChannelId` with the bot's permissions to control it. */
  listenerId: string;
  /** A member in no voice channel. */
  outsiderId: string;
  /** A member in `otherVoiceChannelId`. */
  elsewhereId: string;
  voiceChannelId: string;
  otherVoiceChannelId: string;
  textChannelId: string;
}

/**
 * Everything music needs, real where it can be: a database of its own, the edge (`startBot`),
 * the fake Discord REST + gateway sharing one state, a fake Lavalink on a manual clock, and a
 * voice-node in-process driving the real lavalink-client, @discordjs/ws and graphile-worker.
 */
export interface MusicWorld {
  readonly db: OwnDatabase;
  readonly bot: TestBot;
  readonly gateway: FakeGateway;
  /** The first (or only) Lavalink node. */
  readonly lavalink: FakeLavalink;
  /** Every Lavalink node in LAVALINK_NODES, named `main`, `node2`, `node3`… */
  readonly lavalinks: readonly FakeLavalink[];
  readonly guild: MusicGuild;
  readonly config: VoiceNodeConfig;
  /** The in-process voice-node (null while stopped). */
  node: VoiceNode | null;
  /** The voice-node's log lines. */
  readonly nodeLogs: string[];
  startNode(): Promise<VoiceNode>;
  stopNode(): Promise<void>;
  /** A job as the edge would enqueue it, answering a fresh interaction token. */
  job(
    action: MusicJob["action"],
    userId?: string,
    overrides?: Partial<MusicJob>,
  ): MusicJob & { interaction: NonNullable<MusicJob["interaction"]> };
  /**
   * A new member of the guild, in `channelId` (null: in no voice channel), known to the REST
   * side and announced on the gateway (VOICE_STATE_UPDATE).
   */
  addMember(channelId: string | null, roles?: string[]): string;
  /** Enqueues through graphile-worker with plain SQL, as the edge does. */
  enqueue(job: MusicJob): Promise<void>;
  /** Resolves with the body of the original response once the voice-node edited it. */
  edited(token: string): Promise<Record<string, unknown>>;
  /** Resolves with the ephemeral follow-up replacing a refused command. */
  refused(token: string): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

/** Environment a voice-node of this world runs with (also for a spawned process). */
export function voiceNodeEnv(
  world: Pick<MusicWorld, "db" | "bot" | "lavalink"> & { lavalinks?: readonly FakeLavalink[] },
): Record<string, string> {
  return {
    DATABASE_URL: world.db.url,
    DISCORD_TOKEN: world.bot.botToken,
    DISCORD_APPLICATION_ID: world.bot.applicationId,
    DISCORD_API_BASE: world.bot.discord.apiBase,
    LAVALINK_NODES: (world.lavalinks ?? [world.lavalink])
      .map((node, i) => node.nodeUrl(lavalinkName(i)))
      .join(","),
    ADMIN_API_SECRET: world.bot.adminSecret,
    VOICE_NODE_SECRET: "voice-node-secret-for-tests",
    LOG_LEVEL: "debug",
  };
}

/**
 * Seeds a guild with a text channel, two voice channels and members in them (before the
 * voice-node connects: the gateway sends GUILD_CREATE at IDENTIFY). With `shard`, its id is
 * picked to fall on that gateway shard (`(guild_id >> 22) % count`).
 */
export function addMusicGuild(
  bot: TestBot,
  options: { shard?: [number, number] } = {},
): MusicGuild {
  let guildId = snowflake();
  if (options.shard) {
    const [want, count] = options.shard;
    for (let at = Date.now() - 10_000; guildShard(guildId, count) !== want; at++) {
      guildId = snowflake(at);
    }
  }
  const guild: MusicGuild = {
    guildId,
    ownerId: snowflake(),
    listenerId: snowflake(),
    outsiderId: snowflake(),
    elsewhereId: snowflake(),
    voiceChannelId: snowflake(),
    otherVoiceChannelId: snowflake(),
    textChannelId: snowflake(),
  };
  bot.discord.addGuild({
    id: guild.guildId,
    ownerId: guild.ownerId,
    channels: [
      { id: guild.textChannelId, type: 0, name: "music" },
      { id: guild.voiceChannelId, type: 2, name: "Lounge" },
      { id: guild.otherVoiceChannelId, type: 2, name: "Stage" },
    ],
    members: {
      [guild.listenerId]: [],
      [guild.outsiderId]: [],
      [guild.elsewhereId]: [],
      [bot.discord.botUserId]: [],
    },
    voice: {
      [guild.listenerId]: guild.voiceChannelId,
      [guild.elsewhereId]: guild.otherVoiceChannelId,
    },
  });
  return guild;
}

/** The name of the `i`th Lavalink node in LAVALINK_NODES. */
export const lavalinkName = (i: number) => (i === 0 ? "main" : `node${i + 1}`);

export async function startMusicWorld(
  options: {
    timings?: Partial<MusicTimings>;
    botEnv?: Record<string, string>;
    /** How many Lavalink nodes (default 1). */
    lavalinkNodes?: number;
    /** How long a dropped Lavalink node may take to come back before its players move. */
    failoverGraceMs?: number;
    /** How playlist uploads are worked through. */
    uploads?: Partial<UploadSettings>;
    /** Simulates Workers on the edge: answers are cut after this long unless handed over. */
    aiCutAfterMs?: number;
    /** The voice-node also runs the long-lived worker's tasks (AI answers, moderation jobs). */
    workerTasks?: boolean;
  } = {},
): Promise<MusicWorld> {
  const db = await createOwnDatabase();
  const bot = await startBot({
    databaseUrl: db.url,
    env: options.botEnv,
    ...(options.aiCutAfterMs ? { aiCutAfterMs: options.aiCutAfterMs } : {}),
  });
  const lavalinks: FakeLavalink[] = [];
  for (let i = 0; i < (options.lavalinkNodes ?? 1); i++) lavalinks.push(await startFakeLavalink());
  const lavalink = lavalinks[0] as FakeLavalink;
  const guild = addMusicGuild(bot);
  const gateway = await startFakeGateway(bot.discord);
  const config = parseVoiceNodeConfig(voiceNodeEnv({ db, bot, lavalink, lavalinks }));
  const nodeLogs: string[] = [];
  const queue = createSqlJobQueue(db.handle.db);
  const world: MusicWorld = {
    db,
    bot,
    gateway,
    lavalink,
    lavalinks,
    guild,
    config,
    node: null,
    nodeLogs,
    async startNode() {
      world.node = await startVoiceNode({
        config,
        port: 0,
        timings: { positionFlushMs: 20, ...options.timings },
        failoverGraceMs: options.failoverGraceMs,
        uploads: options.uploads,
        ...(options.workerTasks
          ? { extraTasks: voiceNodeExtraTasks(bot.node.isolate.config) }
          : {}),
        log: createLogger({
          level: "debug",
          secrets: [bot.botToken, lavalink.password],
          write: (line) => nodeLogs.push(line),
        }),
      });
      return world.node;
    },
    async stopNode() {
      await world.node?.shutdown();
      world.node = null;
    },
    job(action, userId = guild.listenerId, overrides = {}) {
      const token = bot.discord.issueInteractionToken({ channelId: guild.textChannelId });
      bot.discord.acknowledge(token, { type: 5 });
      return {
        v: 1,
        guildId: guild.guildId,
        userId,
        textChannelId: guild.textChannelId,
        userVoiceChannelId: bot.discord.state.voiceState(guild.guildId, userId)?.channelId ?? null,
        canManageGuild: false,
        action,
        interaction: { applicationId: bot.applicationId, token, receivedAt: Date.now() },
        ...overrides,
      } as MusicJob & { interaction: NonNullable<MusicJob["interaction"]> };
    },
    addMember(channelId, roles = []) {
      const id = snowflake();
      bot.discord.state.guilds.get(guild.guildId)?.members.set(id, roles);
      if (channelId) gateway.sim.setVoiceState(guild.guildId, id, channelId);
      return id;
    },
    enqueue: (job) => enqueueMusicJob(queue, job, 1),
    async edited(token) {
      const call = await bot.discord.waitFor(
        (c) =>
          c.method === "PATCH" && c.path.includes(token) && c.path.endsWith("/messages/@original"),
        { timeoutMs: 10_000 },
      );
      return call.body as Record<string, unknown>;
    },
    async refused(token) {
      const call = await bot.discord.waitFor(
        (c) => c.method === "POST" && c.path.includes(`/webhooks/`) && c.path.includes(token),
        { timeoutMs: 10_000 },
      );
      return call.body as Record<string, unknown>;
    },
    async close() {
      await world.stopNode();
      await gateway.close();
      for (const node of lavalinks) await node.close();
      await bot.close();
      await db.close();
    },
  };
  return world;
}
