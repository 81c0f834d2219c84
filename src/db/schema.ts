import { sql } from "drizzle-orm";
import {
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
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
