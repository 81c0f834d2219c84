import { parse as parseCsv } from "csv-parse/sync";
import * as z from "zod/mini";
import { MAX_QUERY_LENGTH } from "./limits.ts";

/** The largest playlist file taken: 1 MiB. */
export const PLAYLIST_FILE_MAX_BYTES = 1024 * 1024;
/** The most entries a playlist file may have. */
export const PLAYLIST_MAX_ENTRIES = 1000;
/** File types `/playlist upload` reads, by extension. */
export const PLAYLIST_FORMATS = ["txt", "m3u", "m3u8", "csv", "json"] as const;
export type PlaylistFormat = (typeof PLAYLIST_FORMATS)[number];

/** What a file gave: its entries (URLs or searches) in order, or what is wrong with it. */
export type ParsedPlaylist = { ok: true; entries: string[] } | { ok: false; problem: string };

const URL_PATTERN = /^https?:\/\/\S+$/i;

/** The format of a file by its extension; null for any other. */
export function playlistFormatOf(filename: string): PlaylistFormat | null {
  const extension = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase();
  return (PLAYLIST_FORMATS as readonly string[]).includes(extension ?? "")
    ? (extension as PlaylistFormat)
    : null;
}

/** Strict UTF-8 (a byte-order mark dropped); null when the bytes are not UTF-8 text. */
export function decodePlaylistText(bytes: Uint8Array): string | null {
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    // NUL bytes mean a binary file that happens to decode.
    return text.includes("\u0000") ? null : text.replace(/^\uFEFF/, "");
  } catch {
    return null;
  }
}

const clean = (entry: string) => entry.replace(/\s+/g, " ").trim();

/** `Artist - Title`, or whichever of the two is there. */
const searchOf = (artist: string | undefined, title: string | undefined) =>
  [artist, title]
    .map((part) => clean(part ?? ""))
    .filter(Boolean)
    .join(" - ");

function lines(text: string): string[] {
  return text.split(/\r\n|\n|\r/);
}

function fromText(text: string): string[] {
  return lines(text).filter((line) => !line.trim().startsWith("#"));
}

/**
 * M3U: each location line is an entry. A URL is loaded as is; a local path (nothing a server
 * can fetch) becomes a search for the `#EXTINF` title before it, or for the file's name.
 */
function fromM3u(text: string): string[] {
  const entries: string[] = [];
  let title: string | null = null;
  for (const raw of lines(text)) {
    const line = raw.trim();
    if (!line) continue;
    if (line.startsWith("#")) {
      const info = /^#EXTINF:[^,]*,(.*)$/i.exec(line);
      if (info) title = info[1] ?? null;
      continue;
    }
    if (URL_PATTERN.test(line)) entries.push(line);
    else {
      const base =
        line
          .split(/[\\/]/)
          .pop()
          ?.replace(/\.[a-z0-9]{2,4}$/i, "") ?? line;
      entries.push(title?.trim() || base.replace(/_/g, " "));
    }
    title = null;
  }
  return entries;
}

const URL_COLUMNS = ["url", "uri", "link", "href"];
const ARTIST_COLUMNS = ["artist", "artists", "author", "artist name", "artist name(s)"];
const TITLE_COLUMNS = ["title", "track", "track name", "name", "song"];

/**
 * CSV with a header naming its columns (`url`, or `artist` and `title`, as exports from
 * Spotify-like tools have them), or without one: a URL in the first column, else `artist,
 * title`, else a search.
 */
function fromCsv(text: string): string[] {
  const rows = parseCsv(text, {
    relax_column_count: true,
    skip_empty_lines: true,
    trim: true,
    bom: true,
  }) as string[][];
  const header = (rows[0] ?? []).map((cell) => cell.toLowerCase());
  const column = (names: readonly string[]) => header.findIndex((cell) => names.includes(cell));
  const [url, artist, title] = [column(URL_COLUMNS), column(ARTIST_COLUMNS), column(TITLE_COLUMNS)];
  if (url >= 0 || title >= 0) {
    return rows.slice(1).map((row) => {
      const link = url >= 0 ? row[url] : undefined;
      if (link && URL_PATTERN.test(link)) return link;
      return searchOf(artist >= 0 ? row[artist] : undefined, title >= 0 ? row[title] : undefined);
    });
  }
  return rows.map((row) => {
    const [first = "", second] = row;
    if (URL_PATTERN.test(first)) return first;
    return second ? searchOf(first, second) : first;
  });
}

const jsonTrack = z.union([
  z.string(),
  z.object({
    url: z.optional(z.string()),
    uri: z.optional(z.string()),
    link: z.optional(z.string()),
    title: z.optional(z.string()),
    name: z.optional(z.string()),
    artist: z.optional(z.string()),
    author: z.optional(z.string()),
  }),
]);
type JsonTrack = z.infer<typeof jsonTrack>;

const JSON_SHAPE =
  'a list of URLs or searches, or of {"url"} / {"artist", "title"} objects (the list may sit under "tracks")';

/** The list of a JSON playlist: the value itself, or its `tracks` (or `entries`). */
function jsonListOf(value: unknown): unknown[] | null {
  if (Array.isArray(value)) return value;
  const object = value as { tracks?: unknown; entries?: unknown } | null;
  if (typeof object !== "object" || object === null) return null;
  if (Array.isArray(object.tracks)) return object.tracks;
  return Array.isArray(object.entries) ? object.entries : null;
}

function fromJson(text: string): ParsedPlaylist {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problem: "This is not valid JSON." };
  }
  const list = jsonListOf(value);
  if (!list) return { ok: false, problem: `A JSON playlist must be ${JSON_SHAPE}.` };
  const items: JsonTrack[] = [];
  for (const [i, raw] of list.entries()) {
    const item = jsonTrack.safeParse(raw);
    if (!item.success)
      return {
        ok: false,
        problem: `A JSON playlist must be ${JSON_SHAPE} (entry ${i + 1} is not one).`,
      };
    items.push(item.data);
  }
  return {
    ok: true,
    entries: items.map((item) => {
      if (typeof item === "string") return item;
      const link = item.url ?? item.uri ?? item.link;
      if (link && URL_PATTERN.test(link.trim())) return link.trim();
      return searchOf(item.artist ?? item.author, item.title ?? item.name);
    }),
  };
}

/**
 * Reads a playlist file's entries in file order: URLs (loaded as they are) or searches such as
 * `artist - title`. Blank entries are dropped; at most {@link PLAYLIST_MAX_ENTRIES}, each at
 * most 500 characters (a `/music play` query's limit).
 */
export function parsePlaylistFile(format: PlaylistFormat, text: string): ParsedPlaylist {
  let raw: string[];
  if (format === "json") {
    const parsed = fromJson(text);
    if (!parsed.ok) return parsed;
    raw = parsed.entries;
  } else if (format === "csv") {
    try {
      raw = fromCsv(text);
    } catch (error) {
      const line = (error as { lines?: number }).lines;
      return {
        ok: false,
        problem: `This CSV cannot be read${line ? ` (line ${line})` : ""}: check its quotes.`,
      };
    }
  } else {
    raw = format === "txt" ? fromText(text) : fromM3u(text);
  }
  const entries = raw.map(clean).filter(Boolean);
  if (entries.length === 0)
    return {
      ok: false,
      problem: "The file has no entries: put one URL or `artist - title` per line.",
    };
  if (entries.length > PLAYLIST_MAX_ENTRIES) {
    return {
      ok: false,
      problem: `The file has ${entries.length} entries; a playlist may have at most ${PLAYLIST_MAX_ENTRIES}.`,
    };
  }
  const long = entries.findIndex((entry) => entry.length > MAX_QUERY_LENGTH);
  if (long >= 0) {
    return {
      ok: false,
      problem: `Entry ${long + 1} is ${entries[long]?.length} characters long; the limit is ${MAX_QUERY_LENGTH}.`,
    };
  }
  return { ok: true, entries };
}
