/** A loaded text-to-speech track (`/ai voice`). */
export interface Speech {
  encoded: string;
  lengthMs: number;
}

/**
 * What happens once a guild's speech is over: `continue` plays the queue's current entry from
 * its saved position (it was playing, or paused, before); `idle` leaves the player silent.
 */
export type AfterSpeech = "continue" | "idle";

interface Speaking extends Speech {
  startedAt: number;
  after: AfterSpeech;
}

/** At most this many answers wait to be spoken in one guild. */
export const MAX_PENDING_SPEECHES = 5;

/** A speech track that never reported its end is forgotten this long after it should have. */
const STALE_AFTER_MS = 30_000;

/**
 * The voice-node's spoken answers, per guild, in memory only. Speech never becomes a queue
 * entry: it cannot reach the history, a saved playlist or the loop rules, and a restart
 * (which restores the queue from Postgres) simply drops it. A speech waits for the current
 * track to end (`pending`), then plays (`speaking`) while the queue's current entry waits in
 * Postgres; when it ends, {@link AfterSpeech} says how the queue goes on.
 */
export class SpeechInterludes {
  private readonly pending = new Map<string, Speech[]>();
  private readonly speaking = new Map<string, Speaking>();

  constructor(private readonly now: () => number) {}

  /** The speech playing in the guild, unless it should have ended long ago (a lost event). */
  current(guildId: string): Speaking | undefined {
    const speaking = this.speaking.get(guildId);
    if (speaking && this.now() > speaking.startedAt + speaking.lengthMs + STALE_AFTER_MS) {
      this.speaking.delete(guildId);
      return undefined;
    }
    return speaking;
  }

  /** Whether `encoded` is the guild's speech playing now. */
  isSpeaking(guildId: string, encoded: string): boolean {
    return this.current(guildId)?.encoded === encoded;
  }

  /** Queues a speech for after the current track (or speech); false when too many wait. */
  enqueue(guildId: string, speech: Speech): boolean {
    const waiting = this.pending.get(guildId) ?? [];
    if (waiting.length >= MAX_PENDING_SPEECHES) return false;
    waiting.push(speech);
    this.pending.set(guildId, waiting);
    return true;
  }

  /** How many speeches wait in the guild. */
  waiting(guildId: string): number {
    return this.pending.get(guildId)?.length ?? 0;
  }

  /** Takes the next waiting speech, if any. */
  takePending(guildId: string): Speech | undefined {
    const waiting = this.pending.get(guildId);
    const next = waiting?.shift();
    if (waiting && waiting.length === 0) this.pending.delete(guildId);
    return next;
  }

  /** Records that a speech started playing. */
  started(guildId: string, speech: Speech, after: AfterSpeech): void {
    this.speaking.set(guildId, { ...speech, startedAt: this.now(), after });
  }

  /** The guild's speech ended: what was to follow it, or null when `encoded` was not it. */
  finish(guildId: string, encoded: string): AfterSpeech | null {
    const speaking = this.speaking.get(guildId);
    if (!speaking || speaking.encoded !== encoded) return null;
    this.speaking.delete(guildId);
    return speaking.after;
  }

  /** Ends the guild's speech early (skipped): what was to follow it, or null without one. */
  interrupt(guildId: string): AfterSpeech | null {
    const speaking = this.current(guildId);
    return speaking ? this.finish(guildId, speaking.encoded) : null;
  }

  /** Forgets everything about the guild (the bot left, the queue was stopped). */
  forget(guildId: string): void {
    this.pending.delete(guildId);
    this.speaking.delete(guildId);
  }
}
