import { bigint, bigserial, boolean, index, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** A guild's music settings, changed by `/dj` and `/music announce|autoplay|stay`. */
export const musicSettings = pgTable("music_settings", {
  guildId: text("guild_id").primaryKey(),
  /** With a DJ role set, controls need it, Manage Server, or being alone with the bot. */
  djRoleId: text("dj_role_id"),
  /** Whether a now-playing message is posted when a track starts. */
  announce: boolean("announce").notNull().default(true),
  /** Whether related tracks are queued when the queue runs out. */
  autoplay: boolean("autoplay").notNull().default(false),
  /** 24/7: never leave by itself; rejoin after a restart even with an empty queue. */
  stay: boolean("stay").notNull().default(false),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A track that was played (finished or skipped), newest last; kept to the last few per guild. */
export const musicHistory = pgTable(
  "music_history",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    guildId: text("guild_id").notNull(),
    title: text("title").notNull(),
    author: text("author").notNull().default(""),
    uri: text("uri"),
    sourceName: text("source_name").notNull().default(""),
    lengthMs: bigint("length_ms", { mode: "number" }).notNull().default(0),
    isStream: boolean("is_stream").notNull().default(false),
    requestedBy: text("requested_by").notNull(),
    autoplay: boolean("autoplay").notNull().default(false),
    playedAt: timestamp("played_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("music_history_guild_idx").on(table.guildId, table.id)],
);

/**
 * The now-playing message of a guild: where it is and which queue entry it shows. Buttons on
 * it carry that entry's id, so a press on a message about a finished track changes nothing.
 */
export const musicNowPlaying = pgTable("music_now_playing", {
  guildId: text("guild_id").primaryKey(),
  channelId: text("channel_id").notNull(),
  messageId: text("message_id").notNull(),
  /** The queue entry shown; null once the queue ended (the message then has no buttons). */
  entryId: bigint("entry_id", { mode: "number" }),
  editedAt: timestamp("edited_at", { withTimezone: true }).notNull().defaultNow(),
});

export type MusicSettingsRow = typeof musicSettings.$inferSelect;
export type MusicHistoryRow = typeof musicHistory.$inferSelect;
export type MusicNowPlayingRow = typeof musicNowPlaying.$inferSelect;
