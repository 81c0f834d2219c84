import { redisConfigured } from "../config.ts";
import {
  liveSnapshots,
  SHUFFLE_SNAPSHOT_TTL_SECONDS,
  type ShuffleSnapshot,
} from "../domain/music/queue-edit.ts";
import type { Deps } from "../ports/index.ts";

const isIdList = (value: unknown): value is number[] =>
  Array.isArray(value) && value.every((id) => Number.isSafeInteger(id) && id > 0);

function parseSnapshots(raw: string | null): ShuffleSnapshot[] {
  if (!raw) return [];
  try {
    const value: unknown = JSON.parse(raw);
    if (!Array.isArray(value)) return [];
    return value.filter(
      (s): s is ShuffleSnapshot =>
        typeof s === "object" && s !== null && Number.isFinite(s.at) && isIdList(s.ids),
    );
  } catch {
    return [];
  }
}

/**
 * The shuffle snapshots of each guild: the one thing music keeps only in Redis (DESIGN.md's
 * degraded modes: losing Redis loses only the undo). Without Redis configured at all the
 * process's memory stands in (one process, the playground); with Redis configured but not
 * answering, snapshots are unavailable rather than kept where the next request cannot see them.
 */
export class ShuffleSnapshots {
  constructor(private readonly deps: Pick<Deps, "store" | "config">) {}

  private key(guildId: string): string {
    return `${this.deps.config.REDIS_KEY_PREFIX}music:shuffle:${guildId}`;
  }

  /** Whether snapshots can be read and written right now. */
  available(): boolean {
    return !redisConfigured(this.deps.config) || this.deps.store.backend() === "redis";
  }

  /** The guild's live snapshots, newest first; null when they cannot be read now. */
  async list(guildId: string, now: number): Promise<ShuffleSnapshot[] | null> {
    if (!this.available()) return null;
    const raw = await this.deps.store.get(this.key(guildId));
    // The store falls back to memory when Redis fails mid-call: that answer is not the truth.
    if (!this.available()) return null;
    return liveSnapshots(parseSnapshots(raw), now);
  }

  /** Replaces the guild's snapshots; false when they could not be written to Redis. */
  async save(guildId: string, snapshots: readonly ShuffleSnapshot[]): Promise<boolean> {
    if (!this.available()) return false;
    if (snapshots.length === 0) await this.deps.store.del([this.key(guildId)]);
    else
      await this.deps.store.set(this.key(guildId), JSON.stringify(snapshots), {
        ttlSeconds: SHUFFLE_SNAPSHOT_TTL_SECONDS,
      });
    return this.available();
  }
}
