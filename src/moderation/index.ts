/**
 * The moderation feature layer: what slash commands and scheduled jobs both run (lockdown and
 * ban runners, timed-lockdown settlement, modlog posts) and the messages they show. Commands
 * and jobs import it; it imports neither.
 */
export { applicationIdOf, type Moderator, showProgress } from "./actor.ts";
export {
  caseDetailsOf,
  PER_USER_CONCURRENCY,
  RUN_BUDGET_MS,
  runBanJob,
  UNBAN_BATCH,
} from "./ban-runner.ts";
export { caseEmbed, caseLine, discordTime } from "./case-view.ts";
export { continueModerationJobs, moderationJobTask } from "./jobs/continue-jobs.ts";
export { JOB_GLOBAL_BUDGET, withGlobalBudget } from "./jobs/discord-budget.ts";
export {
  driveJob,
  jobTimings,
  ownerName,
  type RunOutcome,
  runModerationJob,
} from "./jobs/runner.ts";
export {
  type JobOrigin,
  refuseWhileRunning,
  startServerLockdown,
  startServerUnlock,
} from "./jobs/start-lockdown-jobs.ts";
export {
  type PreviewRequest,
  startMassban,
  startMassbanPreview,
} from "./jobs/start-massban-jobs.ts";
export {
  type LockOutcome,
  lockChannels,
  type RestoreOutcome,
  restoreChannels,
  restoreOverwrite,
} from "./lockdown-runner.ts";
export { unlockChannels } from "./lockdown-unlock.ts";
export {
  channelsProgressBody,
  lockdownSummaryBody,
  lockNoticeBody,
  nothingBody,
  unlockNoticeBody,
  unlockSummaryBody,
} from "./lockdown-views.ts";
export {
  checkingBody,
  closedBody,
  handedOverBody,
  jobProgressBody,
  jobSummaryBody,
  nothingToBanBody,
  notPendingText,
  previewBody,
} from "./massban-views.ts";
export { postCaseToModlog } from "./modlog-post.ts";
export { settleDueLockdowns } from "./settle-lockdowns.ts";
