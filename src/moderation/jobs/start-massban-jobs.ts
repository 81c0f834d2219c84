import { type BanJob, insertJob } from "../../data/moderation/index.ts";
import { INTERACTION_TOKEN_TTL_MS } from "../../domain/moderation/index.ts";
import type { Deps } from "../../ports/index.ts";
import { applicationIdOf } from "../actor.ts";
import { idsToCheck, type PreviewJobInput } from "./massban-preview-job.ts";
import { driveJob, jobTimings, ownerName } from "./runner.ts";
import type { JobOrigin } from "./start-lockdown-jobs.ts";

/** What the moderator asked for, already parsed and validated. */
export interface PreviewRequest {
  targets: string[];
  invalid: string[];
  reason: string | null;
  deleteMessageSeconds: number;
  invokerRoles: string[];
  botId: string;
  /** Members the interaction carried (`resolved.members`): their roles, no lookup. */
  known: Record<string, string[]>;
}

const tokenOf = (deps: Deps, origin: JobOrigin) => ({
  token: origin.token,
  expiresAt: new Date(deps.clock.now() + INTERACTION_TOKEN_TTL_MS),
});

/**
 * Builds a massban preview as a durable job: reads the guild's owner and roles and
 * Chopsticks' roles once, then looks members up in steps (in this request while time allows,
 * then on the worker or the scheduled run). The job edits the response with the preview.
 */
export async function startMassbanPreview(
  deps: Deps,
  origin: JobOrigin,
  request: PreviewRequest,
): Promise<void> {
  const [guild, botRoles] = await Promise.all([
    deps.discord.guilds.get(origin.guildId),
    deps.discord.guilds.memberRoles(origin.guildId, request.botId),
  ]);
  const input: PreviewJobInput = {
    targets: request.targets,
    invalid: request.invalid,
    reason: request.reason,
    deleteMessageSeconds: request.deleteMessageSeconds,
    invokerId: origin.moderator.id,
    invokerRoles: request.invokerRoles,
    botId: request.botId,
    botRoles: botRoles ?? [],
    ownerId: guild.ownerId,
    rolePositions: guild.roles.map((r) => [r.id, r.position]),
    known: request.known,
  };
  const { leaseMs, budgetMs } = jobTimings(deps);
  const owner = ownerName(deps, "request");
  const job = await insertJob(deps.db, {
    id: deps.random.uuid(),
    applicationId: applicationIdOf(deps),
    guildId: origin.guildId,
    kind: "massban_preview",
    step: "checking",
    total: idsToCheck(input).length,
    moderator: origin.moderator,
    channelId: origin.channelId,
    input,
    token: tokenOf(deps, origin),
    leaseOwner: owner,
    leaseMs,
  });
  await driveJob(deps, job, { owner, budgetMs, leaseMs });
}

/**
 * Runs a confirmed massban (its request already `running`, its case created) as a durable
 * job: bulk-ban chunks of at most 200, one case recording all of them.
 */
export async function startMassban(deps: Deps, origin: JobOrigin, claimed: BanJob): Promise<void> {
  const { leaseMs, budgetMs } = jobTimings(deps);
  const owner = ownerName(deps, "request");
  const job = await insertJob(deps.db, {
    id: deps.random.uuid(),
    applicationId: applicationIdOf(deps),
    guildId: origin.guildId,
    kind: "massban",
    step: "banning",
    total: claimed.targets.length,
    moderator: origin.moderator,
    channelId: origin.channelId,
    input: {},
    caseNumber: claimed.caseNumber,
    massbanRequestId: claimed.id,
    token: tokenOf(deps, origin),
    leaseOwner: owner,
    leaseMs,
  });
  await driveJob(deps, job, { owner, budgetMs, leaseMs });
}
