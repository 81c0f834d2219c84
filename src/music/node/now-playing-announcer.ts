import {
  findEntry,
  findMusicSettings,
  findNowPlayingMessage,
  findPlayer,
  forgetNowPlayingMessage,
  saveNowPlayingMessage,
  upcomingSummary,
} from "../../data/music/index.ts";
import { describeError } from "../../platform/logger.ts";
import {
  type Clock,
  type Database,
  type DiscordApi,
  DiscordRequestError,
  type Logger,
  type MessageBody,
} from "../../ports/index.ts";
import { nowPlayingCard, nowPlayingEndedCard } from "../now-playing-card.ts";

const UNKNOWN_MESSAGE = 10008;
const UNKNOWN_CHANNEL = 10003;

/** What the announcer works with. */
export interface AnnouncerDeps {
  db: Database;
  discord: DiscordApi;
  clock: Clock;
  log: Logger;
  /** Least time between two writes (post or edit) of one guild's message. */
  gapMs: number;
}

/**
 * Keeps each guild's now-playing message in step with its music: posted in the channel where
 * the music started when a track starts, edited on every change after that, turned into an
 * "ended" card without buttons when the music stops. Changes only mark the guild; a write
 * follows once the guild's last write is `gapMs` old, and renders the state at that moment,
 * so a burst of changes costs one edit (Discord's rate limits, and no flicker).
 */
export class NowPlayingAnnouncer {
  private readonly lastWrite = new Map<string, number>();
  private readonly lastBody = new Map<string, string>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, Promise<void>>();
  /** Resolves once the scheduled write of each guild is done (see {@link idle}). */
  private readonly pending = new Map<string, { done: Promise<void>; resolve: () => void }>();
  private stopped = false;

  constructor(private readonly deps: AnnouncerDeps) {}

  /** Something about the guild's music changed: its message follows (no sooner than allowed). */
  refresh(guildId: string): void {
    if (this.stopped || this.timers.has(guildId)) return;
    const since = this.deps.clock.now() - (this.lastWrite.get(guildId) ?? Number.NEGATIVE_INFINITY);
    let resolve: () => void = () => {};
    const done = new Promise<void>((r) => {
      resolve = r;
    });
    const mark = { done, resolve };
    this.pending.set(guildId, mark);
    const timer = setTimeout(
      () => {
        this.timers.delete(guildId);
        const previous = this.running.get(guildId) ?? Promise.resolve();
        const next = previous.then(() => this.write(guildId));
        this.running.set(guildId, next);
        void next.finally(() => {
          if (this.running.get(guildId) === next) this.running.delete(guildId);
          if (this.pending.get(guildId) === mark) this.pending.delete(guildId);
          mark.resolve();
        });
      },
      Math.max(0, this.deps.gapMs - since),
    );
    timer.unref();
    this.timers.set(guildId, timer);
  }

  /** Resolves once every scheduled or running write is done, later ones included. */
  async idle(): Promise<void> {
    while (this.pending.size > 0 || this.running.size > 0) {
      await Promise.all([
        ...[...this.pending.values()].map((p) => p.done),
        ...this.running.values(),
      ]);
    }
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const mark of this.pending.values()) mark.resolve();
    this.pending.clear();
  }

  private async write(guildId: string): Promise<void> {
    const { db, clock } = this.deps;
    // A write chained behind another must wait its turn too.
    const wait = (this.lastWrite.get(guildId) ?? Number.NEGATIVE_INFINITY) + this.deps.gapMs;
    if (clock.now() < wait) {
      this.refresh(guildId);
      return;
    }
    try {
      const [player, settings, message] = await Promise.all([
        findPlayer(db, guildId),
        findMusicSettings(db, guildId),
        findNowPlayingMessage(db, guildId),
      ]);
      if (!player || !settings.announce) return;
      const entry = player.voiceChannelId
        ? await findEntry(db, guildId, player.currentEntryId)
        : null;
      if (entry) {
        const channelId = message?.channelId ?? player.textChannelId;
        if (!channelId) return;
        const { count } = await upcomingSummary(db, guildId, entry.id);
        const messageId = await this.put(
          guildId,
          channelId,
          message?.messageId ?? null,
          nowPlayingCard(entry, player, count),
        );
        if (messageId && (messageId !== message?.messageId || message.entryId !== entry.id)) {
          await saveNowPlayingMessage(db, {
            guildId,
            channelId,
            messageId,
            entryId: entry.id,
            editedAt: new Date(clock.now()),
          });
        }
      } else if (message) {
        const why = player.voiceChannelId ? "ended" : "stopped";
        await this.put(guildId, message.channelId, message.messageId, nowPlayingEndedCard(why));
        // The next session posts a fresh message, near where people talk by then.
        await forgetNowPlayingMessage(db, guildId);
        this.lastBody.delete(guildId);
      }
    } catch (error) {
      this.deps.log.warn("music.now_playing_failed", { guildId, error: describeError(error) });
    }
  }

  /** Edits the message (or posts one when there is none, or it was deleted); returns its id. */
  private async put(
    guildId: string,
    channelId: string,
    messageId: string | null,
    body: MessageBody,
  ): Promise<string | null> {
    const rendered = JSON.stringify(body);
    if (messageId && this.lastBody.get(guildId) === rendered) return messageId;
    this.lastWrite.set(guildId, this.deps.clock.now());
    this.lastBody.set(guildId, rendered);
    const channels = this.deps.discord.channels;
    if (messageId) {
      try {
        await channels.editMessage(channelId, messageId, body);
        return messageId;
      } catch (error) {
        const gone =
          error instanceof DiscordRequestError &&
          (error.code === UNKNOWN_MESSAGE || error.code === UNKNOWN_CHANNEL);
        if (!gone) throw error;
      }
    }
    if (!body.components?.length) return null;
    return channels.createMessage(channelId, body);
  }
}
