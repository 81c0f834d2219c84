import type { MusicPlaylistRow } from "../../db/schema.ts";
import { formatDuration } from "../../domain/music/time.ts";
import { pagerRow } from "../../interactions/pager.ts";
import { COLORS, embed } from "../../interactions/responses.ts";
import type { MessageBody } from "../../ports/index.ts";

/** Playlists per page of `/playlist list`. */
export const PLAYLISTS_PAGE_SIZE = 15;

/** A playlist name shown in Markdown: formatting characters escaped. */
export function shownName(name: string): string {
  return name.replace(/([\\*_`~|>[\]()])/g, "\\$1");
}

/** `/playlist list`, one page, with Previous/Next buttons. */
export function playlistListMessage(
  playlists: readonly MusicPlaylistRow[],
  page: number,
): MessageBody {
  if (playlists.length === 0) {
    return {
      embeds: [
        embed(
          "📂 Saved playlists",
          "No saved playlists yet. Save the current queue with `/playlist save name:<name>`.",
          COLORS.info,
        ),
      ],
    };
  }
  const pages = Math.ceil(playlists.length / PLAYLISTS_PAGE_SIZE);
  const shown = Math.min(Math.max(0, page), pages - 1);
  const lines = playlists
    .slice(shown * PLAYLISTS_PAGE_SIZE, (shown + 1) * PLAYLISTS_PAGE_SIZE)
    .map(
      (p) =>
        `**${shownName(p.name)}** — ${p.trackCount} track(s) · by <@${p.createdBy}> · <t:${Math.floor(p.updatedAt.getTime() / 1000)}:R>`,
    );
  return {
    embeds: [
      embed("📂 Saved playlists", lines.join("\n"), COLORS.info, {
        footer: {
          text: `${playlists.length} playlist(s) · page ${shown + 1}/${pages} · /playlist load name:<name>`,
        },
      }),
    ],
    components: pages > 1 ? [pagerRow("playlist", "list", shown, pages)] : [],
    allowed_mentions: { parse: [] },
  };
}

/** The answer to a save. */
export function savedMessage(
  playlist: MusicPlaylistRow,
  replaced: boolean,
  lengthMs: number,
): MessageBody {
  return {
    embeds: [
      embed(
        replaced ? "💾 Playlist replaced" : "💾 Playlist saved",
        `**${shownName(playlist.name)}**: ${playlist.trackCount} track(s), ${formatDuration(lengthMs)}. Load it any time with \`/playlist load\`.`,
        COLORS.success,
      ),
    ],
  };
}
