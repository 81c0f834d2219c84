import {
  type APIActionRowComponent,
  type APIButtonComponent,
  ButtonStyle,
  ComponentType,
} from "discord-api-types/v10";
import type { MusicPlayerRow, MusicQueueEntryRow } from "../db/schema.ts";
import { formatDuration } from "../domain/music/time.ts";
import { customId } from "../interactions/custom-id.ts";
import { COLORS, embed } from "../interactions/responses.ts";
import type { MessageBody } from "../ports/index.ts";
import { requester, trackLine } from "./views.ts";

/** What the now-playing buttons do; the entry id travels with each press. */
export const NOW_PLAYING_ACTIONS = [
  "pause",
  "skip",
  "stop",
  "shuffle",
  "loop",
  "progress",
] as const;
export type NowPlayingAction = (typeof NOW_PLAYING_ACTIONS)[number];

type PlayerState = Pick<MusicPlayerRow, "paused" | "volume" | "loopMode" | "filter">;

function button(
  action: NowPlayingAction,
  entryId: number,
  label: string,
  style:
    | ButtonStyle.Primary
    | ButtonStyle.Secondary
    | ButtonStyle.Success
    | ButtonStyle.Danger = ButtonStyle.Secondary,
): APIButtonComponent {
  return {
    type: ComponentType.Button,
    style,
    label,
    custom_id: customId("music", "np", action, entryId),
  };
}

/** The buttons under a now-playing message for `entryId`. */
export function nowPlayingButtons(
  entryId: number,
  player: PlayerState,
): APIActionRowComponent<APIButtonComponent>[] {
  return [
    {
      type: ComponentType.ActionRow,
      components: [
        player.paused
          ? button("pause", entryId, "▶ Resume", ButtonStyle.Success)
          : button("pause", entryId, "⏸ Pause", ButtonStyle.Primary),
        button("skip", entryId, "⏭ Skip"),
        button("stop", entryId, "⏹ Stop", ButtonStyle.Danger),
        button("shuffle", entryId, "🔀 Shuffle"),
        button("loop", entryId, `🔁 Loop: ${player.loopMode}`),
      ],
    },
    { type: ComponentType.ActionRow, components: [button("progress", entryId, "📊 Progress")] },
  ];
}

/**
 * The now-playing message of a track: who asked, how long, what follows, with buttons. No
 * progress bar: it would need an edit every few seconds, and Discord allows one per 5 s per
 * guild here; the 📊 button shows it to whoever asks.
 */
export function nowPlayingCard(
  entry: MusicQueueEntryRow,
  player: PlayerState,
  upcoming: number,
): MessageBody {
  const fields = [
    { name: "Requested by", value: requester(entry), inline: true },
    {
      name: "Length",
      value: entry.isStream ? "🔴 LIVE" : formatDuration(entry.lengthMs),
      inline: true,
    },
    { name: "Up next", value: upcoming === 0 ? "nothing" : `${upcoming} track(s)`, inline: true },
    { name: "Loop", value: player.loopMode, inline: true },
    { name: "Volume", value: `${player.volume}%`, inline: true },
    ...(player.filter !== "off" ? [{ name: "Filter", value: player.filter, inline: true }] : []),
  ];
  return {
    embeds: [
      embed(player.paused ? "⏸ Paused" : "🎶 Now playing", trackLine(entry, 200), COLORS.info, {
        fields,
        ...(entry.artworkUrl ? { thumbnail: { url: entry.artworkUrl } } : {}),
      }),
    ],
    components: nowPlayingButtons(entry.id, player),
    allowed_mentions: { parse: [] },
  };
}

/** What the message turns into when the music stops: no buttons left to press. */
export function nowPlayingEndedCard(why: "ended" | "stopped"): MessageBody {
  const [title, text] =
    why === "ended"
      ? ["⏹ Queue ended", "Nothing left to play. Add more with `/music play`."]
      : ["⏹ Stopped", "The music stopped. Start again with `/music play`."];
  return {
    embeds: [embed(title, text, COLORS.info)],
    components: [],
    allowed_mentions: { parse: [] },
  };
}
