import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

/**
 * A guild's saved playlist (`/playlist save`). Names are unique per guild whatever their
 * case (`name_key` is the lower-cased name).
 */
export const musicPlaylists = pgTable(
  "music_playlists",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    guildId: text("guild_id").notNull(),
    name: text("name").notNull(),
    nameKey: text("name_key").notNull(),
    createdBy: text("created_by").notNull(),
    trackCount: integer("track_count").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("music_playlists_name_idx").on(table.guildId, table.nameKey),
    check("music_playlists_name_length", sql`char_length(${table.name}) between 1 and 50`),
    check("music_playlists_track_count", sql`${table.trackCount} between 1 and 1000`),
  ],
);

/** The tracks of a saved playlist, in order; enough to play each again on any Lavalink node. */
export const musicPlaylistTracks = pgTable(
  "music_playlist_tracks",
  {
    playlistId: bigint("playlist_id", { mode: "number" })
      .notNull()
      .references(() => musicPlaylists.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    encoded: text("encoded").notNull(),
    title: text("title").notNull(),
    author: text("author").notNull().default(""),
    uri: text("uri"),
    artworkUrl: text("artwork_url"),
    sourceName: text("source_name").notNull().default(""),
    lengthMs: bigint("length_ms", { mode: "number" }).notNull().default(0),
    isStream: boolean("is_stream").notNull().default(false),
    isSeekable: boolean("is_seekable").notNull().default(true),
  },
  (table) => [primaryKey({ columns: [table.playlistId, table.position] })],
);

/**
 * A playlist file a member uploaded (`/playlist upload`), resolved by the voice-node in
 * batches. `cursor` counts the entries handled; it moves in the same transaction as the
 * tracks it appended, so a restarted voice-node resumes exactly where the last batch ended.
 */
export const musicPlaylistUploads = pgTable(
  "music_playlist_uploads",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    guildId: text("guild_id").notNull(),
    userId: text("user_id").notNull(),
    textChannelId: text("text_channel_id").notNull(),
    filename: text("filename").notNull(),
    /** The file's entries in order: URLs or `artist - title` searches. */
    entries: jsonb("entries").$type<string[]>().notNull(),
    total: integer("total").notNull(),
    cursor: integer("cursor").notNull().default(0),
    added: integer("added").notNull().default(0),
    notFound: integer("not_found").notNull().default(0),
    /** Entries past the guild queue's cap. */
    skipped: integer("skipped").notNull().default(0),
    /** The first entries that found nothing, for the final report. */
    notFoundSamples: jsonb("not_found_samples").$type<string[]>().notNull().default([]),
    /** `queued`, `running`, `done` or `failed`. */
    status: text("status").notNull().default("queued"),
    /** The response message, once known: edited with the bot token after the token expired. */
    messageChannelId: text("message_channel_id"),
    messageId: text("message_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (table) => [
    index("music_playlist_uploads_open_idx")
      .on(table.status)
      .where(sql`status in ('queued', 'running')`),
    index("music_playlist_uploads_guild_idx").on(table.guildId, table.createdAt),
    check(
      "music_playlist_uploads_status",
      sql`${table.status} in ('queued', 'running', 'done', 'failed')`,
    ),
    check(
      "music_playlist_uploads_counts",
      sql`${table.cursor} between 0 and ${table.total} and ${table.total} between 1 and 1000`,
    ),
  ],
);

export type MusicPlaylistRow = typeof musicPlaylists.$inferSelect;
export type MusicPlaylistTrackRow = typeof musicPlaylistTracks.$inferSelect;
export type MusicPlaylistUploadRow = typeof musicPlaylistUploads.$inferSelect;
