import { createSqlJobQueue } from "../src/adapters/jobs/sql-job-queue.ts";
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
          action: { type: "play", query: `bench ${s.guildId}` },
          interaction: { applicationId: stage.applicationId, token, receivedAt: Date.now() },
        },
        1,
      );
    }
    const playingNow = () =>
      stage.guilds.filter((s) => lavalink.playersOf(s.guildId).some((p) => p.advancing())).length;
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
    await stage.close();
  }
}
