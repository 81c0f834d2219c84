import {
  allEntries,
  appendEntries,
  lockPlayer,
  playedTracks,
  updatePlayer,
} from "../../data/music/index.ts";
import type { MusicQueueEntryRow } from "../../db/schema.ts";
import { AUTOPLAY_AHEAD, pickRelated, relatedIdentifier } from "../../domain/music/autoplay.ts";
import { MAX_QUEUE_LENGTH } from "../../domain/music/limits.ts";
import { describeError } from "../../platform/logger.ts";
import type { AudioTrack } from "../../ports/index.ts";
import type { MusicNodeContext } from "./context.ts";

type Seed = Pick<MusicQueueEntryRow, "uri" | "sourceName" | "title" | "author">;

async function relatedTracks(ctx: MusicNodeContext, seed: Seed): Promise<AudioTrack[]> {
  try {
    const loaded = await ctx.audio.load(relatedIdentifier(seed, ctx.defaultSearch));
    return loaded.kind === "playlist" || loaded.kind === "search" || loaded.kind === "track"
      ? loaded.tracks
      : [];
  } catch (error) {
    ctx.log.warn("music.autoplay_load_failed", { error: describeError(error) });
    return [];
  }
}

/**
 * The queue ran out with autoplay on: queues up to {@link AUTOPLAY_AHEAD} tracks related to
 * `seed` (the source's mix), skipping what was played lately, marked as autoplay, and makes
 * the first one current. Null when nothing related was found or the queue filled meanwhile.
 * Run it under the guild's lock.
 */
export async function queueRelated(
  ctx: MusicNodeContext,
  guildId: string,
  seed: Seed,
): Promise<MusicQueueEntryRow | null> {
  const candidates = await relatedTracks(ctx, seed);
  if (candidates.length === 0) return null;
  return ctx.db.transaction(async (tx) => {
    const player = await lockPlayer(tx, guildId);
    if (player.currentEntryId !== null) return null;
    const [recent, queued] = await Promise.all([
      playedTracks(tx, guildId, { offset: 0, limit: 20 }),
      allEntries(tx, guildId),
    ]);
    const picked = pickRelated(candidates, [seed, ...recent, ...queued], AUTOPLAY_AHEAD);
    const { added } = await appendEntries(
      tx,
      guildId,
      picked.map((track) => ({ ...track, requestedBy: ctx.botUserId, autoplay: true })),
      MAX_QUEUE_LENGTH,
    );
    const first = added[0];
    if (!first) return null;
    await updatePlayer(tx, guildId, {
      currentEntryId: first.id,
      positionMs: 0,
      positionAt: new Date(ctx.clock.now()),
      idleSince: null,
    });
    return first;
  });
}
