import { sql } from "drizzle-orm";
import {
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

/**
 * One long moderation job (server lockdown, server unlock, massban preview, massban): its
 * inputs, its progress step by step, and the lease of the one process working it. Whoever
 * works it (the request's `waitUntil`, the voice-node's worker, the scheduled run) holds the
 * lease, advances it a step at a time and records each step before the next.
 */
export const moderationJobs = pgTable(
  "moderation_jobs",
  {
    id: uuid("id").primaryKey(),
    /** The bot that runs it: only its token can act in the guild. */
    applicationId: text("application_id").notNull(),
    guildId: text("guild_id").notNull(),
    /** `lockdown`, `unlock`, `massban_preview` or `massban`. */
    kind: text("kind").notNull(),
    /** `running`, then `done`, `cancelled` or `failed`. */
    state: text("state").notNull(),
    /** What it is doing now (`locking`, `waiting`, `restoring`, `checking`, `banning`…). */
    step: text("step").notNull(),
    done: integer("done").notNull().default(0),
    total: integer("total").notNull().default(0),
    moderatorId: text("moderator_id").notNull(),
    moderatorName: text("moderator_name").notNull(),
    /** Where the command was run: the final summary goes there once the token is gone. */
    channelId: text("channel_id"),
    /** What was asked (kind-specific). */
    input: jsonb("input").notNull(),
    /** What was done so far (kind-specific); written with every step. */
    progress: jsonb("progress").notNull().default(sql`'{}'::jsonb`),
    caseNumber: integer("case_number"),
    lockdownId: uuid("lockdown_id"),
    massbanRequestId: uuid("massban_request_id"),
    /** An unlock waits for this lockdown job to stop first. */
    afterJobId: uuid("after_job_id"),
    cancelRequestedAt: timestamp("cancel_requested_at", { withTimezone: true }),
    leaseOwner: text("lease_owner"),
    /** On the database's clock; a lease past it may be taken over. */
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    /** Runs that took the lease (waitUntil, worker, scheduled). */
    runs: integer("runs").notNull().default(0),
    interactionToken: text("interaction_token"),
    tokenExpiresAt: timestamp("token_expires_at", { withTimezone: true }),
    /** The final message (summary), kept for `/case view` and late delivery. */
    summary: jsonb("summary"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (table) => [
    index("moderation_jobs_state_lease_idx").on(table.state, table.leaseUntil),
    index("moderation_jobs_case_idx").on(table.guildId, table.caseNumber),
    // One running server lockdown, and one running server unlock, per guild.
    uniqueIndex("moderation_jobs_one_running_idx")
      .on(table.applicationId, table.guildId, table.kind)
      .where(sql`state = 'running' and kind in ('lockdown', 'unlock')`),
  ],
);

export type ModerationJobRow = typeof moderationJobs.$inferSelect;
