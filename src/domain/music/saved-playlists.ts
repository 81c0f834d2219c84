/** Saved playlists a guild may keep. */
export const MAX_SAVED_PLAYLISTS = 100;
/** How long a playlist's name may be. */
export const PLAYLIST_NAME_MAX = 50;

/** A playlist name as users type it: spaces collapsed; its key ignores case. */
export type PlaylistName = { ok: true; name: string; key: string } | { ok: false; problem: string };

/** Checks a playlist name (1–50 characters on one line) and derives its case-blind key. */
export function playlistName(typed: string): PlaylistName {
  const name = typed.replace(/\s+/g, " ").trim();
  if (!name) return { ok: false, problem: "Give the playlist a name." };
  if (name.length > PLAYLIST_NAME_MAX) {
    return {
      ok: false,
      problem: `That name is ${name.length} characters long; the limit is ${PLAYLIST_NAME_MAX}.`,
    };
  }
  return { ok: true, name, key: name.toLowerCase() };
}
