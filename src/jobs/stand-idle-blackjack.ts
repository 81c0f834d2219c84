import { settleIdleHands } from "../economy/casino/settle-idle.ts";
import type { ScheduledJob } from "./scheduled-job.ts";

/** Stands blackjack hands left alone for 5 minutes and pays them out. */
export const standIdleBlackjack: ScheduledJob = {
  name: "stand-idle-blackjack",
  run: (deps, now) => settleIdleHands(deps, now),
};
