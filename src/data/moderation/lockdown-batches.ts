import { and, count, eq, gt, inArray } from "drizzle-orm";
import { lockdownChannels } from "../../db/schema.ts";
import type { Executor } from "./executor.ts";
import type { LockedChannel } from "./lockdowns.ts";

const LIVE = ["saved", "applied"];

/**
 * The next `limit` live channel rows of a guild (or of one of its lockdowns) after row
 * `afterId`, in row order.
 */
export async function liveChannelsAfter(
  db: Executor,
  guildId: string,
  afterId: number,
  limit: number,
  lockdownId?: string,
): Promise<LockedChannel[]> {
  const rows = await db
    .select()
    .from(lockdownChannels)
    .where(
      and(
        eq(lockdownChannels.guildId, guildId),
        inArray(lockdownChannels.state, LIVE),
        gt(lockdownChannels.id, afterId),
        lockdownId ? eq(lockdownChannels.lockdownId, lockdownId) : undefined,
      ),
    )
    .orderBy(lockdownChannels.id)
    .limit(limit);
  return rows as LockedChannel[];
}

/** How many channels of a guild (or of one of its lockdowns) are locked (live rows). */
export async function countLiveChannels(
  db: Executor,
  guildId: string,
  lockdownId?: string,
): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(lockdownChannels)
    .where(
      and(
        eq(lockdownChannels.guildId, guildId),
        inArray(lockdownChannels.state, LIVE),
        lockdownId ? eq(lockdownChannels.lockdownId, lockdownId) : undefined,
      ),
    );
  return Number(row?.n ?? 0);
}
