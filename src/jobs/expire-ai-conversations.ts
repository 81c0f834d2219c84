import { deleteExpiredConversations } from "../data/ai/index.ts";
import type { ScheduledJob } from "./scheduled-job.ts";

/** Deletes `/ai chat` memory 24 h after its last use (reads already ignore it). */
export const expireAiConversations: ScheduledJob = {
  name: "expire-ai-conversations",
  run: (deps, now) => deleteExpiredConversations(deps.db, now),
};
