import { playedCount, playedTracks } from "../data/music/history.ts";
import { pagerRow } from "../interactions/pager.ts";
import { COLORS, embed } from "../interactions/responses.ts";
import type { Database, MessageBody } from "../ports/index.ts";
import { requester, trackLine } from "./views.ts";

/** History lines per page. */
export const HISTORY_PAGE_SIZE = 10;

/** `/music history`, one page: the last tracks played, newest first, with Previous/Next. */
export async function historyMessage(
  db: Database,
  guildId: string,
  page: number,
): Promise<MessageBody> {
  const total = await playedCount(db, guildId);
  if (total === 0) {
    return {
      embeds: [embed("🕘 History", "Nothing has been played here yet.", COLORS.info)],
    };
  }
  const pages = Math.max(1, Math.ceil(total / HISTORY_PAGE_SIZE));
  const shown = Math.min(Math.max(0, page), pages - 1);
  const rows = await playedTracks(db, guildId, {
    offset: shown * HISTORY_PAGE_SIZE,
    limit: HISTORY_PAGE_SIZE,
  });
  const lines = rows.map(
    (row, i) =>
      `\`${shown * HISTORY_PAGE_SIZE + i + 1}.\` ${trackLine(row, 70)} — ${requester(row)} · <t:${Math.floor(row.playedAt.getTime() / 1000)}:R>`,
  );
  return {
    embeds: [
      embed("🕘 Recently played", lines.join("\n"), COLORS.info, {
        footer: { text: `Last ${total} track(s), newest first · page ${shown + 1}/${pages}` },
      }),
    ],
    components: pages > 1 ? [pagerRow("music", "history", shown, pages)] : [],
    allowed_mentions: { parse: [] },
  };
}
