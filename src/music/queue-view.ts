import { findEntry, findPlayer, upcomingEntries, upcomingSummary } from "../data/music/index.ts";
import { positionAt } from "../domain/music/playback.ts";
import { formatDuration } from "../domain/music/time.ts";
import { pagerRow } from "../interactions/pager.ts";
import { COLORS, embed } from "../interactions/responses.ts";
import type { Database, MessageBody } from "../ports/index.ts";
import { nowPlayingEmbed, requester, trackLine } from "./views.ts";

/** Queue lines per page (an embed stays far below 4096 characters). */
export const QUEUE_PAGE_SIZE = 10;

/** `/music nowplaying`: the current track with a progress bar, or null when nothing plays. */
export async function nowPlayingMessage(
  db: Database,
  guildId: string,
  now: number,
): Promise<MessageBody | null> {
  const player = await findPlayer(db, guildId);
  const entry = player ? await findEntry(db, guildId, player.currentEntryId) : null;
  if (!player || !entry) return null;
  const upcoming = await upcomingSummary(db, guildId, entry.id);
  const position = positionAt(player, entry.isStream ? 0 : entry.lengthMs, now);
  return { embeds: [nowPlayingEmbed(entry, player, position, upcoming.count)] };
}

/**
 * `/music queue`, one page: the current track and what follows, read straight from Postgres
 * (no job, answers at once), with Previous/Next buttons.
 */
export async function queueMessage(
  db: Database,
  guildId: string,
  page: number,
  now: number,
): Promise<MessageBody> {
  const player = await findPlayer(db, guildId);
  const current = player ? await findEntry(db, guildId, player.currentEntryId) : null;
  const summary = await upcomingSummary(db, guildId, current?.id ?? null);
  if (!current && summary.count === 0) {
    return {
      embeds: [
        embed("🎶 Queue", "The queue is empty. Add something with `/music play`.", COLORS.info),
      ],
    };
  }
  const pages = Math.max(1, Math.ceil(summary.count / QUEUE_PAGE_SIZE));
  const shown = Math.min(Math.max(0, page), pages - 1);
  const entries = await upcomingEntries(db, guildId, current?.id ?? null, {
    offset: shown * QUEUE_PAGE_SIZE,
    limit: QUEUE_PAGE_SIZE,
  });
  const lines = entries.map(
    (entry, i) =>
      `\`${shown * QUEUE_PAGE_SIZE + i + 1}.\` ${trackLine(entry, 70)} — ${requester(entry)}`,
  );
  const head =
    current && player
      ? `**Now ${player.paused ? "paused" : "playing"}:** ${trackLine(current, 120)} (${formatDuration(positionAt(player, current.lengthMs, now))})\n\n`
      : "";
  const total = summary.streams > 0 ? "with live streams" : formatDuration(summary.lengthMs);
  const body = lines.length ? lines.join("\n") : "Nothing after the current track.";
  return {
    embeds: [
      embed("🎶 Queue", `${head}${body}`, COLORS.info, {
        footer: {
          text: `${summary.count} track(s) up next · ${total} · loop ${player?.loopMode ?? "off"} · page ${shown + 1}/${pages}`,
        },
      }),
    ],
    components: pages > 1 ? [pagerRow("music", "queue", shown, pages)] : [],
    allowed_mentions: { parse: [] },
  };
}
