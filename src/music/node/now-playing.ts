/** What this process knows about a guild's current track between database writes. */
export interface Playing {
  entryId: number;
  encoded: string;
  lengthMs: number;
  paused: boolean;
  /** Last known position and when (ms since 1970). */
  positionMs: number;
  at: number;
  /** Track time per real time (a nightcore filter plays faster); default 1. */
  rate?: number;
}

/**
 * The current entry of each guild with its latest position report, so positions can be saved
 * in batches and estimated between Lavalink's reports.
 */
export class NowPlaying {
  private readonly byGuild = new Map<string, Playing>();

  set(guildId: string, playing: Playing): void {
    this.byGuild.set(guildId, playing);
  }

  get(guildId: string): Playing | undefined {
    return this.byGuild.get(guildId);
  }

  clear(guildId: string): void {
    this.byGuild.delete(guildId);
  }

  /** Records a position report; false when the guild plays nothing we know of. */
  sample(guildId: string, positionMs: number, at: number): boolean {
    const playing = this.byGuild.get(guildId);
    if (!playing) return false;
    playing.positionMs = positionMs;
    playing.at = at;
    return true;
  }

  /** The position now, extrapolated from the last report while playing. */
  estimate(guildId: string, now: number): number {
    const playing = this.byGuild.get(guildId);
    if (!playing) return 0;
    const moved = playing.paused ? 0 : Math.max(0, now - playing.at) * (playing.rate ?? 1);
    const position = playing.positionMs + moved;
    return playing.lengthMs > 0 ? Math.min(position, playing.lengthMs) : position;
  }

  /** Freezes or restarts the clock of a guild's position. */
  setPaused(guildId: string, paused: boolean, now: number): void {
    const playing = this.byGuild.get(guildId);
    if (!playing) return;
    playing.positionMs = this.estimate(guildId, now);
    playing.at = now;
    playing.paused = paused;
  }

  /** Changes how fast a guild's position moves (a filter changed the speed). */
  setRate(guildId: string, rate: number, now: number): void {
    const playing = this.byGuild.get(guildId);
    if (!playing) return;
    playing.positionMs = this.estimate(guildId, now);
    playing.at = now;
    playing.rate = rate;
  }

  guilds(): string[] {
    return [...this.byGuild.keys()];
  }
}
