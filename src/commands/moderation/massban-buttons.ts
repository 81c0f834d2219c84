import { claimPreview, closePreview, findRequest } from "../../data/moderation/index.ts";
import {
  type ComponentContext,
  defer,
  embed,
  ephemeral,
  errorBody,
  updateMessage,
} from "../../interactions/index.ts";
import { COLORS } from "../../interactions/responses.ts";
import { closedBody, notPendingText, startMassban } from "../../moderation/index.ts";
import { REQUIRED, requirePermissions } from "./access.ts";

/** Discord keeps an interaction token usable for 15 minutes. */
export const TOKEN_TTL_MS = 15 * 60_000;

/** Loads the preview a button belongs to, refusing presses it must ignore. */
async function previewFor(ctx: ComponentContext) {
  const request = await findRequest(ctx.deps.db, ctx.args[0] ?? "");
  if (!request || request.guildId !== ctx.guildId || request.kind !== "ban") {
    return {
      refusal: ephemeral(errorBody("Unknown preview", "This massban preview no longer exists.")),
    };
  }
  if (request.moderatorId !== ctx.user.id) {
    return {
      refusal: ephemeral(
        errorBody(
          "Not your massban",
          `Only <@${request.moderatorId}>, who ran this /massban, can confirm or cancel it. Nothing was changed.`,
        ),
      ),
    };
  }
  return { request };
}

/**
 * Confirm: one atomic pending → running transition decides the single winner, which creates
 * the case and runs the bans after a deferred update; every other press is told why not.
 */
export async function confirmMassban(ctx: ComponentContext) {
  const { refusal, request } = await previewFor(ctx);
  if (!request) return refusal;
  requirePermissions(ctx, REQUIRED.massban);
  const { deps } = ctx;
  const now = deps.clock.now();
  const claimed = await claimPreview(deps.db, {
    id: request.id,
    presserId: ctx.user.id,
    now: new Date(now),
    token: { token: ctx.interaction.token, expiresAt: new Date(now + TOKEN_TTL_MS) },
  });
  if (!claimed) {
    const expired = await closePreview(deps.db, request.id, "expired", new Date(now));
    if (expired) return updateMessage(closedBody("expired"));
    const current = (await findRequest(deps.db, request.id)) ?? request;
    return ephemeral({
      embeds: [embed("Nothing done", notPendingText(current, now), COLORS.info)],
    });
  }
  const origin = {
    guildId: claimed.job.guildId,
    channelId: ctx.interaction.channel?.id ?? null,
    token: ctx.interaction.token,
    moderator: { id: ctx.user.id, name: ctx.user.username },
  };
  // A durable job: chunks of at most 200 through bulk-ban, edited into this message.
  return defer(async () => {
    await startMassban(deps, origin, claimed.job);
    return null;
  });
}

/** Cancel: only a pending preview can be cancelled; nobody is banned. */
export async function cancelMassban(ctx: ComponentContext) {
  const { refusal, request } = await previewFor(ctx);
  if (!request) return refusal;
  const now = ctx.deps.clock.now();
  const cancelled = await closePreview(ctx.deps.db, request.id, "cancelled", new Date(now));
  if (cancelled) return updateMessage(closedBody("cancelled"));
  const current = (await findRequest(ctx.deps.db, request.id)) ?? request;
  return ephemeral({ embeds: [embed("Nothing done", notPendingText(current, now), COLORS.info)] });
}
