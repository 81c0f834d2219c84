import type { MusicJob } from "../music/job.ts";
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
  /**
   * `/ai voice`: once shown, the answer is spoken in `channelId` through this speech job
   * (the voice-node checks the whole job again when it runs it).
   */
  speech?: AnswerSpeech;
}

/** Where a handed-over `/ai voice` answer is spoken: the channel and the speech job's frame. */
export interface AnswerSpeech {
  channelId: string;
  job: Omit<MusicJob, "action">;
}

function isAnswerSpeech(value: unknown): value is AnswerSpeech {
  if (typeof value !== "object" || value === null) return false;
  const speech = value as { channelId?: unknown; job?: unknown };
  const job = speech.job as { guildId?: unknown } | null | undefined;
  return isSnowflake(speech.channelId) && typeof job === "object" && isSnowflake(job?.guildId);
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
    typeof p.enqueuedAt === "number" &&
    (p.speech === undefined || isAnswerSpeech(p.speech));
  return ok ? (p as unknown as AiAnswerJob) : null;
}
