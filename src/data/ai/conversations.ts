import { and, eq, gt, lte } from "drizzle-orm";
import { aiConversations } from "../../db/schema.ts";
import { type ChatMessage, isChatMessage } from "../../domain/ai/index.ts";
import type { Database } from "../../ports/index.ts";

/** Whose memory: `scope` is the guild id, or `dm` outside a guild. */
export interface ConversationKey {
  scope: string;
  channelId: string;
  userId: string;
}

const where = (key: ConversationKey) =>
  and(
    eq(aiConversations.scope, key.scope),
    eq(aiConversations.channelId, key.channelId),
    eq(aiConversations.userId, key.userId),
  );

/** Keeps only well-formed messages of a stored value. */
export function decodeMessages(value: unknown): ChatMessage[] {
  return Array.isArray(value) ? value.filter(isChatMessage) : [];
}

/** The live memory (not past its expiry), or null. */
export async function readConversation(
  db: Database,
  key: ConversationKey,
  now: Date,
): Promise<{ messages: ChatMessage[]; expiresAt: Date } | null> {
  const rows = await db
    .select({ messages: aiConversations.messages, expiresAt: aiConversations.expiresAt })
    .from(aiConversations)
    .where(and(where(key), gt(aiConversations.expiresAt, now)));
  const row = rows[0];
  return row ? { messages: decodeMessages(row.messages), expiresAt: row.expiresAt } : null;
}

/** Writes the memory after a turn, pushing its expiry out. */
export async function writeConversation(
  db: Database,
  key: ConversationKey,
  messages: readonly ChatMessage[],
  now: Date,
  expiresAt: Date,
): Promise<void> {
  await db
    .insert(aiConversations)
    .values({ ...key, messages, updatedAt: now, expiresAt })
    .onConflictDoUpdate({
      target: [aiConversations.scope, aiConversations.channelId, aiConversations.userId],
      set: { messages, updatedAt: now, expiresAt },
    });
}

/** Deletes the memory; true when there was any (expired rows count as none). */
export async function deleteConversation(
  db: Database,
  key: ConversationKey,
  now: Date,
): Promise<boolean> {
  const rows = await db
    .delete(aiConversations)
    .where(where(key))
    .returning({ expiresAt: aiConversations.expiresAt });
  return rows.some((r) => r.expiresAt > now);
}

/** Deletes every memory past its expiry; returns how many. */
export async function deleteExpiredConversations(db: Database, now: Date): Promise<number> {
  const rows = await db
    .delete(aiConversations)
    .where(lte(aiConversations.expiresAt, now))
    .returning({ scope: aiConversations.scope });
  return rows.length;
}
