import pMap from "p-map";
import type { NewQueueEntry } from "../../../data/music/index.ts";
import type { AudioTrack } from "../../../ports/index.ts";
import type { MusicNodeContext } from "../context.ts";

const URL_PATTERN = /^https?:\/\//i;

/** One entry of a file, resolved: its tracks (a playlist URL gives several), or none found. */
export interface ResolvedEntry {
  entry: string;
  tracks: AudioTrack[];
}

async function resolveEntry(ctx: MusicNodeContext, entry: string): Promise<ResolvedEntry> {
  const identifier = URL_PATTERN.test(entry) ? entry : `${ctx.defaultSearch}:${entry}`;
  const loaded = await ctx.audio.load(identifier);
  switch (loaded.kind) {
    case "track":
    case "playlist":
      return { entry, tracks: loaded.tracks };
    case "search":
      return { entry, tracks: loaded.tracks.slice(0, 1) };
    default:
      return { entry, tracks: [] };
  }
}

/**
 * Resolves entries through Lavalink, `concurrency` at a time, keeping file order. A failing
 * audio server fails the batch (the upload resumes from its cursor); an entry Lavalink cannot
 * load is "not found".
 */
export function resolveEntries(
  ctx: MusicNodeContext,
  entries: readonly string[],
  concurrency: number,
): Promise<ResolvedEntry[]> {
  return pMap(entries, (entry) => resolveEntry(ctx, entry), { concurrency });
}

/** The queue entries of resolved tracks, in order. */
export function queueEntriesOf(
  resolved: readonly ResolvedEntry[],
  userId: string,
): NewQueueEntry[] {
  return resolved.flatMap((r) => r.tracks.map((track) => ({ ...track, requestedBy: userId })));
}
