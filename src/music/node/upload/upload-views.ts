import type { MusicPlaylistUploadRow } from "../../../db/schema.ts";
import { MAX_QUEUE_LENGTH } from "../../../domain/music/limits.ts";
import { progressBar } from "../../../domain/music/time.ts";
import { truncate } from "../../../domain/text.ts";
import { COLORS, embed } from "../../../interactions/responses.ts";
import type { MessageBody } from "../../../ports/index.ts";
import { shownName } from "../../playlists/views.ts";

type Counts = Pick<
  MusicPlaylistUploadRow,
  "filename" | "total" | "cursor" | "added" | "notFound" | "skipped" | "notFoundSamples"
>;

const plain: MessageBody = { allowed_mentions: { parse: [] } };

/** "resolved 240/612, 3 not found", with a bar. */
export function uploadProgressBody(upload: Counts): MessageBody {
  const notFound = upload.notFound > 0 ? `, ${upload.notFound} not found` : "";
  return {
    ...plain,
    embeds: [
      embed(
        "📥 Uploading a playlist",
        `**${shownName(upload.filename)}**: resolved ${upload.cursor}/${upload.total}${notFound}\n${progressBar(upload.cursor, upload.total)}\n${upload.added} track(s) added to the queue so far.`,
        COLORS.info,
      ),
    ],
  };
}

/** The final report: added, not found (with the first few), skipped past the queue's cap. */
export function uploadDoneBody(upload: Counts, userId: string): MessageBody {
  const lines = [
    `<@${userId}>'s **${shownName(upload.filename)}**: added **${upload.added}** track(s) from ${upload.total} entries.`,
  ];
  if (upload.notFound > 0) {
    const samples = upload.notFoundSamples.map((s) => `\`${truncate(s.replace(/`/g, "'"), 60)}\``);
    const more = upload.notFound > samples.length ? ", …" : "";
    lines.push(`${upload.notFound} not found: ${samples.join(", ")}${more}`);
  }
  if (upload.skipped > 0) {
    lines.push(`${upload.skipped} skipped: the queue holds at most ${MAX_QUEUE_LENGTH} tracks.`);
  }
  return {
    ...plain,
    embeds: [embed("✅ Playlist uploaded", lines.join("\n"), COLORS.success)],
  };
}

/** An upload that could not go on (nobody to play for, the audio service gone for good). */
export function uploadStoppedBody(upload: Counts, reason: string): MessageBody {
  return {
    ...plain,
    embeds: [
      embed(
        "⚠️ Playlist upload stopped",
        `**${shownName(upload.filename)}** stopped at ${upload.cursor}/${upload.total} (${upload.added} track(s) added): ${reason}`,
        COLORS.warning,
      ),
    ],
  };
}
