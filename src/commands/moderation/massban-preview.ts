import type { APIInteraction } from "discord-api-types/v10";
import type { ParsedTargets } from "../../domain/moderation/index.ts";
import type { BaseContext } from "../../interactions/types.ts";
import { startMassbanPreview } from "../../moderation/index.ts";
import { botIdOf, guildOf, moderatorOf } from "./access.ts";

/** What the moderator asked for, already parsed and validated. */
export interface MassbanInput {
  targets: ParsedTargets;
  reason: string | null;
  deleteMessageSeconds: number;
}

/** Members the interaction already carries (`data.resolved.members`), with their roles. */
function resolvedMembers(interaction: APIInteraction): Record<string, string[]> {
  const data = (interaction as { data?: { resolved?: { members?: Record<string, unknown> } } })
    .data;
  const members = data?.resolved?.members ?? {};
  const known: Record<string, string[]> = {};
  for (const [id, member] of Object.entries(members)) {
    const roles = (member as { roles?: unknown }).roles;
    if (Array.isArray(roles) && roles.every((r) => typeof r === "string")) known[id] = roles;
  }
  return known;
}

/**
 * Builds the massban preview as a durable job (member lookups in steps, with bounded
 * concurrency; members the interaction resolved and ids that are not members cost no
 * hierarchy check); the job edits the deferred response with the preview and its buttons.
 */
export async function buildPreview(
  ctx: BaseContext<APIInteraction>,
  input: MassbanInput,
): Promise<null> {
  await startMassbanPreview(
    ctx.deps,
    {
      guildId: guildOf(ctx),
      channelId: ctx.interaction.channel?.id ?? null,
      token: ctx.interaction.token,
      moderator: moderatorOf(ctx),
    },
    {
      targets: input.targets.ids,
      invalid: input.targets.invalid,
      reason: input.reason,
      deleteMessageSeconds: input.deleteMessageSeconds,
      invokerRoles: ctx.member?.roles ?? [],
      botId: botIdOf(ctx),
      known: resolvedMembers(ctx.interaction),
    },
  );
  return null;
}
