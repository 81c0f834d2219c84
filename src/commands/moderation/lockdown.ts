import {
  ApplicationIntegrationType,
  ChannelType,
  InteractionContextType,
  ApplicationCommandOptionType as O,
  PermissionFlagsBits,
} from "discord-api-types/v10";
import { refreshCachedControls } from "../../data/guild-controls-cache.ts";
import {
  abandonLockdown,
  createLockdown,
  liveChannels,
  recordLockdownOutcome,
} from "../../data/moderation/index.ts";
import type { Lockdown } from "../../db/schema.ts";
import {
  type ChannelNote,
  everyoneOverwrite,
  isLockable,
  type LockTarget,
  listNames,
  missingToLock,
  planServerLockdown,
} from "../../domain/moderation/index.ts";
import {
  type ChatInputContext,
  defer,
  defineCommand,
  type Progress,
  UserError,
} from "../../interactions/index.ts";
import {
  applicationIdOf,
  channelsProgressBody,
  lockChannels,
  lockdownSummaryBody,
  type Moderator,
  nothingBody,
  postCaseToModlog,
  refuseWhileRunning,
  settleDueLockdowns,
  showProgress,
  startServerLockdown,
} from "../../moderation/index.ts";
import type { Deps } from "../../ports/index.ts";
import { botIdOf, guildOf, moderatorOf, REQUIRED, requirePermissions } from "./access.ts";
import { botSubject } from "./bot-subject.ts";
import { lockdownEnd, reasonOf, targetChannel } from "./lockdown-input.ts";

/** A channel lockdown is one channel: it runs in the request. */
const LOCK_BUDGET_MS = 22_000;

interface Plan {
  guildId: string;
  targets: LockTarget[];
  skipped: ChannelNote[];
  scope: "channel" | "server";
  reason: string | null;
  expiresAt: Date | null;
  moderator: Moderator;
}

/** Creates the lockdown and its case, locks the targets, and records what happened. */
async function carryOut(deps: Deps, plan: Plan, progress: Pick<Progress, "edit">) {
  const deadline = deps.clock.now() + LOCK_BUDGET_MS;
  const { lockdown } = await createLockdown(deps.db, {
    id: deps.random.uuid(),
    applicationId: applicationIdOf(deps),
    guildId: plan.guildId,
    scope: plan.scope,
    reason: plan.reason,
    lockedBy: plan.moderator.id,
    channelIds: plan.targets.map((t) => t.id),
    expiresAt: plan.expiresAt,
    now: new Date(deps.clock.now()),
  });
  const outcome = await lockChannels(
    deps,
    lockdown,
    plan.targets,
    plan.moderator,
    progress,
    deadline,
  );
  const skipped = [...plan.skipped, ...outcome.skipped];
  await finish(deps, lockdown, { locked: outcome.locked, failed: outcome.failed, skipped });
  return lockdownSummaryBody({
    caseNumber: lockdown.caseNumber,
    locked: outcome.locked,
    failed: outcome.failed,
    skipped,
    expiresAt: plan.expiresAt,
  });
}

async function finish(
  deps: Deps,
  lockdown: Lockdown,
  outcome: { locked: string[]; failed: ChannelNote[]; skipped: ChannelNote[] },
) {
  if (outcome.locked.length === 0)
    await abandonLockdown(deps.db, lockdown.id, new Date(deps.clock.now()));
  await recordLockdownOutcome(deps.db, lockdown, outcome);
  // The cached guild controls carry the next lockdown end, for lazy settlement.
  if (lockdown.expiresAt) await refreshCachedControls(deps, [lockdown.guildId]);
  postCaseToModlog(deps, lockdown.guildId, lockdown.caseNumber);
}

function lockOneChannel(ctx: ChatInputContext) {
  requirePermissions(ctx, REQUIRED.lockChannel);
  const guildId = guildOf(ctx);
  const channel = targetChannel(ctx);
  const expiresAt = lockdownEnd(ctx);
  const reason = reasonOf(ctx);
  const { deps } = ctx;
  return defer(async (progress) => {
    await settleDueLockdowns(deps, new Date(deps.clock.now()), guildId);
    const [subject, current, live] = await Promise.all([
      botSubject(deps, guildId, botIdOf(ctx)),
      deps.discord.channels.get(channel.id),
      liveChannels(deps.db, guildId, { channelId: channel.id }),
    ]);
    if (current.guild_id !== guildId || !isLockable(current.type))
      throw new UserError(`<#${channel.id}> is not a text channel of this server.`);
    const missing = missingToLock(subject, current);
    if (missing.length)
      throw new UserError(
        `Chopsticks is missing ${listNames(missing)} in <#${channel.id}>. Nothing was changed.`,
        "Missing permissions",
      );
    if (live.length)
      return nothingBody(
        "Already locked",
        `<#${channel.id}> is already locked. Use \`/unlock channel\` to open it. Nothing was changed.`,
      );
    const target = {
      id: channel.id,
      saved: everyoneOverwrite(guildId, current.permission_overwrites),
    };
    return carryOut(
      deps,
      {
        guildId,
        targets: [target],
        skipped: [],
        scope: "channel",
        reason,
        expiresAt,
        moderator: moderatorOf(ctx),
      },
      progress,
    );
  });
}

function lockServer(ctx: ChatInputContext) {
  requirePermissions(ctx, REQUIRED.lockServer);
  const guildId = guildOf(ctx);
  const expiresAt = lockdownEnd(ctx);
  const reason = reasonOf(ctx);
  const { deps } = ctx;
  return defer(async (progress) => {
    await settleDueLockdowns(deps, new Date(deps.clock.now()), guildId);
    await refuseWhileRunning(deps, guildId);
    const [subject, channels, live] = await Promise.all([
      botSubject(deps, guildId, botIdOf(ctx)),
      deps.discord.guilds.channels(guildId),
      liveChannels(deps.db, guildId),
    ]);
    const plan = planServerLockdown(subject, channels, new Set(live.map((r) => r.channelId)));
    if (plan.targets.length === 0)
      return nothingBody(
        "Nothing to lock",
        "No text or announcement channel is left that Chopsticks can lock. Nothing was changed.",
        plan.skipped,
      );
    await showProgress(deps, progress, channelsProgressBody("Locking", 0, plan.targets.length));
    // A durable job: it goes on after this request (worker or scheduled run) and edits this
    // response with its progress and summary itself.
    await startServerLockdown(
      deps,
      {
        guildId,
        channelId: ctx.interaction.channel?.id ?? null,
        token: ctx.interaction.token,
        moderator: moderatorOf(ctx),
      },
      { ...plan, reason, expiresAt },
    );
    return null;
  });
}

const durationOption = {
  type: O.String,
  name: "duration",
  description: "How long, e.g. 30m, 2h, 1d (default: until /unlock)",
  max_length: 20,
} as const;
const reasonOption = {
  type: O.String,
  name: "reason",
  description: "Shown in the lockdown notice, the audit log and the case",
  max_length: 400,
} as const;

/** `/lockdown channel` and `/lockdown server`. */
export const lockdown = defineCommand({
  name: "lockdown",
  bucket: "moderation",
  definitions: [
    {
      name: "lockdown",
      description: "Stop @everyone from talking in a channel or the whole server",
      default_member_permissions: String(PermissionFlagsBits.ManageChannels),
      integration_types: [ApplicationIntegrationType.GuildInstall],
      contexts: [InteractionContextType.Guild],
      options: [
        {
          type: O.Subcommand,
          name: "channel",
          description: "Lock one channel (default: this one)",
          options: [
            {
              type: O.Channel,
              name: "channel",
              description: "Text or announcement channel",
              channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
            },
            durationOption,
            reasonOption,
          ],
        },
        {
          type: O.Subcommand,
          name: "server",
          description: "Lock every text and announcement channel Chopsticks can manage (a job)",
          options: [durationOption, reasonOption],
        },
      ],
    },
  ],
  subcommands: { channel: lockOneChannel, server: lockServer },
});
