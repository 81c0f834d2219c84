/** The most user ids one massban may target. */
export const MAX_TARGETS = 1000;

/** User ids read from a moderator's list, and the tokens that were not ids. */
export interface ParsedTargets {
  /** Unique ids, in the order first given. */
  ids: string[];
  /** Tokens that are neither a snowflake nor a user mention, de-duplicated, as typed. */
  invalid: string[];
}

const SEPARATORS = /[\s,]+/;
// A raw snowflake, or a user mention <@id> / <@!id>. Role and channel mentions are invalid.
const TARGET = /^(?:<@!?(\d{17,20})>|(\d{17,20}))$/;

/**
 * Splits a list on whitespace, commas and newlines and reads each token as a user id.
 * Nothing is dropped silently: whatever is not an id comes back in `invalid`.
 */
export function parseTargets(text: string): ParsedTargets {
  const ids = new Set<string>();
  const invalid = new Set<string>();
  for (const token of text.split(SEPARATORS)) {
    if (!token) continue;
    const match = TARGET.exec(token);
    const id = match?.[1] ?? match?.[2];
    if (id) ids.add(id);
    else invalid.add(token);
  }
  return { ids: [...ids], invalid: [...invalid] };
}

/** Why a parsed list cannot be used at all, or null when it can. */
export function targetsProblem(parsed: ParsedTargets): string | null {
  if (parsed.ids.length > MAX_TARGETS) {
    return `That is ${parsed.ids.length} different ids; one massban takes at most ${MAX_TARGETS}. Split the list and run it in parts.`;
  }
  if (parsed.ids.length === 0) {
    return parsed.invalid.length === 0
      ? "The list is empty: give user ids or mentions, separated by spaces, commas or new lines."
      : "None of that is a user id: give 17–20 digit ids or user mentions.";
  }
  return null;
}
