import {
  ApplicationIntegrationType,
  InteractionContextType,
  ApplicationCommandOptionType as O,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord-api-types/v10";
import { AI_LIMITS } from "../../domain/ai/index.ts";

/** `/ai`: registration JSON. Discord enforces the lengths client-side; handlers check again. */
export const aiDefinition: RESTPostAPIChatInputApplicationCommandsJSONBody = {
  name: "ai",
  description: "Ask the AI, chat with memory, and manage the server's AI settings",
  integration_types: [ApplicationIntegrationType.GuildInstall],
  contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
  options: [
    {
      type: O.Subcommand,
      name: "ask",
      description: "Ask one question (no memory)",
      options: [
        {
          type: O.String,
          name: "prompt",
          description: "Your question",
          required: true,
          max_length: AI_LIMITS.promptChars,
        },
        {
          type: O.Boolean,
          name: "private",
          description: "Only you see the answer",
        },
      ],
    },
    {
      type: O.Subcommand,
      name: "chat",
      description: "Continue your conversation in this channel (remembered for 24 h)",
      options: [
        {
          type: O.String,
          name: "message",
          description: "Your message",
          required: true,
          max_length: AI_LIMITS.promptChars,
        },
      ],
    },
    {
      type: O.Subcommand,
      name: "voice",
      description: "Ask one question; the answer is shown and spoken in your voice channel",
      options: [
        {
          type: O.String,
          name: "prompt",
          description: "Your question",
          required: true,
          max_length: AI_LIMITS.promptChars,
        },
      ],
    },
    {
      type: O.Subcommand,
      name: "forget",
      description: "Forget your conversation in this channel",
    },
    {
      type: O.SubcommandGroup,
      name: "persona",
      description: "The server's system prompt for the AI",
      options: [
        {
          type: O.Subcommand,
          name: "set",
          description: "Set the persona (Manage Server)",
          options: [
            {
              type: O.String,
              name: "text",
              description: "How the AI should behave here",
              required: true,
              max_length: AI_LIMITS.personaChars,
            },
          ],
        },
        { type: O.Subcommand, name: "clear", description: "Remove the persona (Manage Server)" },
        { type: O.Subcommand, name: "show", description: "Show the persona" },
      ],
    },
    {
      type: O.SubcommandGroup,
      name: "key",
      description: "The server's own AI provider key (Manage Server)",
      options: [
        {
          type: O.Subcommand,
          name: "set",
          description: "Use the server's own OpenAI-compatible provider and key",
        },
        { type: O.Subcommand, name: "status", description: "Which provider and key are in use" },
        { type: O.Subcommand, name: "remove", description: "Remove the server's own key" },
      ],
    },
  ],
};
