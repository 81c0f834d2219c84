import {
  ApplicationIntegrationType,
  InteractionContextType,
  ApplicationCommandOptionType as O,
} from "discord-api-types/v10";
import { findMusicSettings, updateMusicSettings } from "../../data/music/settings.ts";
import { defineCommand, reply, UserError } from "../../interactions/index.ts";
import type { ChatInputContext } from "../../interactions/types.ts";
import { musicGuildOf, requireManageGuild } from "../../music/access.ts";
import { musicNotice, quietly } from "../../music/views.ts";

const RULE =
  "Music controls then need that role, Manage Server, or being alone with me in the voice channel; anyone in the channel may still `/music play`.";

async function set(ctx: ChatInputContext) {
  const guildId = musicGuildOf(ctx);
  requireManageGuild(ctx, "Setting the DJ role");
  const roleId = ctx.options.require("role", "role");
  if (roleId === guildId)
    throw new UserError(
      "@everyone can't be the DJ role: pick a role some members have.",
      "Bad role",
    );
  await updateMusicSettings(ctx.deps.db, guildId, { djRoleId: roleId });
  return reply(quietly(musicNotice("🎧 DJ role set", `The DJ role is now <@&${roleId}>. ${RULE}`)));
}

async function clear(ctx: ChatInputContext) {
  const guildId = musicGuildOf(ctx);
  requireManageGuild(ctx, "Clearing the DJ role");
  await updateMusicSettings(ctx.deps.db, guildId, { djRoleId: null });
  return reply(
    quietly(
      musicNotice(
        "🎧 DJ role cleared",
        "Anyone in my voice channel (and Manage Server) can control the music again.",
      ),
    ),
  );
}

async function show(ctx: ChatInputContext) {
  const { djRoleId } = await findMusicSettings(ctx.deps.db, musicGuildOf(ctx));
  return reply(
    quietly(
      musicNotice(
        "🎧 DJ role",
        djRoleId
          ? `The DJ role is <@&${djRoleId}>. ${RULE}`
          : "No DJ role is set: anyone in my voice channel (and Manage Server) can control the music.",
      ),
    ),
  );
}

/** `/dj`: the role music controls need (its own command: `/music` is near Discord's size limits). */
export const dj = defineCommand({
  name: "dj",
  bucket: "music",
  definitions: [
    {
      name: "dj",
      description: "The DJ role: who may control the music",
      integration_types: [ApplicationIntegrationType.GuildInstall],
      contexts: [InteractionContextType.Guild],
      options: [
        {
          type: O.Subcommand,
          name: "set",
          description: "Make a role the DJ role (Manage Server)",
          options: [
            {
              type: O.Role,
              name: "role",
              description: "The role that may control the music",
              required: true,
            },
          ],
        },
        { type: O.Subcommand, name: "clear", description: "Remove the DJ role (Manage Server)" },
        { type: O.Subcommand, name: "show", description: "Show the DJ role" },
      ],
    },
  ],
  subcommands: { set, clear, show },
});
