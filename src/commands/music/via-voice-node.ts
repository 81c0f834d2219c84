import type { APIInteraction } from "discord-api-types/v10";
import type { MusicAction } from "../../domain/music/job.ts";
import { handOff } from "../../interactions/index.ts";
import type { BaseContext, HandlerResult } from "../../interactions/types.ts";
import { enqueueMusicJob } from "../../music/enqueue.ts";
import { prepareMusicJob } from "../../music/request.ts";

/** Checks before deferring, then hands the job to the voice-node, which edits the reply. */
export async function viaVoiceNode(
  ctx: BaseContext<APIInteraction & { token: string }>,
  action: MusicAction,
): Promise<HandlerResult> {
  const job = await prepareMusicJob(ctx, action);
  return handOff(() => enqueueMusicJob(ctx.deps.jobs, job, ctx.deps.config.VOICE_SHARD_COUNT));
}
