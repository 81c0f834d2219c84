import { settleDueAuctions } from "../economy/auctions/settle-due.ts";
import type { ScheduledJob } from "./scheduled-job.ts";

/** Pays sellers of ended auctions and closes them. */
export const settleAuctions: ScheduledJob = {
  name: "settle-auctions",
  run: (deps, now) => settleDueAuctions(deps, now),
};
