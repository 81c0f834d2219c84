import { richest } from "../../data/economy/accounts.ts";
import { loadSettings } from "../../data/economy/settings.ts";
import { formatCoins } from "../../domain/economy/amounts.ts";
import { loadPage } from "../../economy/page.ts";
import {
  COLORS,
  defineCommand,
  embed,
  pagerRow,
  reply,
  updateMessage,
} from "../../interactions/index.ts";
import type { Deps, MessageBody } from "../../ports/index.ts";
import { guildCommand, guildOf } from "./inputs.ts";

const PAGE_SIZE = 10;
const MEDALS = ["🥇", "🥈", "🥉"];

async function leaderboardPage(deps: Deps, guildId: string, page: number): Promise<MessageBody> {
  const [settings, loaded] = await Promise.all([
    loadSettings(deps.db, guildId),
    loadPage(page, PAGE_SIZE, (range) => richest(deps.db, guildId, range)),
  ]);
  const lines = loaded.rows.map((row, i) => {
    const rank = loaded.page * PAGE_SIZE + i + 1;
    return `${MEDALS[rank - 1] ?? `**${rank}.**`} <@${row.userId}> — ${formatCoins(row.balance, settings.currency)}`;
  });
  return {
    embeds: [
      embed(
        `Leaderboard — ${settings.currency.emoji} ${settings.currency.name}`,
        lines.join("\n") || "Nobody has any coins yet. `/daily` is a good start.",
        COLORS.info,
        {
          footer: {
            text: `Page ${loaded.page + 1}/${loaded.pages} · ${loaded.total} member${loaded.total === 1 ? "" : "s"} with coins`,
          },
        },
      ),
    ],
    components: [pagerRow("leaderboard", "page", loaded.page, loaded.pages)],
    allowed_mentions: { parse: [] },
  };
}

/** `/leaderboard`: the richest wallets, ten a page. */
export const leaderboard = defineCommand({
  name: "leaderboard",
  bucket: "economy",
  definitions: [
    guildCommand({ name: "leaderboard", description: "The richest members of this server" }),
  ],
  async chatInput(ctx) {
    return reply(await leaderboardPage(ctx.deps, guildOf(ctx), 0));
  },
  components: {
    async page(ctx) {
      const page = Number.parseInt(ctx.args[0] ?? "0", 10);
      return updateMessage(await leaderboardPage(ctx.deps, guildOf(ctx), page));
    },
  },
});
