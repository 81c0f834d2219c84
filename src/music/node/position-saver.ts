import { savePositions } from "../../data/music/players.ts";
import { describeError } from "../../platform/logger.ts";
import type { Database, Logger } from "../../ports/index.ts";
import type { NowPlaying } from "./now-playing.ts";

/**
 * Saves positions in batches: a report marks its guild dirty and a flush follows within
 * `delayMs` (one statement for every dirty guild). Lavalink reports every 5 s, so a playing
 * guild's position reaches Postgres at least every 5 s + `delayMs`.
 */
export class PositionSaver {
  private readonly dirty = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Database,
    private readonly playing: NowPlaying,
    private readonly log: Logger,
    private readonly delayMs: number,
    private readonly now: () => number,
  ) {}

  mark(guildId: string): void {
    this.dirty.add(guildId);
    if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        void this.flush();
      }, this.delayMs);
      this.timer.unref();
    }
  }

  /** Writes every dirty guild's position now (also on shutdown). */
  flush(guildIds: Iterable<string> = this.dirty): Promise<void> {
    const now = this.now();
    const samples = [...guildIds].flatMap((guildId) => {
      this.dirty.delete(guildId);
      const entry = this.playing.get(guildId);
      return entry
        ? [
            {
              guildId,
              entryId: entry.entryId,
              positionMs: this.playing.estimate(guildId, now),
              at: new Date(now),
            },
          ]
        : [];
    });
    this.flushing = this.flushing.then(async () => {
      try {
        await savePositions(this.db, samples);
      } catch (error) {
        // Kept dirty: the next report retries. Redis is never the fallback for the truth.
        for (const sample of samples) this.dirty.add(sample.guildId);
        this.log.warn("music.position_save_failed", {
          guilds: samples.length,
          error: describeError(error),
        });
      }
    });
    return this.flushing;
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
