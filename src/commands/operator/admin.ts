import { InteractionContextType, ApplicationCommandOptionType as O } from "discord-api-types/v10";
import { blockGuild, listActiveBlocks, unblockGuild } from "../../data/guild-controls.ts";
import { refreshCachedControls } from "../../data/guild-controls-cache.ts";
import { parseDuration } from "../../domain/duration.ts";
import { joinLinesWithin } from "../../domain/text.ts";
import { COLORS, defineCommand, embed, ephemeral, UserError } from "../../interactions/index.ts";
import type { ChatInputContext } from "../../interactions/types.ts";
import { guildIdOption, GUILD_ID_OPTION as guildOption, requireOperator, until } from "./access.ts";

async function block(ctx: ChatInputContext) {
  requireOperator(ctx);
  const guildId = guildIdOption(ctx);
  if (guildId === ctx.deps.config.MANAGEMENT_GUILD_ID)
    throw new UserError("The management server cannot be blocked.");
  const durationText = ctx.options.require("duration", "string");
  const duration = parseDuration(durationText);
  if (!duration)
    throw new UserError(
      `\`${durationText.slice(0, 40)}\` is not a duration. Try \`1h\`, \`12h\`, \`7d\` or \`permanent\`.`,
    );
  const reason = ctx.options.require("reason", "string").trim();
  if (!reason) throw new UserError("Give a reason: the blocked server is shown it.");
  const expiresAt =
    duration === "permanent" ? null : ctx.deps.clock.now() + duration.seconds * 1000;
  await blockGuild(
    ctx.deps.db,
    { id: ctx.user.id, reason },
    guildId,
    expiresAt === null ? null : new Date(expiresAt),
  );
  await refreshCachedControls(ctx.deps, [guildId]);
  return ephemeral({
    embeds: [
      embed(
        "Server blocked",
        `\`${guildId}\` is blocked from the next interaction.\nReason: ${reason}\nEnds: ${until(expiresAt)}`,
        COLORS.warning,
      ),
    ],
  });
}

async function unblock(ctx: ChatInputContext) {
  requireOperator(ctx);
  const guildId = guildIdOption(ctx);
  const reason = ctx.options.get("reason", "string") ?? null;
  const lifted = await unblockGuild(ctx.deps.db, { id: ctx.user.id, reason }, guildId);
  await refreshCachedControls(ctx.deps, [guildId]);
  return ephemeral({
    embeds: [
      lifted
        ? embed("Server unblocked", `\`${guildId}\` can use Chopsticks again.`, COLORS.success)
        : embed("Not blocked", `\`${guildId}\` was not blocked; nothing changed.`, COLORS.info),
    ],
  });
}

async function list(ctx: ChatInputContext) {
  requireOperator(ctx);
  const blocks = await listActiveBlocks(ctx.deps.db, new Date(ctx.deps.clock.now()));
  const lines = blocks.map(
    (b) =>
      `\`${b.guildId}\` — ${b.reason} — until ${until(b.expiresAt?.getTime() ?? null)} — by <@${b.blockedBy}>`,
  );
  return ephemeral({
    embeds: [
      embed(
        `Blocked servers (${blocks.length})`,
        lines.length ? joinLinesWithin(lines, 4000) : "No server is blocked.",
        COLORS.info,
      ),
    ],
  });
}

/** `/admin guild …`: operator controls over guilds (management guild only). */
export const admin = defineCommand({
  name: "admin",
  bucket: "default",
  scope: "management",
  definitions: [
    {
      name: "admin",
      description: "Operators: block and unblock servers",
      contexts: [InteractionContextType.Guild],
      options: [
        {
          type: O.SubcommandGroup,
          name: "guild",
          description: "Server controls",
          options: [
            {
              type: O.Subcommand,
              name: "block",
              description: "Refuse every interaction from a server",
              options: [
                guildOption,
                {
                  type: O.String,
                  name: "duration",
                  description: "1h, 12h, 7d … or permanent",
                  required: true,
                  max_length: 20,
                },
                {
                  type: O.String,
                  name: "reason",
                  description: "Shown to the server and kept in the audit log",
                  required: true,
                  max_length: 300,
                },
              ],
            },
            {
              type: O.Subcommand,
              name: "unblock",
              description: "Lift a block",
              options: [
                guildOption,
                { type: O.String, name: "reason", description: "Why (audit log)", max_length: 300 },
              ],
            },
            { type: O.Subcommand, name: "list", description: "Servers blocked now" },
          ],
        },
      ],
    },
  ],
  subcommands: { "guild block": block, "guild unblock": unblock, "guild list": list },
});
