import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

/**
 * One guild's player: the truth the voice-node restores from. Every writer of a guild's music
 * state locks this row first (`SELECT … FOR UPDATE`), so queue edits from the voice-node and
 * from the edge serialise per guild without blocking other guilds.
 */
export const musicPlayers = pgTable(
  "music_players",
  {
    guildId: text("guild_id").primaryKey(),
    /** The voice channel the bot should be in; null after leave/stop (nothing to restore). */
    voiceChannelId: text("voice_channel_id"),
    /** Where messages that outlive an interaction token go (track failures, auto-leave). */
    textChannelId: text("text_channel_id"),
    /** The queue entry playing now; null when nothing plays. */
    currentEntryId: bigint("current_entry_id", { mode: "number" }),
    /** Playback position of the current entry at `position_at`. */
    positionMs: integer("position_ms").notNull().default(0),
    positionAt: timestamp("position_at", { withTimezone: true }),
    paused: boolean("paused").notNull().default(false),
    volume: integer("volume").notNull().default(100),
    loopMode: text("loop_mode").notNull().default("off"),
    /** When the queue ran out (auto-leave after 5 minutes); null while something plays. */
    idleSince: timestamp("idle_since", { withTimezone: true }),
    /** The voice-node that holds the player. */
    nodeId: text("node_id"),
    /** The `/music filter` preset, re-applied whenever the player is recreated. */
    filter: text("filter").notNull().default("off"),
    /**
     * People (not bots) in the bot's voice channel as the voice-node's gateway sees them; null
     * when unknown. The edge reads it for the DJ rule "alone in the channel with the bot".
     */
    listeners: integer("listeners"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    check("music_players_volume_range", sql`${table.volume} between 0 and 150`),
    check("music_players_loop_mode", sql`${table.loopMode} in ('off', 'track', 'queue')`),
    check("music_players_position", sql`${table.positionMs} >= 0`),
  ],
);

/**
 * A track in a guild's queue, the current one included. Order is `sort_key` (numeric, so a
 * track can always be placed between two others without renumbering: concurrent edits touch
 * only the rows they move). Appends take `max + 1`.
 */
export const musicQueueEntries = pgTable(
  "music_queue_entries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    guildId: text("guild_id")
      .notNull()
      .references(() => musicPlayers.guildId, { onDelete: "cascade" }),
    sortKey: numeric("sort_key").notNull(),
    /** Lavalink's encoded track: enough to play it again on any node. */
    encoded: text("encoded").notNull(),
    title: text("title").notNull(),
    author: text("author").notNull().default(""),
    uri: text("uri"),
    artworkUrl: text("artwork_url"),
    sourceName: text("source_name").notNull().default(""),
    /** 0 for live streams. */
    lengthMs: bigint("length_ms", { mode: "number" }).notNull().default(0),
    isStream: boolean("is_stream").notNull().default(false),
    isSeekable: boolean("is_seekable").notNull().default(true),
    requestedBy: text("requested_by").notNull(),
    /** Queued by autoplay (related to the last track), not by a member. */
    autoplay: boolean("autoplay").notNull().default(false),
    addedAt: timestamp("added_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex("music_queue_entries_order_idx").on(table.guildId, table.sortKey)],
);

/**
 * One row per voice-node process identity: its heartbeat (every 15 s), what it reports about
 * the gateway and Lavalink, and the sessions a restarted process resumes.
 */
export const voiceNodes = pgTable(
  "voice_nodes",
  {
    id: text("id").primaryKey(),
    /** `online`, or `offline` once it shut down cleanly. */
    status: text("status").notNull(),
    gateway: text("gateway").notNull(),
    /** Lavalink nodes by name: `{ name: { up, sessionId } }`. */
    lavalink: jsonb("lavalink").notNull().default(sql`'{}'::jsonb`),
    /** Gateway session per shard, for RESUME after a restart. */
    gatewaySessions: jsonb("gateway_sessions").notNull().default(sql`'{}'::jsonb`),
    players: integer("players").notNull().default(0),
    /** VOICE_NODE_SHARDS as `0,1/4`; null for a node holding every guild (shard count 1). */
    shards: text("shards"),
    version: text("version").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("voice_nodes_heartbeat_idx").on(table.heartbeatAt)],
);

export type MusicPlayerRow = typeof musicPlayers.$inferSelect;
export type MusicQueueEntryRow = typeof musicQueueEntries.$inferSelect;
export type VoiceNodeRow = typeof voiceNodes.$inferSelect;
