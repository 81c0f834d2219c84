import { sql } from "drizzle-orm";
import { jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

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
