import type { APIInteraction } from "discord-api-types/v10";
import { insertPreview } from "../../data/moderation/index.ts";
import {
  mapBounded,
  type ParsedTargets,
  partitionTargets,
  shouldReport,
} from "../../domain/moderation/index.ts";
import { type Progress, UserError } from "../../interactions/index.ts";
import type { BaseContext } from "../../interactions/types.ts";
import {
  applicationIdOf,
  checkingBody,
  nothingToBanBody,
  PER_USER_CONCURRENCY,
  previewBody,
  showProgress,
} from "../../moderation/index.ts";
import { describeError } from "../../platform/logger.ts";
import type { MessageBody } from "../../ports/index.ts";
import { botIdOf, guildOf, moderatorOf } from "./access.ts";

/** How long the preview stays confirmable. */
export const PREVIEW_TTL_MS = 60_000;
/** Member checks stop here (Workers end post-response work about 30 s after the response). */
export const CHECK_BUDGET_MS = 25_000;
const REPORT_EVERY = 100;

/** What the moderator asked for, already parsed and validated. */
export interface MassbanInput {
  targets: ParsedTargets;
  reason: string | null;
  deleteMessageSeconds: number;
}

class OutOfTime extends Error {}

/**
 * Builds the massban preview: looks up the roles of every target who is a member (never
 * banning someone it could not check), applies the skip rules, and stores the preview in
 * Postgres with a 60 s expiry. Runs after a deferred response.
 */
export async function buildPreview(
  ctx: BaseContext<APIInteraction>,
  input: MassbanInput,
  progress: Pick<Progress, "edit">,
): Promise<MessageBody> {
  const { deps } = ctx;
  const guildId = guildOf(ctx);
  const botId = botIdOf(ctx);
  const invokerId = ctx.user.id;
  const [guild, botRoles] = await Promise.all([
    deps.discord.guilds.get(guildId),
    deps.discord.guilds.memberRoles(guildId, botId),
  ]);
  const exempt = new Set([invokerId, botId, guild.ownerId]);
  const toCheck = input.targets.ids.filter((id) => !exempt.has(id));
  const memberRoles = new Map<string, string[]>();
  const unchecked = new Set<string>();
  const deadline = deps.clock.now() + CHECK_BUDGET_MS;
  let done = 0;
  // Once out of time, lanes still finishing a lookup must not edit over the refusal.
  let stopped = false;
  try {
    await mapBounded(toCheck, PER_USER_CONCURRENCY, async (id) => {
      if (stopped || deps.clock.now() > deadline) {
        stopped = true;
        throw new OutOfTime();
      }
      try {
        const roles = await deps.discord.guilds.memberRoles(guildId, id);
        if (roles) memberRoles.set(id, roles);
      } catch (error) {
        deps.log.warn("massban.member_check_failed", {
          guild_id: guildId,
          error: describeError(error),
        });
        unchecked.add(id);
      }
      done++;
      if (!stopped && shouldReport(done, toCheck.length, REPORT_EVERY) && done < toCheck.length)
        await showProgress(deps, progress, checkingBody(done, toCheck.length));
    });
  } catch (error) {
    if (!(error instanceof OutOfTime)) throw error;
    throw new UserError(
      `Checking the members took too long (${done} of ${toCheck.length} checked), so nothing was banned. Run it again with fewer ids, about ${Math.max(50, done)} at a time.`,
      "Massban stopped",
    );
  }

  const { ban, skipped } = partitionTargets({
    targets: input.targets.ids,
    invokerId,
    invokerRoles: ctx.member?.roles ?? [],
    botId,
    botRoles: botRoles ?? [],
    ownerId: guild.ownerId,
    rolePositions: new Map(guild.roles.map((r) => [r.id, r.position])),
    memberRoles,
    unchecked,
  });
  if (ban.length === 0) return nothingToBanBody(skipped, input.targets.invalid);
  const preview = await insertPreview(deps.db, {
    id: deps.random.uuid(),
    applicationId: applicationIdOf(deps),
    guildId,
    moderator: moderatorOf(ctx),
    targets: ban,
    skipped,
    invalid: input.targets.invalid,
    reason: input.reason,
    deleteMessageSeconds: input.deleteMessageSeconds,
    expiresAt: new Date(deps.clock.now() + PREVIEW_TTL_MS),
  });
  return previewBody(preview);
}
