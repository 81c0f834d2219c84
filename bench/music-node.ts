import { readFileSync } from "node:fs";
import { createNodePostgresDatabase } from "../src/adapters/db/node-postgres.ts";
import { migrateJobQueue } from "../src/adapters/jobs/graphile-runner.ts";
import { createSqlJobQueue } from "../src/adapters/jobs/sql-job-queue.ts";
import { acceleratedClock, startLavalinkSim } from "../src/dev/lavalink-sim/index.ts";
import { enqueueMusicJob } from "../src/music/enqueue.ts";
import { createLogger } from "../src/platform/logger.ts";
import { startFakeDiscord } from "../test/support/fake-discord.ts";
import { startFakeGateway } from "../test/support/fake-gateway.ts";
import { createTestDatabase } from "../test/support/services.ts";
import { snowflake } from "../test/support/snowflake.ts";
import { spawnVoiceNode } from "../test/support/voice-node-process.ts";

/** What the voice-node process costs. */
export interface VoiceNodeFigures {
  idleRssMiB: number;
  guilds: number;
  playing: number;
  /** Share of one CPU while `guilds` play, over `windowSeconds`. */
  cpuShare: number;
  rssPlayingMiB: number;
  windowSeconds: number;
}

const CLOCK_TICKS = 100;
function procStat(pid: number): { cpuSeconds: number; rssMiB: number } {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  // Fields after "(comm) ": utime is the 12th, stime the 13th (0-based 11, 12).
  const cpuSeconds = (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const rssKiB = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return { cpuSeconds, rssMiB: rssKiB / 1024 };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `npm run voice-node` in its own process against the fake Discord (REST + gateway) and the
 * simulated Lavalink playing in real time: its RSS when idle, then its CPU while `guilds`
 * guilds play (each a member in voice and one `/music play` job through graphile-worker).
 */
export async function measureVoiceNode(
  baseUrl: string,
  guilds: number,
  windowSeconds: number,
  bundled: boolean,
): Promise<VoiceNodeFigures> {
  const database = await createTestDatabase({ baseUrl });
  await migrateJobQueue(database.url);
  const log = createLogger({ level: "error" });
  const handle = createNodePostgresDatabase(database.url, log);
  const applicationId = snowflake();
  const discord = await startFakeDiscord({
    botToken: `bench-voice.${snowflake()}.${crypto.randomUUID()}`,
    applicationId,
  });
  const scenes = Array.from({ length: guilds }, () => ({
    guildId: snowflake(),
    userId: snowflake(),
    voiceId: snowflake(),
    textId: snowflake(),
  }));
  for (const s of scenes) {
    discord.addGuild({
      id: s.guildId,
      ownerId: s.userId,
      channels: [
        { id: s.textId, type: 0, name: "music" },
        { id: s.voiceId, type: 2, name: "Lounge" },
      ],
      members: { [s.userId]: [], [discord.botUserId]: [] },
      voice: { [s.userId]: s.voiceId },
    });
  }
  const gateway = await startFakeGateway(discord);
  const lavalink = await startLavalinkSim({
    password: `bench-${crypto.randomUUID()}`,
    clock: acceleratedClock(1),
    tickMs: 250,
  });
  const node = spawnVoiceNode(
    {
      DATABASE_URL: database.url,
      DISCORD_TOKEN: discord.botToken,
      DISCORD_APPLICATION_ID: applicationId,
      DISCORD_API_BASE: discord.apiBase,
      LAVALINK_NODES: lavalink.nodeUrl("main"),
      VOICE_NODE_PORT: "0",
      LOG_LEVEL: "warn",
      NODE_ENV: "production",
    },
    { bundled },
  );
  try {
    await node.port;
    const pid = node.child.pid ?? 0;
    await sleep(5000);
    const idle = procStat(pid);

    const queue = createSqlJobQueue(handle.db);
    for (const s of scenes) {
      const token = discord.issueInteractionToken({ channelId: s.textId });
      discord.acknowledge(token, { type: 5 });
      await enqueueMusicJob(
        queue,
        {
          v: 1,
          guildId: s.guildId,
          userId: s.userId,
          textChannelId: s.textId,
          userVoiceChannelId: s.voiceId,
          canManageGuild: false,
          action: { type: "play", query: `bench ${s.guildId}` },
          interaction: { applicationId, token, receivedAt: Date.now() },
        },
        1,
      );
    }
    const playingNow = () =>
      scenes.filter((s) => lavalink.playersOf(s.guildId).some((p) => p.advancing())).length;
    for (let i = 0; i < 600 && playingNow() < guilds; i++) await sleep(100);
    const before = procStat(pid);
    const started = performance.now();
    await sleep(windowSeconds * 1000);
    const after = procStat(pid);
    const wall = (performance.now() - started) / 1000;
    return {
      idleRssMiB: idle.rssMiB,
      guilds,
      playing: playingNow(),
      cpuShare: (after.cpuSeconds - before.cpuSeconds) / wall,
      rssPlayingMiB: after.rssMiB,
      windowSeconds: wall,
    };
  } finally {
    await node.stop("SIGTERM");
    await lavalink.close();
    await gateway.close();
    await discord.close();
    await handle.close();
    await database.drop();
  }
}
