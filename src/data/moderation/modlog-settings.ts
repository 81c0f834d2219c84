import { and, eq } from "drizzle-orm";
import { guildSettings, guilds } from "../../db/schema.ts";
import type { Database } from "../../ports/index.ts";
import type { Executor } from "./executor.ts";

const MODLOG_KEY = "modlog_channel_id";

// Stored as an object: drizzle re-parses a jsonb string value as JSON, which would turn a
// snowflake into a (rounded) number.
type Stored = { channelId?: unknown };

/** The channel new cases are posted to, or null. */
export async function modlogChannel(db: Executor, guildId: string): Promise<string | null> {
  const [row] = await db
    .select({ value: guildSettings.value })
    .from(guildSettings)
    .where(and(eq(guildSettings.guildId, guildId), eq(guildSettings.key, MODLOG_KEY)));
  const channelId = (row?.value as Stored | null | undefined)?.channelId;
  return typeof channelId === "string" ? channelId : null;
}

/** Sets (channelId) or clears (null) the modlog channel; returns the previous one. */
export async function setModlogChannel(
  db: Database,
  guildId: string,
  channelId: string | null,
  now: Date,
): Promise<string | null> {
  return db.transaction(async (tx) => {
    const previous = await modlogChannel(tx, guildId);
    if (channelId === null) {
      await tx
        .delete(guildSettings)
        .where(and(eq(guildSettings.guildId, guildId), eq(guildSettings.key, MODLOG_KEY)));
      return previous;
    }
    // guild_settings references guilds: the row must exist first.
    await tx
      .insert(guilds)
      .values({ id: guildId, firstSeenAt: now, lastSeenAt: now })
      .onConflictDoNothing();
    await tx
      .insert(guildSettings)
      .values({ guildId, key: MODLOG_KEY, value: { channelId }, updatedAt: now })
      .onConflictDoUpdate({
        target: [guildSettings.guildId, guildSettings.key],
        set: { value: { channelId }, updatedAt: now },
      });
    return previous;
  });
}
