import { continueModerationJobsJob } from "./continue-moderation-jobs.ts";
import { endTimedLockdowns } from "./end-timed-lockdowns.ts";
import { expireAiConversations } from "./expire-ai-conversations.ts";
import { expireGuildControls } from "./expire-guild-controls.ts";
import { pruneModerationJobs } from "./prune-moderation-jobs.ts";
import { reconcileShopPurchases } from "./reconcile-shop-purchases.ts";
import { resumeBanJobs } from "./resume-ban-jobs.ts";
import type { ScheduledJob } from "./scheduled-job.ts";
import { settleAuctions } from "./settle-auctions.ts";
import { settleHeists } from "./settle-heists.ts";
import { standIdleBlackjack } from "./stand-idle-blackjack.ts";
import { sweepMassbanPreviews } from "./sweep-massban-previews.ts";

export type { ScheduledJob, ScheduledResults } from "./scheduled-job.ts";

/**
 * Every job the scheduler runs, in order: the Workers cron trigger, the Node minute timer and
 * `POST /admin/scheduled` all run this list. A feature with due rows (auction end, heist
 * resolution, …) appends its job here; each settles its own rows with `FOR UPDATE SKIP LOCKED`.
 */
export const scheduledJobs: readonly ScheduledJob[] = [
  expireGuildControls,
  endTimedLockdowns,
  continueModerationJobsJob,
  resumeBanJobs,
  sweepMassbanPreviews,
  pruneModerationJobs,
  expireAiConversations,
  standIdleBlackjack,
  settleHeists,
  settleAuctions,
  reconcileShopPurchases,
];
