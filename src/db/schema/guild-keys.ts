import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from "drizzle-orm/pg-core";

const stamp = (name: string) => timestamp(name, { withTimezone: true });

/**
 * Each guild's data key (AES-256-GCM), stored only wrapped by a master key. `generation`
 * counts fresh data keys (`--new-data-keys`); `master_version` names the master key that
 * wrapped it (`v2`), so rotation knows what is left to re-wrap.
 */
export const guildDataKeys = pgTable(
  "guild_data_keys",
  {
    guildId: text("guild_id").primaryKey(),
    generation: integer("generation").notNull(),
    masterVersion: text("master_version").notNull(),
    wrappedKey: text("wrapped_key").notNull(),
    createdAt: stamp("created_at").notNull().defaultNow(),
    rotatedAt: stamp("rotated_at"),
  },
  (table) => [index("guild_data_keys_master_version_idx").on(table.masterVersion)],
);

/**
 * A sensitive guild setting, encrypted with the guild's data key. The AAD binds guild id,
 * field name and data-key generation, so a ciphertext moved to another row fails to open.
 */
export const guildSecrets = pgTable(
  "guild_secrets",
  {
    guildId: text("guild_id").notNull(),
    field: text("field").notNull(),
    ciphertext: text("ciphertext").notNull(),
    dataKeyGeneration: integer("data_key_generation").notNull(),
    updatedAt: stamp("updated_at").notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.guildId, table.field] })],
);

/** One run of `rotate-guild-keys`: the audit of what was asked and how far it got. */
export const guildKeyRotations = pgTable("guild_key_rotations", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  reason: text("reason").notNull(),
  /** `all`, or the one guild id asked for. */
  scope: text("scope").notNull(),
  targetMasterVersion: text("target_master_version").notNull(),
  newDataKeys: boolean("new_data_keys").notNull(),
  /** `running` until every guild in scope is done, then `done`. */
  status: text("status").notNull(),
  guildsDone: integer("guilds_done").notNull().default(0),
  guildsFailed: integer("guilds_failed").notNull().default(0),
  startedAt: stamp("started_at").notNull().defaultNow(),
  finishedAt: stamp("finished_at"),
});

/** Per-guild progress of a rotation run, written in the guild's own transaction. */
export const guildKeyRotationGuilds = pgTable(
  "guild_key_rotation_guilds",
  {
    rotationId: bigint("rotation_id", { mode: "number" })
      .notNull()
      .references(() => guildKeyRotations.id, { onDelete: "cascade" }),
    guildId: text("guild_id").notNull(),
    /** `rotated`, `unchanged` (already current) or `failed`. */
    outcome: text("outcome").notNull(),
    doneAt: stamp("done_at").notNull().default(sql`now()`),
  },
  (table) => [primaryKey({ columns: [table.rotationId, table.guildId] })],
);

export type GuildDataKeyRow = typeof guildDataKeys.$inferSelect;
export type GuildSecretRow = typeof guildSecrets.$inferSelect;
export type GuildKeyRotation = typeof guildKeyRotations.$inferSelect;
