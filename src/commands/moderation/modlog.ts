import {
  ApplicationIntegrationType,
  ChannelType,
  InteractionContextType,
  ApplicationCommandOptionType as O,
  PermissionFlagsBits,
} from "discord-api-types/v10";
import { setModlogChannel } from "../../data/moderation/index.ts";
import { isLockable } from "../../domain/moderation/index.ts";
import {
  type ChatInputContext,
  COLORS,
  defineCommand,
  embed,
  ephemeral,
  UserError,
} from "../../interactions/index.ts";
import { DiscordRequestError } from "../../ports/index.ts";
import { guildOf, REQUIRED, requirePermissions } from "./access.ts";

async function setChannel(ctx: ChatInputContext) {
  requirePermissions(ctx, REQUIRED.manageGuild);
  const guildId = guildOf(ctx);
  const channel = ctx.options.require("channel", "channel");
  if (!isLockable(channel.type))
    throw new UserError(
      `<#${channel.id}> is not a text or announcement channel. Nothing was changed.`,
      "Wrong kind of channel",
    );
  // A test post proves Chopsticks can write there before anything is saved.
  try {
    await ctx.deps.discord.channels.createMessage(channel.id, {
      embeds: [
        embed("Modlog", "New moderation cases will be posted in this channel.", COLORS.info),
      ],
    });
  } catch (error) {
    if (!(error instanceof DiscordRequestError)) throw error;
    throw new UserError(
      `Chopsticks cannot post in <#${channel.id}> (Discord said: ${error.detail}). Give it View Channel, Send Messages and Embed Links there. Nothing was changed.`,
      "Cannot post there",
    );
  }
  await setModlogChannel(ctx.deps.db, guildId, channel.id, new Date(ctx.deps.clock.now()));
  return ephemeral({
    embeds: [
      embed("Modlog channel set", `New cases will be posted in <#${channel.id}>.`, COLORS.success),
    ],
  });
}

async function clearChannel(ctx: ChatInputContext) {
  requirePermissions(ctx, REQUIRED.manageGuild);
  const previous = await setModlogChannel(
    ctx.deps.db,
    guildOf(ctx),
    null,
    new Date(ctx.deps.clock.now()),
  );
  return ephemeral({
    embeds: [
      previous
        ? embed(
            "Modlog channel cleared",
            `Cases are no longer posted in <#${previous}>; they are still recorded.`,
            COLORS.success,
          )
        : embed("No modlog channel", "No modlog channel was set; nothing changed.", COLORS.info),
    ],
  });
}

/** `/modlog channel set|clear`: where new cases are posted. */
export const modlog = defineCommand({
  name: "modlog",
  bucket: "moderation",
  definitions: [
    {
      name: "modlog",
      description: "Choose where moderation cases are posted",
      default_member_permissions: String(PermissionFlagsBits.ManageGuild),
      integration_types: [ApplicationIntegrationType.GuildInstall],
      contexts: [InteractionContextType.Guild],
      options: [
        {
          type: O.SubcommandGroup,
          name: "channel",
          description: "The modlog channel",
          options: [
            {
              type: O.Subcommand,
              name: "set",
              description: "Post new cases in this channel",
              options: [
                {
                  type: O.Channel,
                  name: "channel",
                  description: "Text or announcement channel",
                  required: true,
                  channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
                },
              ],
            },
            { type: O.Subcommand, name: "clear", description: "Stop posting cases" },
          ],
        },
      ],
    },
  ],
  subcommands: { "channel set": setChannel, "channel clear": clearChannel },
});
