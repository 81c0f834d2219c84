import type { LavalinkTrack } from "./catalog.ts";
import { playbackSpeed } from "./filters.ts";

/** The voice connection data a player needs (all four fields, since Lavalink 4.2 / DAVE). */
export interface VoiceData {
  token: string;
  endpoint: string;
  sessionId: string;
  channelId: string;
}

/** One simulated Lavalink player: playback position follows the simulator's clock. */
export class SimPlayer {
  track: LavalinkTrack | null = null;
  paused = false;
  volume = 100;
  voice: VoiceData | null = null;
  filters: Record<string, unknown> = {};
  /** Position at `baseAt`. */
  private basePosition = 0;
  private baseAt = 0;
  lastUpdateAt = 0;
  /** Behaviour already triggered for the current track (stuck is reported once). */
  stuckReported = false;

  constructor(readonly guildId: string) {}

  get connected(): boolean {
    return this.voice !== null;
  }

  /** Whether time moves the position: a track, not paused, and a voice connection. */
  advancing(): boolean {
    return this.track !== null && !this.paused && this.connected;
  }

  position(now: number): number {
    if (!this.track) return 0;
    // A timescale filter moves track time faster or slower than the clock.
    const moved = this.advancing() ? (now - this.baseAt) * playbackSpeed(this.filters) : 0;
    const position = this.basePosition + Math.max(0, moved);
    return this.track.info.isStream ? position : Math.min(position, this.track.info.length);
  }

  /** Re-bases the position before a change of paused/connected state. */
  settle(now: number): void {
    this.basePosition = this.position(now);
    this.baseAt = now;
  }

  start(track: LavalinkTrack, position: number, now: number): void {
    this.track = track;
    this.basePosition = Math.max(0, position);
    this.baseAt = now;
    this.stuckReported = false;
  }

  seek(position: number, now: number): void {
    this.basePosition = Math.max(0, position);
    this.baseAt = now;
  }

  stop(): void {
    this.track = null;
    this.basePosition = 0;
  }

  toJson(now: number): Record<string, unknown> {
    return {
      guildId: this.guildId,
      track: this.track
        ? { ...this.track, info: { ...this.track.info, position: this.position(now) } }
        : null,
      volume: this.volume,
      paused: this.paused,
      state: {
        time: now,
        position: this.position(now),
        connected: this.connected,
        ping: this.connected ? 12 : -1,
      },
      voice: this.voice ?? { token: "", endpoint: "", sessionId: "", channelId: null },
      filters: this.filters,
    };
  }
}
