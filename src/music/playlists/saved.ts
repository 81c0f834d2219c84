import { PermissionFlagsBits as P } from "discord-api-types/v10";
import { findEntry, findPlayer, upcomingEntries } from "../../data/music/index.ts";
import {
  deletePlaylist,
  findPlaylist,
  listPlaylists,
  type SavedTrack,
  savePlaylist,
} from "../../data/music/saved-playlists.ts";
import type { MusicPlaylistRow, MusicQueueEntryRow } from "../../db/schema.ts";
import { missingPermissions } from "../../domain/moderation/permissions.ts";
import { MAX_QUEUE_LENGTH } from "../../domain/music/limits.ts";
import { MAX_SAVED_PLAYLISTS, playlistName } from "../../domain/music/saved-playlists.ts";
import { UserError } from "../../interactions/errors.ts";
import type { Deps, MessageBody } from "../../ports/index.ts";
import { playlistListMessage, savedMessage, shownName } from "./views.ts";

/** Who is asking, in which guild. */
export interface Asker {
  guildId: string;
  userId: string;
  /** The member's permission bitfield (the interaction's `member.permissions`). */
  permissions: string | undefined;
}

const mayManage = (asker: Asker, playlist: MusicPlaylistRow) =>
  playlist.createdBy === asker.userId ||
  missingPermissions(asker.permissions, [P.ManageGuild]).length === 0;

function checkedName(typed: string) {
  const name = playlistName(typed);
  if (!name.ok) throw new UserError(name.problem, "Bad name");
  return name;
}

/** A playlist by the name the user typed; unknown names get a clear answer. */
export async function requirePlaylist(
  deps: Deps,
  guildId: string,
  typed: string,
): Promise<MusicPlaylistRow> {
  const name = checkedName(typed);
  const playlist = await findPlaylist(deps.db, guildId, name.key);
  if (!playlist) {
    throw new UserError(
      `There is no playlist named **${shownName(name.name)}** in this server. \`/playlist list\` shows the saved ones.`,
      "No such playlist",
    );
  }
  return playlist;
}

const savedTrack = (entry: MusicQueueEntryRow): SavedTrack => ({
  encoded: entry.encoded,
  title: entry.title,
  author: entry.author,
  uri: entry.uri,
  artworkUrl: entry.artworkUrl,
  sourceName: entry.sourceName,
  lengthMs: entry.lengthMs,
  isStream: entry.isStream,
  isSeekable: entry.isSeekable,
});

/**
 * `/playlist save`: the current track and everything after it, in queue order, under a name.
 * An existing name is replaced only with `overwrite`, and only by its creator or a manager.
 */
export async function saveQueue(
  deps: Deps,
  asker: Asker,
  typed: string,
  overwrite: boolean,
): Promise<MessageBody> {
  const name = checkedName(typed);
  const player = await findPlayer(deps.db, asker.guildId);
  const current = player ? await findEntry(deps.db, asker.guildId, player.currentEntryId) : null;
  const rest = await upcomingEntries(deps.db, asker.guildId, current?.id ?? null, {
    offset: 0,
    limit: MAX_QUEUE_LENGTH,
  });
  const entries = current ? [current, ...rest] : rest;
  if (entries.length === 0)
    throw new UserError(
      "The queue is empty: play something first, then save it.",
      "Nothing to save",
    );
  const existing = await findPlaylist(deps.db, asker.guildId, name.key);
  if (existing && overwrite && !mayManage(asker, existing)) {
    throw new UserError(
      `**${shownName(existing.name)}** was saved by <@${existing.createdBy}>: only they (or someone with Manage Server) can replace it.`,
      "Not yours",
    );
  }
  const outcome = await savePlaylist(deps.db, {
    guildId: asker.guildId,
    name: name.name,
    nameKey: name.key,
    createdBy: asker.userId,
    tracks: entries.map(savedTrack),
    overwrite,
    maxPlaylists: MAX_SAVED_PLAYLISTS,
  });
  switch (outcome.kind) {
    case "exists":
      throw new UserError(
        `A playlist named **${shownName(outcome.playlist.name)}** already exists (${outcome.playlist.trackCount} tracks). Add \`overwrite:True\` to replace it, or pick another name.`,
        "Name taken",
      );
    case "full":
      throw new UserError(
        `This server has ${outcome.count} saved playlists, the most it may keep. Delete one with \`/playlist delete\` first.`,
        "Too many playlists",
      );
    default:
      return savedMessage(
        outcome.playlist,
        outcome.kind === "replaced",
        entries.reduce((sum, e) => sum + (e.isStream ? 0 : e.lengthMs), 0),
      );
  }
}

/** `/playlist list`, one page. */
export async function listMessage(deps: Deps, guildId: string, page: number): Promise<MessageBody> {
  return playlistListMessage(await listPlaylists(deps.db, guildId), page);
}

/** `/playlist delete`: by its creator or a manager. */
export async function deleteNamed(deps: Deps, asker: Asker, typed: string): Promise<string> {
  const playlist = await requirePlaylist(deps, asker.guildId, typed);
  if (!mayManage(asker, playlist)) {
    throw new UserError(
      `**${shownName(playlist.name)}** was saved by <@${playlist.createdBy}>: only they (or someone with Manage Server) can delete it.`,
      "Not yours",
    );
  }
  await deletePlaylist(deps.db, asker.guildId, playlist.id);
  return playlist.name;
}
