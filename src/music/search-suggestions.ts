import type { APIApplicationCommandOptionChoice } from "discord-api-types/v10";
import {
  SUGGESTION_COUNT,
  type SuggestedTrack,
  suggestionChoices,
  suggestionQuery,
} from "../domain/music/suggestions.ts";
import { describeError } from "../platform/logger.ts";
import type { Deps } from "../ports/index.ts";

/** Searches are cached this long: typing the same words again costs no Lavalink search. */
export const SUGGESTION_CACHE_SECONDS = 600;

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

function decode(raw: string | null): SuggestedTrack[] | null {
  if (!raw) return null;
  try {
    const value: unknown = JSON.parse(raw);
    return Array.isArray(value) ? (value as SuggestedTrack[]) : null;
  } catch {
    return null;
  }
}

/**
 * `/music play query:` suggestions: the voice-node's top 5 for what was typed, cached in Redis
 * for 10 minutes. Never an error for the user: the voice-node unreachable (or not configured)
 * means no suggestions. Autocomplete passes no rate limit (only commands spend tokens).
 */
export async function searchSuggestions(
  deps: Deps,
  typed: string,
): Promise<APIApplicationCommandOptionChoice<string>[]> {
  const query = suggestionQuery(typed);
  if (!query || !deps.voiceSearch) return [];
  const key = `${deps.config.REDIS_KEY_PREFIX}music:search:${await sha256Hex(query.toLowerCase())}`;
  const cached = decode(
    await deps.store.get(key).catch((error: unknown) => {
      deps.log.warn("music.search_cache_unreadable", { error: describeError(error) });
      return null;
    }),
  );
  if (cached) return suggestionChoices(cached);
  let tracks: SuggestedTrack[];
  try {
    tracks = (await deps.voiceSearch.search(query)).slice(0, SUGGESTION_COUNT);
  } catch (error) {
    deps.log.info("music.search_unavailable", { error: describeError(error) });
    return [];
  }
  deps.background.run("music.search_cache_write", () =>
    deps.store.set(key, JSON.stringify(tracks), { ttlSeconds: SUGGESTION_CACHE_SECONDS }),
  );
  return suggestionChoices(tracks);
}
