import type { APIApplicationCommandOptionChoice } from "discord-api-types/v10";
import { truncate } from "../text.ts";
import { MAX_QUERY_LENGTH } from "./limits.ts";
import { formatDuration } from "./time.ts";

/** Suggestions shown while typing `/music play query:`. */
export const SUGGESTION_COUNT = 5;
/** Shorter input is not worth a search. */
export const MIN_SUGGEST_LENGTH = 2;
/** Discord's limit on a choice's name and (string) value. */
const CHOICE_MAX = 100;

/** A search result, as suggestions need it. */
export interface SuggestedTrack {
  title: string;
  author: string;
  uri: string | null;
  lengthMs: number;
}

/**
 * The search to run for what the user typed so far, normalised so that equal searches share a
 * cache entry; null when there is nothing to ask (too short, or over the 500 characters a
 * query may have: no suggestion and no call).
 */
export function suggestionQuery(typed: string): string | null {
  if (typed.length >= MAX_QUERY_LENGTH) return null;
  const query = typed.trim().replace(/\s+/g, " ");
  return query.length < MIN_SUGGEST_LENGTH ? null : query;
}

/**
 * Autocomplete choices: `Title — Author (3:21)` within 100 characters; the value is the
 * track's URL (so picking one plays exactly that track), or `Author - Title` when the URL is
 * missing or too long for a choice.
 */
export function suggestionChoices(
  tracks: readonly SuggestedTrack[],
): APIApplicationCommandOptionChoice<string>[] {
  return tracks.slice(0, SUGGESTION_COUNT).map((track) => {
    const length = track.lengthMs > 0 ? formatDuration(track.lengthMs) : "live";
    const tail = ` (${length})`;
    const label = track.author ? `${track.title} — ${track.author}` : track.title;
    const value =
      track.uri && track.uri.length <= CHOICE_MAX
        ? track.uri
        : truncate(track.author ? `${track.author} - ${track.title}` : track.title, CHOICE_MAX);
    return { name: `${truncate(label, CHOICE_MAX - tail.length)}${tail}`, value };
  });
}
