import type { APIEmbed } from "discord-api-types/v10";
import type { MusicPlayerRow, MusicQueueEntryRow } from "../db/schema.ts";
import { formatDuration, progressBar } from "../domain/music/time.ts";
import { truncate } from "../domain/text.ts";
import { COLORS, embed } from "../interactions/responses.ts";
import type { MessageBody } from "../ports/index.ts";

/** What a track line needs. */
type TrackLike = Pick<MusicQueueEntryRow, "title" | "uri" | "lengthMs" | "isStream" | "author">;

/** `[Title](uri) · 3:21`, escaped and cut to fit a list line. */
export function trackLine(track: TrackLike, max = 90): string {
  const title = truncate(track.title.replace(/[[\]()*_`~|]/g, ""), max);
  const linked = track.uri ? `[${title}](${track.uri})` : `**${title}**`;
  return `${linked} · ${track.isStream ? "LIVE" : formatDuration(track.lengthMs)}`;
}

/** Who asked for a track: the member, or autoplay. */
export function requester(track: { requestedBy: string; autoplay: boolean }): string {
  return track.autoplay ? "📻 autoplay" : `<@${track.requestedBy}>`;
}

/** The "Now playing" card with a progress bar. */
export function nowPlayingEmbed(
  entry: MusicQueueEntryRow,
  player: Pick<MusicPlayerRow, "paused" | "volume" | "loopMode" | "voiceChannelId">,
  positionMs: number,
  upcoming: number,
): APIEmbed {
  const timing = entry.isStream
    ? "🔴 LIVE"
    : `${formatDuration(positionMs)} / ${formatDuration(entry.lengthMs)}`;
  return embed(
    player.paused ? "⏸ Paused" : "🎶 Now playing",
    `${trackLine(entry, 200)}\n${progressBar(positionMs, entry.isStream ? 0 : entry.lengthMs)} ${timing}`,
    COLORS.info,
    {
      fields: [
        { name: "Requested by", value: requester(entry), inline: true },
        { name: "Volume", value: `${player.volume}%`, inline: true },
        { name: "Loop", value: player.loopMode, inline: true },
        {
          name: "Up next",
          value: upcoming === 0 ? "nothing" : `${upcoming} track(s)`,
          inline: true,
        },
        ...(player.voiceChannelId
          ? [{ name: "Channel", value: `<#${player.voiceChannelId}>`, inline: true }]
          : []),
      ],
      ...(entry.artworkUrl ? { thumbnail: { url: entry.artworkUrl } } : {}),
    },
  );
}

/** A message of one embed that mentions people without pinging them. */
export function quietly(card: APIEmbed): MessageBody {
  return { embeds: [card], allowed_mentions: { parse: [] } };
}

/** A short confirmation card. */
export function musicNotice(title: string, description: string, color = COLORS.success): APIEmbed {
  return embed(title, description, color);
}
