import type { LavalinkFilters } from "../domain/music/filters.ts";

/** A playable track as the audio service describes it. */
export interface AudioTrack {
  encoded: string;
  title: string;
  author: string;
  uri: string | null;
  artworkUrl: string | null;
  sourceName: string;
  /** 0 for live streams. */
  lengthMs: number;
  isStream: boolean;
  isSeekable: boolean;
}

/** What loading a query or URL gave. */
export type LoadOutcome =
  | { kind: "track"; tracks: [AudioTrack] }
  | { kind: "search"; tracks: AudioTrack[] }
  | { kind: "playlist"; name: string; tracks: AudioTrack[] }
  | { kind: "empty" }
  | { kind: "error"; message: string };

/** How a track stopped, in Lavalink's words. */
export type TrackEndReason = "finished" | "loadFailed" | "stopped" | "replaced" | "cleanup";

/** A player as the audio server still holds it after a session resumed. */
export interface ResumedPlayer {
  /** The node whose session still holds it. */
  node: string;
  guildId: string;
  encoded: string | null;
  positionMs: number;
  paused: boolean;
}

/** What the audio service tells the music feature. */
export interface AudioEvents {
  trackEnd(guildId: string, encoded: string, reason: TrackEndReason): void;
  trackException(guildId: string, encoded: string, message: string): void;
  trackStuck(guildId: string, encoded: string): void;
  /** A position report (Lavalink sends one every 5 s per player). */
  position(guildId: string, positionMs: number, at: number): void;
  /**
   * A node's session is ready. `resumed` false means its players are gone (a new session):
   * recreate them from Postgres. `players` lists what resumed sessions still hold (the first
   * event after start lists every node's, each with its node).
   */
  sessionReady(node: string, resumed: boolean, players: readonly ResumedPlayer[]): void;
  /**
   * A node died and these guilds' players were taken off it while another node is up: play
   * them again elsewhere, from where they were at `since` (ms since 1970, when it dropped).
   */
  playersLost(node: string, guildIds: readonly string[], since: number): void;
}

/** One audio node's state, for /health and the heartbeat. */
export interface AudioNodeStatus {
  name: string;
  up: boolean;
  sessionId: string | null;
  /** Players this process holds on it. */
  players: number;
}

/** Options of {@link AudioService.connect}. */
export interface ConnectOptions {
  /** Put a new player on this node (a resumed session's); default the least loaded one. */
  node?: string;
}

/** Playback options of {@link AudioService.play}. */
export interface PlayOptions {
  positionMs: number;
  paused: boolean;
  volume: number;
  /** Sound filters to play with (a filters update replaces the whole chain). */
  filters?: LavalinkFilters;
}

/** The audio server (Lavalink) as the voice-node's music feature uses it. */
export interface AudioService {
  nodes(): AudioNodeStatus[];
  /** True when at least one node can take players. */
  available(): boolean;
  load(identifier: string): Promise<LoadOutcome>;
  /**
   * Creates the guild's player if needed (on the least loaded node that is up) and joins
   * `channelId` self-deafened (op 4).
   */
  connect(guildId: string, channelId: string, options?: ConnectOptions): Promise<void>;
  /** Whether this process holds a player for the guild (on a node that may be down). */
  hasPlayer(guildId: string): boolean;
  /** The node the guild's player is on, or null without a player. */
  nodeOf(guildId: string): string | null;
  /** Destroys a player a resumed session kept although the guild now plays elsewhere. */
  discard(node: string, guildId: string): Promise<void>;
  /** The channel the guild's player is in, or null without a player. */
  channelOf(guildId: string): string | null;
  play(
    guildId: string,
    track: AudioTrack | { encoded: string },
    options: PlayOptions,
  ): Promise<void>;
  setPaused(guildId: string, paused: boolean): Promise<void>;
  seek(guildId: string, positionMs: number): Promise<void>;
  setVolume(guildId: string, volume: number): Promise<void>;
  /** Replaces the player's filters; the track plays on from where it is. */
  setFilters(guildId: string, filters: LavalinkFilters): Promise<void>;
  /** Stops the track, keeping the player in its channel. */
  stop(guildId: string): Promise<void>;
  /** Destroys the player and leaves the voice channel. */
  leave(guildId: string): Promise<void>;
  /** Players held, and how many are playing (not paused, with a track). */
  playerCounts(): { players: number; playing: number };
  /** Takes over a player a resumed session still plays (nothing is sent to Lavalink). */
  adopt(guildId: string, encoded: string): Promise<void>;
  /** Whether the guild's player has a track loaded right now. */
  isPlaying(guildId: string): boolean;
  listen(events: AudioEvents): void;
}

/** No audio node can take the request right now ("Unable to connect to audio server"). */
export class AudioUnavailableError extends Error {
  override name = "AudioUnavailableError";
}

/** The audio server refused a request (bad track, bad voice data…). */
export class AudioRequestError extends Error {
  override name = "AudioRequestError";
}
