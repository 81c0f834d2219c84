import { index, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

const stamp = (name: string) => timestamp(name, { withTimezone: true });

/**
 * `/ai chat` memory per (scope, channel, user): `scope` is the guild id, or `dm` outside a
 * guild. Messages are `{ role, content }`, oldest first, already trimmed. Rows past
 * `expires_at` are treated as gone and swept.
 */
export const aiConversations = pgTable(
  "ai_conversations",
  {
    scope: text("scope").notNull(),
    channelId: text("channel_id").notNull(),
    userId: text("user_id").notNull(),
    messages: jsonb("messages").notNull(),
    updatedAt: stamp("updated_at").notNull().defaultNow(),
    expiresAt: stamp("expires_at").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.scope, table.channelId, table.userId] }),
    index("ai_conversations_expires_idx").on(table.expiresAt),
  ],
);

/**
 * A guild's AI settings: its persona (system prompt) and, when it brought its own key, the
 * provider's base URL and model. The key itself is in `guild_secrets` (field `ai.api_key`),
 * encrypted; only its last four characters are here, for `/ai key status`.
 */
export const aiGuildSettings = pgTable("ai_guild_settings", {
  guildId: text("guild_id").primaryKey(),
  persona: text("persona"),
  personaSetBy: text("persona_set_by"),
  personaUpdatedAt: stamp("persona_updated_at"),
  providerBaseUrl: text("provider_base_url"),
  providerModel: text("provider_model"),
  providerKeyLast4: text("provider_key_last4"),
  providerSetBy: text("provider_set_by"),
  providerSetAt: stamp("provider_set_at"),
});

export type AiConversationRow = typeof aiConversations.$inferSelect;
export type AiGuildSettingsRow = typeof aiGuildSettings.$inferSelect;
