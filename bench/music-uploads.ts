import { createSqlJobQueue } from "../src/adapters/jobs/sql-job-queue.ts";
import { createUpload, findUpload } from "../src/data/music/index.ts";
import { enqueuePlaylistUpload } from "../src/music/enqueue.ts";
import {
  type BenchGuild,
  procStat,
  startVoiceNodeStage,
  type VoiceNodeStage,
} from "./voice-node-stage.ts";

/** One round of uploads started together. */
export interface UploadRound {
  uploads: number;
  entries: number;
  added: number;
  notFound: number;
  skipped: number;
  seconds: number;
  entriesPerSecond: number;
  /** The voice-node's CPU time per 1000 entries (user + system). */
  cpuMsPer1000: number;
  /** Progress edits of the responses (interaction-token PATCHes), final reports included. */
  edits: number;
}

/** What {@link measureUploads} measured. */
export interface UploadFigures {
  alone: UploadRound;
  together: UploadRound;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A playlist file's lines: "Artist n - Song n", with one line in 100 that finds nothing. */
function lines(guild: number, entries: number): string[] {
  return Array.from({ length: entries }, (_, i) =>
    i % 100 === 99 ? `nothing here ${guild}/${i}` : `Artist ${guild}.${i} - Song ${i}`,
  );
}

async function round(
  stage: VoiceNodeStage,
  guilds: readonly BenchGuild[],
  entries: number,
): Promise<UploadRound> {
  const { db } = stage.database;
  const queue = createSqlJobQueue(db);
  const jobs: { uploadId: number; token: string }[] = [];
  // As the edge stores them: the parsed entries in Postgres, then the job.
  for (const [i, g] of guilds.entries()) {
    const row = await createUpload(db, {
      guildId: g.guildId,
      userId: g.userId,
      textChannelId: g.textId,
      filename: `bench-${i}.txt`,
      entries: lines(i, entries),
    });
    const token = stage.discord.issueInteractionToken({ channelId: g.textId });
    stage.discord.acknowledge(token, { type: 5 });
    jobs.push({ uploadId: row.id, token });
  }
  const before = procStat(stage.pid);
  const started = performance.now();
  for (const [i, g] of guilds.entries()) {
    const job = jobs[i];
    if (!job) continue;
    await enqueuePlaylistUpload(
      queue,
      {
        v: 1,
        guildId: g.guildId,
        userId: g.userId,
        textChannelId: g.textId,
        userVoiceChannelId: g.voiceId,
        canManageGuild: false,
        action: { type: "playlist_upload", uploadId: job.uploadId },
        interaction: {
          applicationId: stage.applicationId,
          token: job.token,
          receivedAt: Date.now(),
        },
      },
      1,
    );
  }
  const rows = async () => Promise.all(jobs.map((j) => findUpload(db, j.uploadId)));
  // Bounded: ten minutes is far past any plausible figure on a loaded 2-CPU machine.
  let finished = await rows();
  for (let i = 0; i < 12_000 && !finished.every((r) => r?.status === "done"); i++) {
    await sleep(50);
    finished = await rows();
  }
  const seconds = (performance.now() - started) / 1000;
  const after = procStat(stage.pid);
  if (!finished.every((r) => r?.status === "done")) {
    throw new Error(`uploads unfinished: ${finished.map((r) => r?.status).join(", ")}`);
  }
  const sum = (pick: (r: NonNullable<(typeof finished)[number]>) => number) =>
    finished.reduce((total, r) => total + (r ? pick(r) : 0), 0);
  const total = sum((r) => r.total);
  const edits = stage.discord.calls.filter(
    (c) => c.method === "PATCH" && jobs.some((j) => c.path.includes(j.token)),
  ).length;
  return {
    uploads: guilds.length,
    entries: total,
    added: sum((r) => r.added),
    notFound: sum((r) => r.notFound),
    skipped: sum((r) => r.skipped),
    seconds,
    entriesPerSecond: total / seconds,
    cpuMsPer1000: ((after.cpuSeconds - before.cpuSeconds) * 1000 * 1000) / total,
    edits,
  };
}

/**
 * Playlist uploads through the voice-node's real upload task: the bundled voice-node in its
 * own process (as the image runs it) takes `playlist_shard_0` jobs from graphile-worker,
 * resolves each entry with the simulated Lavalink's `/v4/loadtracks`, appends batches to the
 * Postgres queue with the cursor, and edits progress into the fake Discord. First one upload
 * alone, then `together` uploads at once in as many guilds.
 */
export async function measureUploads(
  baseUrl: string,
  entries: number,
  together: number,
): Promise<UploadFigures> {
  const stage = await startVoiceNodeStage(baseUrl, together + 1, true);
  try {
    const [first, ...rest] = stage.guilds;
    if (!first) throw new Error("no guild");
    const alone = await round(stage, [first], entries);
    const concurrent = await round(stage, rest, entries);
    return { alone, together: concurrent };
  } finally {
    await stage.close();
  }
}
