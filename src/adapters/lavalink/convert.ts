import type { AudioTrack, LoadOutcome } from "../../ports/index.ts";

interface RawTrack {
  encoded?: unknown;
  info?: {
    title?: unknown;
    author?: unknown;
    uri?: unknown;
    artworkUrl?: unknown;
    sourceName?: unknown;
    length?: unknown;
    isStream?: unknown;
    isSeekable?: unknown;
  };
}

const text = (value: unknown, fallback = ""): string =>
  typeof value === "string" ? value : fallback;

/** A Lavalink v4 track object as the music feature stores it; null when it is malformed. */
export function toAudioTrack(raw: unknown): AudioTrack | null {
  const track = raw as RawTrack;
  if (typeof track?.encoded !== "string" || !track.info) return null;
  const isStream = track.info.isStream === true;
  const length = typeof track.info.length === "number" ? track.info.length : 0;
  return {
    encoded: track.encoded,
    title: text(track.info.title, "Unknown title"),
    author: text(track.info.author),
    uri: typeof track.info.uri === "string" ? track.info.uri : null,
    artworkUrl: typeof track.info.artworkUrl === "string" ? track.info.artworkUrl : null,
    sourceName: text(track.info.sourceName),
    // Streams report Long.MAX_VALUE: store 0 ("no end").
    lengthMs: isStream ? 0 : Math.max(0, Math.min(length, Number.MAX_SAFE_INTEGER)),
    isStream,
    isSeekable: track.info.isSeekable !== false && !isStream,
  };
}

const tracksOf = (list: unknown): AudioTrack[] =>
  Array.isArray(list) ? list.map(toAudioTrack).filter((t): t is AudioTrack => t !== null) : [];

/** Reads a `/v4/loadtracks` answer, checking its shape rather than trusting it. */
export function toLoadOutcome(body: unknown): LoadOutcome {
  const result = body as { loadType?: unknown; data?: unknown } | null;
  switch (result?.loadType) {
    case "track": {
      const track = toAudioTrack(result.data);
      return track
        ? { kind: "track", tracks: [track] }
        : { kind: "error", message: "Malformed track" };
    }
    case "search": {
      const tracks = tracksOf(result.data);
      return tracks.length ? { kind: "search", tracks } : { kind: "empty" };
    }
    case "playlist": {
      const data = result.data as { info?: { name?: unknown }; tracks?: unknown } | undefined;
      const tracks = tracksOf(data?.tracks);
      return tracks.length
        ? { kind: "playlist", name: text(data?.info?.name, "Playlist"), tracks }
        : { kind: "empty" };
    }
    case "empty":
      return { kind: "empty" };
    case "error": {
      const data = result.data as { message?: unknown } | undefined;
      return { kind: "error", message: text(data?.message, "The track could not be loaded.") };
    }
    default: {
      const failure = result as { status?: unknown; message?: unknown } | null;
      return {
        kind: "error",
        message: `Audio server answered ${text(String(failure?.status ?? "?"))}: ${text(failure?.message, "unexpected response")}`,
      };
    }
  }
}

/** Lavalink answers REST failures as JSON bodies the client passes through: detect them. */
export function isErrorBody(body: unknown): body is { status: number; message?: string } {
  const value = body as { status?: unknown; error?: unknown } | null;
  return (
    typeof value === "object" &&
    value !== null &&
    typeof value.status === "number" &&
    value.status >= 400 &&
    "error" in value
  );
}
