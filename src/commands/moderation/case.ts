import {
  ApplicationIntegrationType,
  InteractionContextType,
  ApplicationCommandOptionType as O,
  PermissionFlagsBits,
} from "discord-api-types/v10";
import { findCase, jobOfCase, listCases, updateCaseReason } from "../../data/moderation/index.ts";
import { isSnowflake } from "../../domain/snowflake.ts";
import { truncate } from "../../domain/text.ts";
import {
  type ChatInputContext,
  COLORS,
  type ComponentContext,
  defineCommand,
  embed,
  ephemeral,
  pagerRow,
  UserError,
  updateMessage,
} from "../../interactions/index.ts";
import { caseEmbed, caseLine } from "../../moderation/index.ts";
import type { Deps, MessageBody } from "../../ports/index.ts";
import { canManageGuild, guildOf, requireModlogReader } from "./access.ts";

const PAGE_SIZE = 10;
const REASON_MAX = 400;
const ALL = "all";

async function view(ctx: ChatInputContext) {
  requireModlogReader(ctx);
  const number = ctx.options.require("number", "integer");
  const found = await findCase(ctx.deps.db, guildOf(ctx), number);
  if (!found) throw new UserError(`There is no case #${number} in this server.`, "Unknown case");
  const job = await jobOfCase(ctx.deps.db, found.guildId, number);
  return ephemeral({ embeds: [caseEmbed(found, job)], allowed_mentions: { parse: [] } });
}

async function reason(ctx: ChatInputContext) {
  const guildId = guildOf(ctx);
  const number = ctx.options.require("number", "integer");
  const text = ctx.options.require("reason", "string").trim().slice(0, REASON_MAX);
  if (!text) throw new UserError("Give the new reason.");
  const existing = await findCase(ctx.deps.db, guildId, number);
  if (!existing) throw new UserError(`There is no case #${number} in this server.`, "Unknown case");
  if (existing.moderatorId !== ctx.user.id && !canManageGuild(ctx))
    throw new UserError(
      `Only <@${existing.moderatorId}>, who took this action, or someone with **Manage Server** can change its reason.`,
      "Not allowed",
    );
  const changed = await updateCaseReason(ctx.deps.db, guildId, number, {
    reason: text,
    by: ctx.user.id,
    now: new Date(ctx.deps.clock.now()),
  });
  if (!changed) throw new UserError(`There is no case #${number} in this server.`, "Unknown case");
  const before = changed.before.reason ? truncate(changed.before.reason, 900) : "*(none)*";
  return ephemeral({
    embeds: [
      embed(
        `Case #${number}: reason changed`,
        `**Before:** ${before}\n**Now:** ${text}`,
        COLORS.success,
      ),
    ],
  });
}

/** One page of the modlog, newest first; the page and filter travel in the buttons. */
async function listPage(
  deps: Deps,
  guildId: string,
  page: number,
  targetId: string | null,
): Promise<MessageBody> {
  const requested = Math.max(0, Math.trunc(page) || 0);
  const first = await listCases(deps.db, guildId, {
    targetId: targetId ?? undefined,
    offset: requested * PAGE_SIZE,
    limit: PAGE_SIZE,
  });
  const pages = Math.max(1, Math.ceil(first.total / PAGE_SIZE));
  const current = Math.min(requested, pages - 1);
  // A stale button may point past the end: show the last page instead.
  const { rows, total } =
    current === requested
      ? first
      : await listCases(deps.db, guildId, {
          targetId: targetId ?? undefined,
          offset: current * PAGE_SIZE,
          limit: PAGE_SIZE,
        });
  const heading = targetId ? `Cases involving <@${targetId}>:\n` : "";
  const description = rows.length
    ? heading + rows.map(caseLine).join("\n")
    : targetId
      ? `No case involves <@${targetId}>.`
      : "No moderation case yet.";
  const filter = targetId ?? ALL;
  return {
    embeds: [
      embed("Modlog", description, COLORS.info, {
        footer: { text: `Page ${current + 1}/${pages} · ${total} case${total === 1 ? "" : "s"}` },
      }),
    ],
    components: [pagerRow("case", "page", current, pages, filter)],
    allowed_mentions: { parse: [] },
  };
}

async function list(ctx: ChatInputContext) {
  requireModlogReader(ctx);
  const user = ctx.options.get("user", "user") ?? null;
  return ephemeral(await listPage(ctx.deps, guildOf(ctx), 0, user));
}

async function turnPage(ctx: ComponentContext) {
  requireModlogReader(ctx);
  const [page, filter] = ctx.args;
  const targetId = filter && filter !== ALL && isSnowflake(filter) ? filter : null;
  return updateMessage(
    await listPage(ctx.deps, guildOf(ctx), Number.parseInt(page ?? "0", 10), targetId),
  );
}

const numberOption = {
  type: O.Integer,
  name: "number",
  description: "Case number",
  required: true,
  min_value: 1,
} as const;

/** `/case view|reason|list`: the numbered modlog. */
export const moderationCase = defineCommand({
  name: "case",
  bucket: "moderation",
  definitions: [
    {
      name: "case",
      description: "Read and annotate the moderation log",
      default_member_permissions: String(PermissionFlagsBits.BanMembers),
      integration_types: [ApplicationIntegrationType.GuildInstall],
      contexts: [InteractionContextType.Guild],
      options: [
        { type: O.Subcommand, name: "view", description: "Show one case", options: [numberOption] },
        {
          type: O.Subcommand,
          name: "reason",
          description: "Change a case's reason (its moderator or Manage Server)",
          options: [
            numberOption,
            {
              type: O.String,
              name: "reason",
              description: "The new reason",
              required: true,
              max_length: REASON_MAX,
            },
          ],
        },
        {
          type: O.Subcommand,
          name: "list",
          description: "List cases, newest first",
          options: [{ type: O.User, name: "user", description: "Only cases involving this user" }],
        },
      ],
    },
  ],
  subcommands: { view, reason, list },
  components: { page: turnPage },
});
