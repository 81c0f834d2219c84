import { sweepExpiredControls } from "../data/guild-controls.ts";
import { refreshCachedControls } from "../data/guild-controls-cache.ts";
import type { ScheduledJob } from "./scheduled-job.ts";

/** Deletes expired blocks and overrides (reads already ignore them) and refreshes their caches. */
export const expireGuildControls: ScheduledJob = {
  name: "expire-guild-controls",
  async run(deps, now) {
    const guildIds = await sweepExpiredControls(deps.db, now);
    await refreshCachedControls(deps, guildIds);
    return guildIds.length;
  },
};
