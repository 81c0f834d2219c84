import { findPlayer, updatePlayer } from "../../data/music/index.ts";
import { LEGACY_MUSIC_TASK, musicTask, playlistTask } from "../../domain/music/job.ts";
import {
  ALONE_LEAVE_MS,
  IDLE_LEAVE_MS,
  INTERACTION_JOB_MAX_AGE_MS,
  NOW_PLAYING_EDIT_GAP_MS,
  POSITION_SAVE_MS,
} from "../../domain/music/limits.ts";
import { type ShardSpec, SINGLE_SHARD } from "../../domain/music/shards.ts";
import { describeError } from "../../platform/logger.ts";
import type {
  AudioService,
  Clock,
  Database,
  DiscordApi,
  Logger,
  TaskHandler,
} from "../../ports/index.ts";
import { audioEvents } from "./audio-events.ts";
import { AutoLeave } from "./auto-leave.ts";
import type { MusicNodeContext, MusicNodeMetrics, MusicTimings } from "./context.ts";
import { leaveGuild } from "./controls.ts";
import { GuildLocks } from "./guild-locks.ts";
import { musicTask as musicJobTask } from "./job-task.ts";
import { ListenerCounts } from "./listener-counts.ts";
import { NowPlaying } from "./now-playing.ts";
import { NowPlayingAnnouncer } from "./now-playing-announcer.ts";
import { PositionSaver } from "./position-saver.ts";
import { restorePlayers } from "./restore.ts";
import { SpeechInterludes } from "./speech-interludes.ts";
import { playlistUploadTask, UPLOAD_DEFAULTS, type UploadSettings } from "./upload/upload-task.ts";
import { VoiceStateCache } from "./voice-states.ts";

/** Options of {@link createMusicNode}. */
export interface MusicNodeOptions {
  db: Database;
  discord: DiscordApi;
  audio: AudioService;
  clock: Clock;
  log: Logger;
  metrics: MusicNodeMetrics;
  botUserId: string;
  nodeId: string;
  /** The shards whose guilds' jobs this node runs; default every guild (one shard). */
  shards?: ShardSpec;
  defaultSearch: string;
  timings?: Partial<MusicTimings>;
  /** How playlist uploads are worked through (tests shorten the edit gap). */
  uploads?: Partial<UploadSettings>;
  /** Resolves once the gateway session is up: joins wait for it. */
  gatewayReady: Promise<void>;
  /** Told after a Lavalink session became ready and players were restored. */
  onSessionReady?: () => void;
}

/** The music feature of a voice-node. */
export interface MusicNode {
  /** Job handlers by task name, for the job runner. */
  readonly tasks: ReadonlyMap<string, TaskHandler>;
  /** Long jobs (playlist uploads), for a runner of their own so they never hold up commands. */
  readonly bulkTasks: ReadonlyMap<string, TaskHandler>;
  /** Shutting down: long jobs stop after their current batch, to resume on the next process. */
  drain(): void;
  readonly context: MusicNodeContext;
  /** Feeds a gateway dispatch (voice states, the bot's own moves). */
  onDispatch(t: string | null | undefined, d: unknown): void;
  /**
   * Resolves once the first Lavalink session was handled (players restored): the job runner
   * starts after it, so a command never races the restore of its guild.
   */
  readonly restored: Promise<void>;
  /** Saves every position now (SIGTERM). */
  flush(): Promise<void>;
  stop(): void;
}

/** Wires the voice-node's music feature: job handlers, audio events, auto-leave, restore. */
export function createMusicNode(options: MusicNodeOptions): MusicNode {
  const timings: MusicTimings = {
    aloneLeaveMs: ALONE_LEAVE_MS,
    idleLeaveMs: IDLE_LEAVE_MS,
    positionFlushMs: POSITION_SAVE_MS,
    interactionMaxAgeMs: INTERACTION_JOB_MAX_AGE_MS,
    nowPlayingGapMs: NOW_PLAYING_EDIT_GAP_MS,
    ...options.timings,
  };
  const playing = new NowPlaying();
  const autoLeave = new AutoLeave();
  let draining = false;
  const ctx: MusicNodeContext = {
    db: options.db,
    discord: options.discord,
    audio: options.audio,
    clock: options.clock,
    log: options.log,
    metrics: options.metrics,
    botUserId: options.botUserId,
    nodeId: options.nodeId,
    shards: options.shards ?? SINGLE_SHARD,
    defaultSearch: options.defaultSearch,
    timings,
    voice: new VoiceStateCache(),
    locks: new GuildLocks(),
    playing,
    positions: new PositionSaver(options.db, playing, options.log, timings.positionFlushMs, () =>
      options.clock.now(),
    ),
    speech: new SpeechInterludes(() => options.clock.now()),
    announcer: new NowPlayingAnnouncer({
      db: options.db,
      discord: options.discord,
      clock: options.clock,
      log: options.log,
      gapMs: timings.nowPlayingGapMs,
    }),
    schedule: {
      idle: (g) => autoLeave.startIdle(g),
      cancelIdle: (g) => autoLeave.cancelIdle(g),
      checkAlone: (g) => autoLeave.checkAlone(g),
    },
  };
  autoLeave.attach(ctx);
  const listeners = new ListenerCounts(ctx);
  let markRestored: () => void = () => {};
  const restored = new Promise<void>((resolve) => {
    markRestored = resolve;
  });

  options.audio.listen(
    audioEvents(ctx, async (_resumed, survivors) => {
      await options.gatewayReady;
      try {
        await restorePlayers(ctx, survivors);
      } finally {
        markRestored();
      }
      for (const guildId of playing.guilds()) autoLeave.checkAlone(guildId);
      options.onSessionReady?.();
    }),
  );

  const followBotVoice = (guildId: string, channelId: string | null) => {
    void ctx.locks
      .run(guildId, async () => {
        const player = await findPlayer(ctx.db, guildId);
        if (!player?.voiceChannelId || player.voiceChannelId === channelId) return;
        if (channelId === null) {
          // Disconnected by someone else: stop, keep the queue.
          ctx.log.info("music.disconnected_externally", { guildId });
          await leaveGuild(ctx, guildId, false);
        } else {
          await updatePlayer(ctx.db, guildId, { voiceChannelId: channelId });
        }
      })
      .catch((error: unknown) =>
        ctx.log.warn("music.follow_voice_failed", { guildId, error: describeError(error) }),
      );
  };

  return {
    tasks: musicTasks(ctx),
    bulkTasks: uploadTasks(ctx, { ...UPLOAD_DEFAULTS, ...options.uploads }, () => draining),
    drain() {
      draining = true;
    },
    context: ctx,
    restored,
    onDispatch(t, d) {
      const guildId = ctx.voice.apply(t, d);
      if (!guildId) return;
      if (t === "VOICE_STATE_UPDATE") {
        const update = d as { user_id?: string; channel_id?: string | null };
        if (update.user_id === ctx.botUserId) followBotVoice(guildId, update.channel_id ?? null);
      }
      autoLeave.checkAlone(guildId);
      listeners.update(guildId);
    },
    flush: () => ctx.positions.flush(playing.guilds()),
    stop() {
      autoLeave.stop();
      ctx.positions.stop();
      ctx.announcer.stop();
    },
  };
}

/** The playlist upload tasks of this node's shards. */
function uploadTasks(
  ctx: MusicNodeContext,
  settings: UploadSettings,
  draining: () => boolean,
): ReadonlyMap<string, TaskHandler> {
  const handler = playlistUploadTask(ctx, settings, draining);
  return new Map(ctx.shards.ids.map((shard) => [playlistTask(shard), handler]));
}

/** The music tasks of this node's shards (and the pre-sharding name when it holds them all). */
function musicTasks(ctx: MusicNodeContext): ReadonlyMap<string, TaskHandler> {
  const handler = musicJobTask(ctx);
  const tasks = new Map(ctx.shards.ids.map((shard) => [musicTask(shard), handler]));
  if (ctx.shards.count === 1) tasks.set(LEGACY_MUSIC_TASK, handler);
  return tasks;
}
