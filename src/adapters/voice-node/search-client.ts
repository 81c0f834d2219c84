import type { TrackSuggestion, VoiceSearch } from "../../ports/index.ts";

/** Options of {@link createVoiceNodeSearch}. */
export interface VoiceNodeSearchOptions {
  /** VOICE_NODE_URL: the voice-node's HTTP base. */
  baseUrl: string;
  /** VOICE_NODE_SECRET: the bearer `/search` wants. */
  secret: string;
  /** Autocomplete must answer inside Discord's 3 s; default 1.5 s. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** Thrown when the voice-node did not answer `/search` usefully. */
export class VoiceSearchError extends Error {
  override name = "VoiceSearchError";
}

function suggestionOf(raw: unknown): TrackSuggestion | null {
  const track = raw as Partial<Record<keyof TrackSuggestion, unknown>> | null;
  if (typeof track?.title !== "string") return null;
  return {
    title: track.title,
    author: typeof track.author === "string" ? track.author : "",
    uri: typeof track.uri === "string" ? track.uri : null,
    lengthMs: typeof track.lengthMs === "number" && track.lengthMs > 0 ? track.lengthMs : 0,
  };
}

/** `GET <VOICE_NODE_URL>/search?q=` with the bearer, aborted after the timeout. */
export function createVoiceNodeSearch(options: VoiceNodeSearchOptions): VoiceSearch {
  const call = options.fetch ?? fetch;
  const base = options.baseUrl.replace(/\/+$/, "");
  return {
    async search(query) {
      const response = await call(`${base}/search?q=${encodeURIComponent(query)}`, {
        headers: { authorization: `Bearer ${options.secret}` },
        signal: AbortSignal.timeout(options.timeoutMs ?? 1500),
      });
      if (!response.ok) {
        await response.body?.cancel();
        throw new VoiceSearchError(`voice-node /search answered ${response.status}`);
      }
      const body = (await response.json()) as { tracks?: unknown };
      if (!Array.isArray(body?.tracks)) throw new VoiceSearchError("malformed /search answer");
      return body.tracks.map(suggestionOf).filter((t): t is TrackSuggestion => t !== null);
    },
  };
}
