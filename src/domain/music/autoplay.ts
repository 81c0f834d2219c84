/** Autoplay never queues more than this many related tracks ahead. */
export const AUTOPLAY_AHEAD = 10;

/** What autoplay knows about the track it continues from. */
export interface AutoplaySeed {
  uri: string | null;
  sourceName: string;
  title: string;
  author: string;
}

const YOUTUBE_ID = /^[\w-]{11}$/;

function youtubeId(uri: string): string | null {
  try {
    const url = new URL(uri);
    const host = url.hostname.replace(/^(www|m|music)\./, "");
    const id =
      host === "youtu.be"
        ? url.pathname.slice(1)
        : host === "youtube.com"
          ? url.searchParams.get("v")
          : null;
    return id && YOUTUBE_ID.test(id) ? id : null;
  } catch {
    return null;
  }
}

/**
 * Where to load tracks related to `seed`: the source's own mix where it has one (YouTube's
 * `RD<id>` radio, SoundCloud's `/recommended`), otherwise a search for the same artist.
 */
export function relatedIdentifier(seed: AutoplaySeed, defaultSearch: string): string {
  const id = seed.uri && seed.sourceName.startsWith("youtube") ? youtubeId(seed.uri) : null;
  if (id) return `https://www.youtube.com/watch?v=${id}&list=RD${id}`;
  if (seed.uri && seed.sourceName === "soundcloud")
    return `${seed.uri.replace(/\/$/, "")}/recommended`;
  return `${defaultSearch}:${seed.author || seed.title}`;
}

/**
 * Picks what autoplay queues from the loaded related tracks: not the seed, nothing played or
 * queued recently (by URI, else title), at most `room` of them.
 */
export function pickRelated<T extends { uri: string | null; title: string }>(
  candidates: readonly T[],
  recent: readonly { uri: string | null; title: string }[],
  room: number,
): T[] {
  const key = (t: { uri: string | null; title: string }) => t.uri ?? `title:${t.title}`;
  const seen = new Set(recent.map(key));
  const out: T[] = [];
  for (const track of candidates) {
    if (out.length >= room) break;
    if (seen.has(key(track))) continue;
    seen.add(key(track));
    out.push(track);
  }
  return out;
}
