import { isSnowflake } from "../snowflake.ts";

/** The job task that finishes an answer on the long-lived worker. */
export const AI_ANSWER_TASK = "ai_answer";

/** An interaction token is good for 15 minutes; a job picked up later than this is dropped. */
export const AI_JOB_MAX_AGE_MS = 14 * 60 * 1000;

/** An answer handed to the long-lived worker: what was asked, and the token to answer with. */
export interface AiAnswerJob {
  token: string;
  question: string;
  guildId: string | null;
  channelId: string;
  userId: string;
  remember: boolean;
  /** Epoch ms when the edge enqueued it. */
  enqueuedAt: number;
}

/** Reads a job payload; null when it is not a well-formed answer job (logged and dropped). */
export function parseAiAnswerJob(payload: unknown): AiAnswerJob | null {
  if (typeof payload !== "object" || payload === null) return null;
  const p = payload as Record<string, unknown>;
  const ok =
    typeof p.token === "string" &&
    p.token.length > 0 &&
    typeof p.question === "string" &&
    (p.guildId === null || isSnowflake(p.guildId)) &&
    typeof p.channelId === "string" &&
    isSnowflake(p.userId) &&
    typeof p.remember === "boolean" &&
    typeof p.enqueuedAt === "number";
  return ok ? (p as unknown as AiAnswerJob) : null;
}
