import { openUploadsOf } from "../../data/music/uploads.ts";
import {
  decodePlaylistText,
  PLAYLIST_FILE_MAX_BYTES,
  PLAYLIST_FORMATS,
  type PlaylistFormat,
  parsePlaylistFile,
  playlistFormatOf,
} from "../../domain/music/playlist-file.ts";
import { truncate } from "../../domain/text.ts";
import { UserError } from "../../interactions/errors.ts";
import type { ResolvedAttachment } from "../../interactions/options.ts";
import type { Deps } from "../../ports/index.ts";

/** Uploads a server may have waiting or being resolved at once. */
export const MAX_OPEN_UPLOADS = 3;

const LIMIT_MIB = PLAYLIST_FILE_MAX_BYTES / (1024 * 1024);
const FORMATS = PLAYLIST_FORMATS.map((f) => `.${f}`).join(", ");

const shown = (filename: string) => `\`${truncate(filename.replace(/`/g, "'"), 80)}\``;

const tooLarge = (filename: string) =>
  new UserError(
    `${shown(filename)} is over ${LIMIT_MIB} MiB, the limit for a playlist file.`,
    "File too large",
  );

/**
 * What can be told from the attachment alone (no download): a playlist file type, within the
 * size limit as Discord reports it.
 */
export function checkPlaylistAttachment(file: ResolvedAttachment): PlaylistFormat {
  const format = playlistFormatOf(file.filename);
  if (!format) {
    throw new UserError(
      `${shown(file.filename)} is not a playlist file. Upload one of ${FORMATS}.`,
      "Wrong file type",
    );
  }
  if (file.size > PLAYLIST_FILE_MAX_BYTES) throw tooLarge(file.filename);
  return format;
}

/** A server may not stack more than {@link MAX_OPEN_UPLOADS} uploads. */
export async function checkOpenUploads(deps: Pick<Deps, "db">, guildId: string): Promise<void> {
  if ((await openUploadsOf(deps.db, guildId)) >= MAX_OPEN_UPLOADS) {
    throw new UserError(
      `This server already has ${MAX_OPEN_UPLOADS} playlist uploads in progress. Wait for one to finish.`,
      "Uploads busy",
    );
  }
}

/**
 * Reads the file from Discord's CDN and parses it: its entries in file order, or a
 * {@link UserError} saying what is wrong (too large however it was announced, not UTF-8, a
 * JSON of the wrong shape, too many entries…).
 */
export async function readPlaylistAttachment(
  deps: Pick<Deps, "discord">,
  file: ResolvedAttachment,
  format: PlaylistFormat,
): Promise<string[]> {
  const download = await deps.discord.attachments.download(file.url, PLAYLIST_FILE_MAX_BYTES);
  if (!download.ok) {
    if (download.problem === "too_large") throw tooLarge(file.filename);
    throw new UserError(
      `Could not read ${shown(file.filename)} from Discord. Try again in a moment.`,
      "File unavailable",
    );
  }
  const text = decodePlaylistText(download.bytes);
  if (text === null) {
    throw new UserError(
      `${shown(file.filename)} is not UTF-8 text. Save it as UTF-8 and upload it again.`,
      "Not UTF-8",
    );
  }
  const parsed = parsePlaylistFile(format, text);
  if (!parsed.ok) throw new UserError(parsed.problem, "Playlist file refused");
  return parsed.entries;
}
