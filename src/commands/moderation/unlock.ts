import {
  ApplicationIntegrationType,
  ChannelType,
  InteractionContextType,
  ApplicationCommandOptionType as O,
  PermissionFlagsBits,
} from "discord-api-types/v10";
import { liveChannels } from "../../data/moderation/index.ts";
import {
  type ChatInputContext,
  defer,
  defineCommand,
  UserError,
} from "../../interactions/index.ts";
import {
  channelsProgressBody,
  settleDueLockdowns,
  showProgress,
  startServerUnlock,
  unlockChannels,
  unlockSummaryBody,
} from "../../moderation/index.ts";
import { guildOf, moderatorOf, REQUIRED, requirePermissions } from "./access.ts";
import { reasonOf, targetChannel } from "./lockdown-input.ts";

type LockedRows = Awaited<ReturnType<typeof liveChannels>>;

/**
 * The shared unlock flow: settle overdue timed lockdowns first (they may already have ended),
 * read what is still locked, restore it and summarise.
 */
function unlockWhere(
  ctx: ChatInputContext,
  scope: { channelId?: string; nothingLocked: string; showStart: boolean },
) {
  const guildId = guildOf(ctx);
  const reason = reasonOf(ctx);
  const { deps } = ctx;
  return defer(async (progress) => {
    await settleDueLockdowns(deps, new Date(deps.clock.now()), guildId);
    const rows: LockedRows = await liveChannels(
      deps.db,
      guildId,
      scope.channelId ? { channelId: scope.channelId } : undefined,
    );
    if (rows.length === 0) throw new UserError(scope.nothingLocked, "Not locked");
    if (scope.showStart) {
      await showProgress(deps, progress, channelsProgressBody("Unlocking", 0, rows.length));
    }
    const { outcome, unlockCase } = await unlockChannels(deps, {
      guildId,
      rows,
      moderator: moderatorOf(ctx),
      reason,
      progress,
    });
    return unlockSummaryBody({
      caseNumber: unlockCase?.number ?? null,
      restored: outcome.restored.map((r) => r.channelId),
      failed: outcome.failed,
      busy: outcome.busy.map((r) => r.channelId),
    });
  });
}

function unlockOne(ctx: ChatInputContext) {
  requirePermissions(ctx, REQUIRED.lockChannel);
  const channel = targetChannel(ctx);
  return unlockWhere(ctx, {
    channelId: channel.id,
    nothingLocked: `<#${channel.id}> is not locked. Nothing was changed.`,
    showStart: false,
  });
}

function unlockServer(ctx: ChatInputContext) {
  requirePermissions(ctx, REQUIRED.lockServer);
  const guildId = guildOf(ctx);
  const reason = reasonOf(ctx);
  const { deps } = ctx;
  return defer(async () => {
    await settleDueLockdowns(deps, new Date(deps.clock.now()), guildId);
    // A durable job, like the lockdown: it edits this response with progress and summary.
    await startServerUnlock(
      deps,
      {
        guildId,
        channelId: ctx.interaction.channel?.id ?? null,
        token: ctx.interaction.token,
        moderator: moderatorOf(ctx),
      },
      { reason, nothingLocked: "No channel is locked in this server. Nothing was changed." },
    );
    return null;
  });
}

const reasonOption = {
  type: O.String,
  name: "reason",
  description: "Kept in the audit log and the case",
  max_length: 400,
} as const;

/** `/unlock channel` and `/unlock server`: restore exactly what the lockdown saved. */
export const unlock = defineCommand({
  name: "unlock",
  bucket: "moderation",
  definitions: [
    {
      name: "unlock",
      description: "End a lockdown, restoring each channel's permissions exactly",
      default_member_permissions: String(PermissionFlagsBits.ManageChannels),
      integration_types: [ApplicationIntegrationType.GuildInstall],
      contexts: [InteractionContextType.Guild],
      options: [
        {
          type: O.Subcommand,
          name: "channel",
          description: "Unlock one channel (default: this one)",
          options: [
            {
              type: O.Channel,
              name: "channel",
              description: "A locked text or announcement channel",
              channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
            },
            reasonOption,
          ],
        },
        {
          type: O.Subcommand,
          name: "server",
          description: "Unlock every locked channel of this server",
          options: [reasonOption],
        },
      ],
    },
  ],
  subcommands: { channel: unlockOne, server: unlockServer },
});
