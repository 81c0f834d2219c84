import { spokenText } from "../../domain/ai/speech.ts";
/** Lavalink v4 track info, as the REST API returns it. */
export interface TrackInfo {
  identifier: string;
  isSeekable: boolean;
  author: string;
  length: number;
  isStream: boolean;
  position: number;
  title: string;
  uri: string | null;
  artworkUrl: string | null;
  isrc: string | null;
  sourceName: string;
}

/** A track as Lavalink sends it. */
export interface LavalinkTrack {
  encoded: string;
  info: TrackInfo;
  pluginInfo: Record<string, unknown>;
  userData: Record<string, unknown>;
}

/** `GET /v4/loadtracks` result. */
export type LoadResult =
  | { loadType: "track"; data: LavalinkTrack }
  | {
      loadType: "playlist";
      data: {
        info: { name: string; selectedTrack: number };
        pluginInfo: Record<string, unknown>;
        tracks: LavalinkTrack[];
      };
    }
  | { loadType: "search"; data: LavalinkTrack[] }
  | { loadType: "empty"; data: Record<string, never> }
  | {
      loadType: "error";
      data: { message: string; severity: "common" | "suspicious" | "fault"; cause: string };
    };

/** Extra behaviour of a simulated track. */
export interface TrackBehaviour {
  /** Throw a TrackException once playback reaches this position. */
  failAtMs?: number;
  /** Report TrackStuck once playback reaches this position. */
  stuckAtMs?: number;
}

/**
 * The simulator's encoding of a track: base64 of its info. Opaque to clients, as the real one
 * is; the simulator decodes it to know what to play.
 */
export function encodeTrack(info: TrackInfo): string {
  return Buffer.from(JSON.stringify(info), "utf8").toString("base64");
}

/** Decodes {@link encodeTrack}; null when it is not one of ours. */
export function decodeTrack(encoded: string): TrackInfo | null {
  try {
    const info = JSON.parse(Buffer.from(encoded, "base64").toString("utf8")) as TrackInfo;
    return typeof info?.title === "string" && typeof info.length === "number" ? info : null;
  } catch {
    return null;
  }
}

export function trackOf(info: TrackInfo): LavalinkTrack {
  return { encoded: encodeTrack(info), info, pluginInfo: {}, userData: {} };
}

function hash(text: string): number {
  let h = 2166136261;
  for (const char of text) h = Math.imul(h ^ char.charCodeAt(0), 16777619);
  return h >>> 0;
}

/** A deterministic track for a name: 2–5 minutes long. */
export function makeTrack(title: string, options: Partial<TrackInfo> = {}): TrackInfo {
  const h = hash(title);
  const identifier = options.identifier ?? h.toString(36).padStart(11, "x").slice(0, 11);
  return {
    identifier,
    isSeekable: true,
    author: `Artist ${(h % 97) + 1}`,
    length: 120_000 + (h % 180) * 1000,
    isStream: false,
    position: 0,
    title,
    uri: `https://www.youtube.com/watch?v=${identifier}`,
    artworkUrl: null,
    isrc: null,
    sourceName: "youtube",
    ...options,
  };
}

/** Tracks in a simulated mix ("radio") of related tracks. */
const MIX_LENGTH = 25;

/**
 * A source's mix for a track: YouTube's `watch?v=<id>&list=RD<id>` radio (the seed first, as
 * YouTube lists it) and SoundCloud's `<track url>/recommended`, as a playlist of related
 * tracks derived from the seed.
 */
function relatedMix(identifier: string): LoadResult | null {
  const youtube = /^https:\/\/www\.youtube\.com\/watch\?v=([\w-]{11})&list=RD\1$/.exec(identifier);
  const soundcloud = /^(https:\/\/soundcloud\.com\/[^?#]+)\/recommended$/.exec(identifier);
  const seed = youtube?.[1] ?? soundcloud?.[1];
  if (!seed) return null;
  const source = youtube ? "youtube" : "soundcloud";
  const related = Array.from({ length: MIX_LENGTH }, (_, i) =>
    trackOf(makeTrack(`Related to ${seed.slice(-11)} #${i + 1}`, { sourceName: source })),
  );
  const first = youtube
    ? [trackOf(makeTrack(`Seed ${seed}`, { identifier: seed, sourceName: "youtube" }))]
    : [];
  return {
    loadType: "playlist",
    data: {
      info: { name: youtube ? "Mix" : "Recommended", selectedTrack: youtube ? 0 : -1 },
      pluginInfo: {},
      tracks: [...first, ...related],
    },
  };
}

/**
 * A text-to-speech track as LavaSrc's Flowery TTS source loads `ftts://<text>`: about 15
 * characters a second of speech. Empty text fails to load, as Flowery refuses it.
 */
function speechTrack(identifier: string, text: string): LoadResult {
  if (!text.trim()) {
    return {
      loadType: "error",
      data: { message: "No text to speak.", severity: "common", cause: "FriendlyException" },
    };
  }
  const info = makeTrack(`Speech: ${text.slice(0, 60)}`, {
    identifier,
    author: "Flowery TTS",
    length: Math.max(1000, Math.ceil((text.length / 15) * 1000)),
    uri: null,
    sourceName: "flowerytts",
  });
  return { loadType: "track", data: trackOf(info) };
}

/**
 * What the simulated Lavalink can load. Searches (`ytsearch:…`, `scsearch:…`) answer five
 * tracks derived from the query; URLs answer what was registered, otherwise a load failure.
 * `nothing` finds nothing.
 */
export class Catalog {
  private readonly byIdentifier = new Map<string, LoadResult>();
  readonly behaviours = new Map<string, TrackBehaviour>();

  /** Registers a single track under an identifier (usually a URL). */
  addTrack(identifier: string, info: TrackInfo, behaviour?: TrackBehaviour): LavalinkTrack {
    const track = trackOf(info);
    this.byIdentifier.set(identifier, { loadType: "track", data: track });
    if (behaviour) this.behaviours.set(info.identifier, behaviour);
    return track;
  }

  /** Registers a playlist of `count` tracks under a URL. */
  addPlaylist(url: string, name: string, infos: readonly TrackInfo[]): LavalinkTrack[] {
    const tracks = infos.map(trackOf);
    this.byIdentifier.set(url, {
      loadType: "playlist",
      data: { info: { name, selectedTrack: -1 }, pluginInfo: {}, tracks },
    });
    return tracks;
  }

  /** Makes a track misbehave while it plays. */
  setBehaviour(identifier: string, behaviour: TrackBehaviour): void {
    this.behaviours.set(identifier, behaviour);
  }

  load(identifier: string): LoadResult {
    const registered = this.byIdentifier.get(identifier);
    if (registered) return registered;
    const speech = spokenText(identifier);
    if (speech !== null) return speechTrack(identifier, speech);
    const mix = relatedMix(identifier);
    if (mix) return mix;
    const search = /^(ytsearch|ytmsearch|scsearch):(.*)$/s.exec(identifier);
    if (search) {
      const query = (search[2] ?? "").trim();
      if (!query || /^nothing\b/i.test(query)) return { loadType: "empty", data: {} };
      const source = search[1] === "scsearch" ? "soundcloud" : "youtube";
      return {
        loadType: "search",
        data: [1, 2, 3, 4, 5].map((n) =>
          trackOf(makeTrack(n === 1 ? query : `${query} (${n})`, { sourceName: source })),
        ),
      };
    }
    return {
      loadType: "error",
      data: {
        message: /^https?:\/\//.test(identifier) ? "Unknown file format." : "No matching source.",
        severity: "common",
        cause: "com.sedmelluq.discord.lavaplayer.tools.FriendlyException",
      },
    };
  }
}
