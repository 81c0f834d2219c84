import { type MusicJob, parseMusicJob } from "../../domain/music/job-schema.ts";
import { errorBody } from "../../interactions/responses.ts";
import { describeError } from "../../platform/logger.ts";
import { DiscordRequestError, type JobInfo, type MessageBody } from "../../ports/index.ts";
import type { MusicNodeContext } from "./context.ts";
import { control } from "./controls.ts";
import { type Outcome, refuse } from "./outcome.ts";
import { play } from "./play.ts";
import { loadPlaylist } from "./playlist-load.ts";
import { speak } from "./speak.ts";

const UNKNOWN_WEBHOOK = 10015;
const EDIT_RETRIES = 2;
const EDIT_RETRY_MS = 300;

/**
 * The `music` task: checks the payload, drops what is stale, runs the action under the guild's
 * lock and answers the interaction. Never rethrows a user-level failure (it would be retried);
 * an infrastructure failure is rethrown without any detail that could carry the token.
 */
export function musicTask(ctx: MusicNodeContext) {
  return async (payload: unknown, info: JobInfo): Promise<void> => {
    ctx.metrics.jobPickup("music", Math.max(0, ctx.clock.now() - info.runAt.getTime()));
    const parsed = parseMusicJob(payload);
    if (!parsed.ok) {
      ctx.log.error("music.job_malformed", { jobId: info.id, problem: parsed.problem });
      ctx.metrics.jobDone("unknown", "dropped");
      return;
    }
    const { job } = parsed;
    const action = job.action.type;
    const age = job.interaction ? ctx.clock.now() - job.interaction.receivedAt : 0;
    if (age > ctx.timings.interactionMaxAgeMs) {
      ctx.log.warn("music.job_dropped_stale", {
        jobId: info.id,
        guildId: job.guildId,
        action,
        ageMs: age,
      });
      ctx.metrics.jobDone(action, "dropped");
      return;
    }
    let outcome: Outcome;
    try {
      outcome = await ctx.locks.run(job.guildId, () => runAction(ctx, job));
    } catch (error) {
      ctx.log.error("music.job_failed", {
        jobId: info.id,
        guildId: job.guildId,
        action,
        attempt: info.attempt,
        error: describeError(error),
      });
      ctx.metrics.jobDone(action, "error");
      if (info.attempt >= info.maxAttempts) {
        await answer(ctx, job, {
          ok: false,
          message: "Something went wrong with the music service. Please try again.",
        });
      }
      throw new Error(`music ${action} failed (${error instanceof Error ? error.name : "error"})`);
    }
    ctx.metrics.jobDone(action, outcome.ok ? "ok" : "refused");
    await answer(ctx, job, outcome);
  };
}

function runAction(ctx: MusicNodeContext, job: MusicJob): Promise<Outcome> {
  // The gateway's view of the user's channel is fresher than the edge's REST look-up.
  const seen = ctx.voice.channelOf(job.guildId, job.userId);
  const userChannelId = seen === undefined ? job.userVoiceChannelId : seen;
  const { action } = job;
  if (action.type === "play") return play(ctx, job, action.query, userChannelId);
  if (action.type === "playlist_load") return loadPlaylist(ctx, job, action, userChannelId);
  if (action.type === "speak") return speak(ctx, job, action.identifier, userChannelId);
  // Uploads have their own task (and runner slots); one here was misrouted.
  if (action.type === "playlist_upload")
    return Promise.resolve(refuse("That upload went to the wrong worker. Upload it again."));
  return control(ctx, job, action, userChannelId);
}

/** Edits the original response, or replaces it with a private message on a refusal. */
async function answer(ctx: MusicNodeContext, job: MusicJob, outcome: Outcome): Promise<void> {
  const interaction = job.interaction;
  if (!interaction) return;
  const hooks = ctx.discord.interactions;
  try {
    // The original response of `/ai voice` holds the answer's text: it stays, and a refusal
    // is added privately under it.
    if (job.action.type === "speak") {
      if (!outcome.ok) {
        const body = errorBody(outcome.title ?? "Couldn't speak the answer", outcome.message);
        await withUnknownWebhookRetry(() => hooks.followUp(interaction.token, body));
      }
      return;
    }
    if (outcome.ok) {
      await withUnknownWebhookRetry(() => hooks.editOriginal(interaction.token, outcome.body));
      return;
    }
    const body: MessageBody = errorBody(outcome.title ?? "That didn't work", outcome.message);
    await withUnknownWebhookRetry(() => hooks.followUp(interaction.token, body));
    await hooks.deleteOriginal(interaction.token);
  } catch (error) {
    ctx.log.warn("music.answer_failed", {
      guildId: job.guildId,
      action: job.action.type,
      error: describeError(error),
    });
  }
}

/**
 * The edge enqueues right after answering Discord; a job picked up in milliseconds may edit
 * before Discord has registered the deferral (10015 Unknown Webhook). Retry a little.
 */
async function withUnknownWebhookRetry<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const unknownWebhook = error instanceof DiscordRequestError && error.code === UNKNOWN_WEBHOOK;
      if (!unknownWebhook || attempt >= EDIT_RETRIES) throw error;
      await new Promise((resolve) => setTimeout(resolve, EDIT_RETRY_MS * (attempt + 1)));
    }
  }
}
