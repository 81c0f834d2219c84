import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  ApplicationIntegrationType,
  InteractionContextType,
  ApplicationCommandOptionType as O,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord-api-types/v10";
import { PLAYLIST_FORMATS, PLAYLIST_MAX_ENTRIES } from "../../domain/music/playlist-file.ts";
import { PLAYLIST_NAME_MAX } from "../../domain/music/saved-playlists.ts";

const sub = (
  name: string,
  description: string,
  options: APIApplicationCommandBasicOption[] = [],
): APIApplicationCommandSubcommandOption => ({ type: O.Subcommand, name, description, options });

const nameOption = (
  description: string,
  autocomplete: boolean,
): APIApplicationCommandBasicOption => ({
  type: O.String,
  name: "name",
  description,
  required: true,
  min_length: 1,
  max_length: PLAYLIST_NAME_MAX,
  ...(autocomplete ? { autocomplete: true } : {}),
});

/**
 * `/playlist`, guild-only: its own command rather than a `/music` group, which is near
 * Discord's limits on subcommands and on the size of one command.
 */
export const playlistDefinition: RESTPostAPIChatInputApplicationCommandsJSONBody = {
  name: "playlist",
  description: "Save, load and upload playlists for this server's music queue",
  integration_types: [ApplicationIntegrationType.GuildInstall],
  contexts: [InteractionContextType.Guild],
  options: [
    sub("save", "Save the current queue as a playlist", [
      nameOption("Name of the playlist", false),
      {
        type: O.Boolean,
        name: "overwrite",
        description: "Replace a playlist of the same name (yours, or any with Manage Server)",
      },
    ]),
    sub("load", "Add a saved playlist to the queue", [nameOption("Which playlist", true)]),
    sub("list", "Show this server's saved playlists"),
    sub("delete", "Delete a saved playlist (yours, or any with Manage Server)", [
      nameOption("Which playlist", true),
    ]),
    sub("upload", "Queue every track of a playlist file (URLs or Artist - Title lines)", [
      {
        type: O.Attachment,
        name: "file",
        description: `${PLAYLIST_FORMATS.map((f) => `.${f}`).join(", ")}: up to ${PLAYLIST_MAX_ENTRIES} entries, 1 MiB`,
        required: true,
      },
    ]),
  ],
};
