import {
  type APIApplicationCommandOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type RESTPostAPIApplicationCommandsJSONBody,
} from "discord-api-types/v10";
import { paginate } from "../domain/paging.ts";
import {
  COLORS,
  type CommandModule,
  defineCommand,
  embed,
  ephemeral,
  pagerRow,
  updateMessage,
} from "../interactions/index.ts";
import type { MessageBody } from "../ports/index.ts";

const PAGE_SIZE = 6;

interface HelpEntry {
  usage: string;
  description: string;
}

/** Every chat-input command and subcommand as a usage line, in registry order. */
export function helpEntries(
  definitions: readonly RESTPostAPIApplicationCommandsJSONBody[],
): HelpEntry[] {
  const entries: HelpEntry[] = [];
  const walk = (
    prefix: string,
    options: readonly APIApplicationCommandOption[] | undefined,
    fallback: string,
  ) => {
    const nested = (options ?? []).filter(
      (o) =>
        o.type === ApplicationCommandOptionType.Subcommand ||
        o.type === ApplicationCommandOptionType.SubcommandGroup,
    );
    if (nested.length === 0) {
      entries.push({ usage: prefix, description: fallback });
      return;
    }
    for (const option of nested) {
      const children =
        "options" in option
          ? (option.options as APIApplicationCommandOption[] | undefined)
          : undefined;
      walk(`${prefix} ${option.name}`, children, option.description);
    }
  };
  for (const d of definitions) {
    if ((d.type ?? ApplicationCommandType.ChatInput) !== ApplicationCommandType.ChatInput) continue;
    walk(
      `/${d.name}`,
      "options" in d ? d.options : undefined,
      "description" in d ? (d.description ?? "") : "",
    );
  }
  return entries;
}

function helpPage(
  modules: readonly CommandModule[],
  requested: number,
  operatorsToo: boolean,
): MessageBody {
  // Operator commands exist only in the management guild, so only list them there.
  const definitions = modules
    .filter((m) => operatorsToo || (m.scope ?? "global") === "global")
    .flatMap((m) => m.definitions);
  const { items, page, pages } = paginate(helpEntries(definitions), requested, PAGE_SIZE);
  return {
    embeds: [
      embed(
        "Chopsticks commands",
        items.map((e) => `**${e.usage}** — ${e.description}`).join("\n"),
        COLORS.info,
        {
          footer: { text: `Page ${page + 1}/${pages}` },
        },
      ),
    ],
    components: [pagerRow("help", "page", page, pages)],
  };
}

const inManagementGuild = (ctx: {
  guildId: string | null;
  deps: { config: { MANAGEMENT_GUILD_ID?: string } };
}) => ctx.guildId !== null && ctx.guildId === ctx.deps.config.MANAGEMENT_GUILD_ID;

/** `/help`: the command list, paged with buttons; the page lives in the `custom_id`. */
export function helpCommand(listing: () => readonly CommandModule[]) {
  return defineCommand({
    name: "help",
    bucket: "default",
    worksInDMs: true,
    definitions: [
      {
        name: "help",
        description: "List what Chopsticks can do",
        integration_types: [ApplicationIntegrationType.GuildInstall],
        contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
      },
    ],
    chatInput: (ctx) => ephemeral(helpPage(listing(), 0, inManagementGuild(ctx))),
    components: {
      page: (ctx) =>
        updateMessage(
          helpPage(listing(), Number.parseInt(ctx.args[0] ?? "0", 10), inManagementGuild(ctx)),
        ),
    },
  });
}
