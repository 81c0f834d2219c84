import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

/** Snowflakes are stored as text: they overflow JavaScript numbers. */
const snowflake = (name: string) => text(name);
const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

/** A guild the bot has seen an interaction from. */
export const guilds = pgTable("guilds", {
  id: snowflake("id").primaryKey(),
  firstSeenAt: createdAt(),
  lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Per-guild settings, one row per key. */
export const guildSettings = pgTable(
  "guild_settings",
  {
    guildId: snowflake("guild_id")
      .notNull()
      .references(() => guilds.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    value: jsonb("value").notNull().default(sql`'null'::jsonb`),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.guildId, table.key] })],
);

export type Guild = typeof guilds.$inferSelect;
export type GuildSetting = typeof guildSettings.$inferSelect;

/** A live rate-limit override: one per guild and bucket; expired rows are ignored, then swept. */
export const rateLimitOverrides = pgTable(
  "rate_limit_overrides",
  {
    guildId: snowflake("guild_id").notNull(),
    bucket: text("bucket").notNull(),
    limit: integer("limit").notNull(),
    windowSeconds: integer("window_seconds").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    setBy: snowflake("set_by").notNull(),
    reason: text("reason"),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.guildId, table.bucket] })],
);

/** A guild the operators have blocked; `expires_at` null means permanent. */
export const guildBlocks = pgTable("guild_blocks", {
  guildId: snowflake("guild_id").primaryKey(),
  reason: text("reason").notNull(),
  blockedBy: snowflake("blocked_by").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }),
  createdAt: createdAt(),
});

/** Every operator action: who, what, when, why. Append-only. */
export const operatorAudit = pgTable(
  "operator_audit",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    actorId: snowflake("actor_id").notNull(),
    action: text("action").notNull(),
    target: text("target"),
    details: jsonb("details").notNull().default(sql`'{}'::jsonb`),
    reason: text("reason"),
    createdAt: createdAt(),
  },
  (table) => [index("operator_audit_created_at_idx").on(table.createdAt)],
);

export type RateLimitOverride = typeof rateLimitOverrides.$inferSelect;
export type GuildBlock = typeof guildBlocks.$inferSelect;
export type OperatorAuditEntry = typeof operatorAudit.$inferSelect;

/** The next case number of each guild; bumped inside the transaction that inserts the case. */
export const moderationCaseCounters = pgTable("moderation_case_counters", {
  guildId: snowflake("guild_id").primaryKey(),
  next: integer("next").notNull(),
});

/**
 * A numbered modlog case. `targets` are user ids (bans) or channel ids (lockdowns); an undo
 * case points back with `undoes_case_number` and the original forward with `undo_case_number`.
 */
export const moderationCases = pgTable(
  "moderation_cases",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    guildId: snowflake("guild_id").notNull(),
    number: integer("number").notNull(),
    action: text("action").notNull(),
    targets: text("targets").array().notNull(),
    moderatorId: snowflake("moderator_id").notNull(),
    reason: text("reason"),
    undoCaseNumber: integer("undo_case_number"),
    undoesCaseNumber: integer("undoes_case_number"),
    details: jsonb("details").notNull().default(sql`'{}'::jsonb`),
    reasonUpdatedBy: snowflake("reason_updated_by"),
    reasonUpdatedAt: timestamp("reason_updated_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex("moderation_cases_guild_number_idx").on(table.guildId, table.number),
    index("moderation_cases_targets_idx").using("gin", table.targets),
  ],
);

/**
 * A massban (kind `ban`) or its undo (kind `unban`): the preview awaiting confirmation, then
 * the job's progress, written after every chunk so a cut-off run can be resumed exactly.
 */
export const massbanRequests = pgTable(
  "massban_requests",
  {
    id: uuid("id").primaryKey(),
    kind: text("kind").notNull(),
    /** The bot that runs it: only its token can act in the guild. */
    applicationId: snowflake("application_id").notNull(),
    guildId: snowflake("guild_id").notNull(),
    moderatorId: snowflake("moderator_id").notNull(),
    moderatorName: text("moderator_name").notNull(),
    targets: text("targets").array().notNull(),
    skipped: jsonb("skipped").notNull().default(sql`'[]'::jsonb`),
    invalid: text("invalid").array().notNull().default(sql`'{}'::text[]`),
    reason: text("reason"),
    deleteMessageSeconds: integer("delete_message_seconds").notNull().default(0),
    state: text("state").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    caseNumber: integer("case_number"),
    undoesCaseNumber: integer("undoes_case_number"),
    nextIndex: integer("next_index").notNull().default(0),
    doneIds: text("done_ids").array().notNull().default(sql`'{}'::text[]`),
    goneIds: text("gone_ids").array().notNull().default(sql`'{}'::text[]`),
    failed: jsonb("failed").notNull().default(sql`'[]'::jsonb`),
    inFlight: boolean("in_flight").notNull().default(false),
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }),
    interactionToken: text("interaction_token"),
    tokenExpiresAt: timestamp("token_expires_at", { withTimezone: true }),
    createdAt: createdAt(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (table) => [index("massban_requests_state_idx").on(table.state, table.heartbeatAt)],
);

/** One `/lockdown` (a channel or the whole server); timed ones end at `expires_at`. */
export const lockdowns = pgTable(
  "lockdowns",
  {
    id: uuid("id").primaryKey(),
    /** The bot that locked it: only its token can restore the channels. */
    applicationId: snowflake("application_id").notNull(),
    guildId: snowflake("guild_id").notNull(),
    scope: text("scope").notNull(),
    reason: text("reason"),
    lockedBy: snowflake("locked_by").notNull(),
    caseNumber: integer("case_number").notNull(),
    state: text("state").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    settlingAt: timestamp("settling_at", { withTimezone: true }),
    endCaseNumber: integer("end_case_number"),
    createdAt: createdAt(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
  },
  (table) => [index("lockdowns_state_expires_idx").on(table.state, table.expiresAt)],
);

/**
 * A channel of a lockdown with its @everyone overwrite as it was before (null: there was
 * none). Saved before anything changes, so unlock can restore it exactly. At most one live
 * row (`saved` or `applied`) per channel.
 */
export const lockdownChannels = pgTable(
  "lockdown_channels",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    lockdownId: uuid("lockdown_id")
      .notNull()
      .references(() => lockdowns.id, { onDelete: "cascade" }),
    guildId: snowflake("guild_id").notNull(),
    channelId: snowflake("channel_id").notNull(),
    savedOverwrite: jsonb("saved_overwrite"),
    state: text("state").notNull(),
    failure: text("failure"),
    createdAt: createdAt(),
    restoredAt: timestamp("restored_at", { withTimezone: true }),
    /**
     * Who is restoring the channel now, until when (the database's clock): the claim replaces
     * a row lock held across the Discord call, so restores can run as wide as a job's lanes
     * without holding a pooled connection each; a claim of a run that died runs out.
     */
    restoringBy: text("restoring_by"),
    restoringUntil: timestamp("restoring_until", { withTimezone: true }),
  },
  (table) => [
    uniqueIndex("lockdown_channels_live_idx")
      .on(table.channelId)
      .where(sql`state in ('saved', 'applied')`),
    index("lockdown_channels_lockdown_idx").on(table.lockdownId),
    index("lockdown_channels_guild_idx").on(table.guildId, table.state),
  ],
);

export type ModerationCase = typeof moderationCases.$inferSelect;
export type MassbanRequest = typeof massbanRequests.$inferSelect;
export type Lockdown = typeof lockdowns.$inferSelect;
export type LockdownChannel = typeof lockdownChannels.$inferSelect;

export * from "./schema/ai.ts";
export * from "./schema/economy.ts";
export * from "./schema/guild-keys.ts";
export * from "./schema/moderation-jobs.ts";
export * from "./schema/music.ts";
export * from "./schema/music-queue.ts";
export * from "./schema/playlists.ts";
