export {
  type ConversationKey,
  decodeMessages,
  deleteConversation,
  deleteExpiredConversations,
  readConversation,
  writeConversation,
} from "./conversations.ts";
export {
  type AiGuildSettings,
  clearProvider,
  readAiGuildSettings,
  type StoredProvider,
  writePersona,
  writeProvider,
} from "./guild-settings.ts";
