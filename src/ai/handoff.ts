import { voiceServiceStatus } from "../data/music/voice-nodes.ts";
import {
  AI_ANSWER_TASK,
  AI_JOB_MAX_AGE_MS,
  type AiAnswerJob,
  type AnswerSpeech,
  parseAiAnswerJob,
} from "../domain/ai/index.ts";
import { clampMessage, errorBody, UserError } from "../interactions/index.ts";
import { describeError } from "../platform/logger.ts";
import type { Deps, TaskHandler } from "../ports/index.ts";
import { type AnswerInput, runAnswer } from "./answer.ts";
import { resolveModel, settingsFor } from "./provider.ts";
import type { AnswerSink } from "./stream-answer.ts";
import { speakAnswer } from "./voice.ts";

/**
 * True when this runtime would cut a long answer (Workers) and a long-lived worker (the
 * voice-node, which runs the job queue) has a fresh heartbeat: it can stream the whole answer.
 */
export async function longLivedWorkerAvailable(deps: Deps): Promise<boolean> {
  if (deps.ai.cutAfterMs === null) return false;
  try {
    const status = await voiceServiceStatus(deps.db, new Date(deps.clock.now()));
    return status.gateway === "connected";
  } catch (error) {
    deps.log.warn("ai.worker_status_unknown", { error: describeError(error) });
    return false;
  }
}

/**
 * Queues the answer for the long-lived worker; it answers through the interaction token and,
 * for `/ai voice`, then hands the answer to be spoken.
 */
export async function handOffAnswer(
  deps: Deps,
  input: AnswerInput,
  token: string,
  speech?: AnswerSpeech,
): Promise<void> {
  const job: AiAnswerJob = {
    ...input,
    token,
    enqueuedAt: deps.clock.now(),
    ...(speech ? { speech } : {}),
  };
  // One attempt: a retried answer would edit a reply the user has already seen.
  await deps.jobs.add(AI_ANSWER_TASK, job, { maxAttempts: 1 });
  deps.log.info("ai.handed_off", { guild_id: input.guildId, prompt_chars: input.question.length });
}

/** A runtime's way to give a job what a request gets: dependencies, then flush and release. */
export interface JobScope {
  deps: Deps;
  finish(): Promise<void>;
}

function tokenSink(deps: Deps, token: string): AnswerSink {
  const hooks = deps.discord.interactions;
  return {
    edit: (body) => hooks.editOriginal(token, clampMessage(body)),
    followUp: (body) => hooks.followUp(token, clampMessage(body)),
    editFollowUp: (id, body) => hooks.editMessage(token, id, clampMessage(body)),
  };
}

/**
 * The `ai_answer` task for the long-lived worker's registry: re-resolves the guild's model
 * (its key is decrypted here, so the worker needs GUILD_KEYS_MASTER_KEYS too), streams the
 * whole answer with no runtime cut, and edits the deferred reply. A malformed or stale job
 * is logged and dropped; failures are shown to the user and never retried.
 */
export function aiAnswerTask(openScope: () => JobScope): TaskHandler {
  return async function aiAnswer(payload) {
    const { deps, finish } = openScope();
    try {
      const job = parseAiAnswerJob(payload);
      if (!job) {
        deps.log.error("ai.job_malformed");
        return;
      }
      if (deps.clock.now() - job.enqueuedAt > AI_JOB_MAX_AGE_MS) {
        deps.log.warn("ai.job_expired", { guild_id: job.guildId });
        return;
      }
      const sink = tokenSink(deps, job.token);
      try {
        const input: AnswerInput = {
          question: job.question,
          guildId: job.guildId,
          channelId: job.channelId,
          userId: job.userId,
          remember: job.remember,
        };
        const settings = await settingsFor(deps, job.guildId);
        const resolved = await resolveModel(deps, job.guildId, settings);
        const answered = await runAnswer(
          { ...deps, ai: { ...deps.ai, cutAfterMs: null } },
          { input, persona: settings.persona, resolved },
          sink,
        ).catch((error: unknown) => {
          if (job.speech) deps.metrics.observeVoiceLlmRequest("llm_error");
          throw error;
        });
        await sink.edit(job.speech ? await speakAnswer(deps, job.speech, answered) : answered.body);
      } catch (error) {
        if (!(error instanceof UserError)) {
          deps.log.error("ai.job_failed", { error: describeError(error) });
        }
        const body =
          error instanceof UserError
            ? errorBody(error.title, error.message)
            : errorBody("Something went wrong", "The answer could not be finished.");
        await sink.edit(body);
      }
    } finally {
      await finish();
    }
  };
}
