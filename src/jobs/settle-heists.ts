import { settleDueHeists } from "../economy/heists/settle-due.ts";
import type { ScheduledJob } from "./scheduled-job.ts";

/** Settles heists whose 60-second join window has closed. */
export const settleHeists: ScheduledJob = {
  name: "settle-heists",
  run: (deps, now) => settleDueHeists(deps, now),
};
