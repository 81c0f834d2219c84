import { createSqlJobQueue } from "../src/adapters/jobs/sql-job-queue.ts";
import { makeTrack } from "../src/dev/lavalink-sim/index.ts";
import { enqueueMusicJob } from "../src/music/enqueue.ts";
import { procStat, startVoiceNodeStage } from "./voice-node-stage.ts";

/** What the voice-node process costs. */
export interface VoiceNodeFigures {
  idleRssMiB: number;
  guilds: number;
  playing: number;
  /** Share of one CPU while `guilds` play, over `windowSeconds`. */
  cpuShare: number;
  rssPlayingMiB: number;
  windowSeconds: number;
  /** From the last job enqueued until every guild played (or the wait ran out). */
  startSeconds: number;
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
  const stage = await startVoiceNodeStage(baseUrl, guilds, bundled);
  const { discord, lavalink, pid } = stage;
  try {
    await sleep(5000);
    const idle = procStat(pid);

    const queue = createSqlJobQueue(stage.database.db);
    // An hour-long track a guild: every guild is still playing when the last one joins.
    const trackOf = (guildId: string) => `https://bench.invalid/${guildId}`;
    for (const s of stage.guilds) {
      lavalink.catalog.addTrack(
        trackOf(s.guildId),
        makeTrack(`bench ${s.guildId}`, { length: 3_600_000 }),
      );
    }
    for (const s of stage.guilds) {
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
          action: { type: "play", query: trackOf(s.guildId) },
          interaction: { applicationId: stage.applicationId, token, receivedAt: Date.now() },
        },
        1,
      );
    }
    const playingNow = () =>
      stage.guilds.filter((s) => lavalink.playersOf(s.guildId).some((p) => p.advancing())).length;
    // Joins are paced by the gateway (~115 commands a minute a shard): wait for all of them,
    // bounded at 60 s plus 0.6 s a guild.
    const waitMs = 60_000 + guilds * 600;
    const waitStarted = performance.now();
    while (playingNow() < guilds && performance.now() - waitStarted < waitMs) await sleep(100);
    const startSeconds = (performance.now() - waitStarted) / 1000;
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
      startSeconds,
    };
  } finally {
    await stage.close();
  }
}
