import { startUndo } from "../../data/moderation/index.ts";
import { type ChatInputContext, defer, UserError } from "../../interactions/index.ts";
import { applicationIdOf, driveJob, jobTimings, ownerName } from "../../moderation/index.ts";
import { guildOf, moderatorOf, REQUIRED, requirePermissions } from "./access.ts";
import { TOKEN_TTL_MS } from "./massban-buttons.ts";

/**
 * `/massban undo case:<n>`: unbans everyone that massban case banned, as its own `unban`
 * case linked both ways. The checks, the case and its durable job are one transaction, so it
 * runs once; the job works in this request while time allows, then on the worker or the
 * scheduled run, so an undo of up to 1000 bans always finishes.
 */
export async function undoMassban(ctx: ChatInputContext) {
  requirePermissions(ctx, REQUIRED.massban);
  const guildId = guildOf(ctx);
  const number = ctx.options.require("case", "integer");
  const reason = ctx.options.get("reason", "string")?.trim() || null;
  const { deps } = ctx;
  const now = deps.clock.now();
  const { leaseMs, budgetMs } = jobTimings(deps);
  const owner = ownerName(deps, "request");
  const started = await startUndo(deps.db, {
    jobId: deps.random.uuid(),
    applicationId: applicationIdOf(deps),
    guildId,
    caseNumber: number,
    moderator: moderatorOf(ctx),
    reason,
    now: new Date(now),
    token: { token: ctx.interaction.token, expiresAt: new Date(now + TOKEN_TTL_MS) },
    run: {
      jobId: deps.random.uuid(),
      owner,
      leaseMs,
      channelId: ctx.interaction.channel?.id ?? null,
    },
  });
  switch (started.kind) {
    case "missing":
      throw new UserError(`There is no case #${number} in this server.`, "Unknown case");
    case "not-massban":
      throw new UserError(
        `Case #${number} is a ${started.action}, not a massban; only massbans can be undone here.`,
      );
    case "undone":
      throw new UserError(
        `Case #${number} was already undone by case #${started.by}. Nothing was changed.`,
        "Already undone",
      );
    case "running":
      throw new UserError(
        `Case #${number} is still running. Wait for it to finish, then undo it.`,
        "Still running",
      );
    case "empty":
      throw new UserError(`Case #${number} banned nobody, so there is nothing to undo.`);
    case "started":
      // The job edits this response with progress and its summary (or posts it late).
      return defer(async () => {
        await driveJob(deps, started.moderationJob, { owner, budgetMs, leaseMs });
        return null;
      });
  }
}
