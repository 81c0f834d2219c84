import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  ApplicationIntegrationType,
  InteractionContextType,
  ApplicationCommandOptionType as O,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord-api-types/v10";
import { MAX_QUERY_LENGTH, VOLUME_RANGE } from "../../domain/music/limits.ts";

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
  ],
};
