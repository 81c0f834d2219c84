import { startUndo } from "../../data/moderation/index.ts";
import { type ChatInputContext, defer, UserError } from "../../interactions/index.ts";
import { applicationIdOf, runBanJob } from "../../moderation/index.ts";
import { guildOf, moderatorOf, REQUIRED, requirePermissions } from "./access.ts";
import { TOKEN_TTL_MS } from "./massban-buttons.ts";

/**
 * `/massban undo case:<n>`: unbans everyone that massban case banned, as its own `unban`
 * case linked both ways. The checks and the case are one transaction, so it runs once.
 */
export async function undoMassban(ctx: ChatInputContext) {
  requirePermissions(ctx, REQUIRED.massban);
  const guildId = guildOf(ctx);
  const number = ctx.options.require("case", "integer");
  const reason = ctx.options.get("reason", "string")?.trim() || null;
  const { deps } = ctx;
  const now = deps.clock.now();
  const started = await startUndo(deps.db, {
    jobId: deps.random.uuid(),
    applicationId: applicationIdOf(deps),
    guildId,
    caseNumber: number,
    moderator: moderatorOf(ctx),
    reason,
    now: new Date(now),
    token: { token: ctx.interaction.token, expiresAt: new Date(now + TOKEN_TTL_MS) },
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
      return defer((progress) => runBanJob(deps, started.job, progress));
  }
}
