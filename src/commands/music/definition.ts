import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  ApplicationIntegrationType,
  InteractionContextType,
  ApplicationCommandOptionType as O,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord-api-types/v10";
import { FILTER_PRESETS } from "../../domain/music/filters.ts";
import { MAX_QUERY_LENGTH, MAX_QUEUE_LENGTH, VOLUME_RANGE } from "../../domain/music/limits.ts";

const place = (name: string, description: string, required = true) => ({
  type: O.Integer as const,
  name,
  description,
  required,
  min_value: 1,
  max_value: MAX_QUEUE_LENGTH,
});

const onOff = (description: string): APIApplicationCommandBasicOption[] => [
  {
    type: O.String,
    name: "mode",
    description,
    required: true,
    choices: [
      { name: "on", value: "on" },
      { name: "off", value: "off" },
    ],
  },
];

const sub = (
  name: string,
  description: string,
  options: APIApplicationCommandBasicOption[] = [],
): APIApplicationCommandSubcommandOption => ({ type: O.Subcommand, name, description, options });

/** `/music` and its subcommands, guild-only. */
export const musicDefinition: RESTPostAPIChatInputApplicationCommandsJSONBody = {
  name: "music",
  description: "Play music in your voice channel",
  integration_types: [ApplicationIntegrationType.GuildInstall],
  contexts: [InteractionContextType.Guild],
  options: [
    sub("play", "Play a song or playlist, or add it to the queue", [
      {
        type: O.String,
        name: "query",
        description: "What to search for, or a URL (a playlist URL queues every track)",
        required: true,
        min_length: 1,
        max_length: MAX_QUERY_LENGTH,
        autocomplete: true,
      },
    ]),
    sub("pause", "Pause the music"),
    sub("resume", "Resume the music"),
    sub("skip", "Skip to the next track"),
    sub("stop", "Stop, clear the queue and leave the voice channel"),
    sub("leave", "Leave the voice channel, keeping the queue"),
    sub("nowplaying", "Show the current track"),
    sub("queue", "Show the queue"),
    sub("seek", "Jump to a position in the current track", [
      {
        type: O.String,
        name: "position",
        description: "Where to jump to, as 1:23 or 83 (seconds)",
        required: true,
        max_length: 12,
      },
    ]),
    sub("volume", "Set the volume", [
      {
        type: O.Integer,
        name: "level",
        description: `Volume in percent (${VOLUME_RANGE.min}–${VOLUME_RANGE.max})`,
        required: true,
        min_value: VOLUME_RANGE.min,
        max_value: VOLUME_RANGE.max,
      },
    ]),
    sub("loop", "Repeat the current track or the whole queue", [
      {
        type: O.String,
        name: "mode",
        description: "What to repeat",
        required: true,
        choices: [
          { name: "off", value: "off" },
          { name: "track", value: "track" },
          { name: "queue", value: "queue" },
        ],
      },
    ]),
    sub("shuffle", "Shuffle the upcoming tracks (undo with /music unshuffle)"),
    sub("unshuffle", "Put the queue back in its order from before the last shuffle"),
    sub("remove", "Remove a track, or a range of tracks, from the queue", [
      place("position", "Place in the queue of the (first) track to remove"),
      place("to", "Last place of a range to remove", false),
    ]),
    sub("move", "Move a track to another place in the queue", [
      place("from", "Place of the track to move"),
      place("to", "Place to move it to"),
    ]),
    sub("clear", "Remove every upcoming track (the current one keeps playing)"),
    sub("history", "Show the last 20 tracks played"),
    sub("filter", "Apply a sound filter to the music", [
      {
        type: O.String,
        name: "preset",
        description: "The filter (off removes it)",
        required: true,
        choices: FILTER_PRESETS.map((preset) => ({ name: preset, value: preset })),
      },
    ]),
    sub("stay", "24/7 mode: stay in the voice channel (Manage Server)", onOff("Stay 24/7")),
    sub("autoplay", "Queue related tracks when the queue runs out", onOff("Autoplay")),
    sub("announce", "Post a now-playing message when a track starts", onOff("Announce tracks")),
  ],
};
