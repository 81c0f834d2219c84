import {
  type ConversationKey,
  decodeMessages,
  deleteConversation,
  readConversation,
  writeConversation,
} from "../data/ai/index.ts";
import { AI_LIMITS, type ChatMessage, trimHistory } from "../domain/ai/index.ts";
import { describeError } from "../platform/logger.ts";
import type { Deps } from "../ports/index.ts";

/**
 * The cache copy lives at most this long, well under the 24 h memory: after a Redis outage
 * (writes went to Postgres only) a stale copy heals within this time.
 */
const CACHE_SECONDS = 15 * 60;

/** Whose memory, from where the interaction came: DMs share the `dm` scope. */
export function conversationKey(
  guildId: string | null,
  channelId: string,
  userId: string,
): ConversationKey {
  return { scope: guildId ?? "dm", channelId, userId };
}

const cacheKey = (deps: Deps, key: ConversationKey) =>
  `${deps.config.REDIS_KEY_PREFIX}ai:memory:${key.scope}:${key.channelId}:${key.userId}`;

interface Cached {
  messages: ChatMessage[];
  expiresAt: number;
}

function decodeCached(raw: string | null, now: number): ChatMessage[] | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<Cached>;
    if (typeof value.expiresAt !== "number" || value.expiresAt <= now) return [];
    return decodeMessages(value.messages);
  } catch {
    return null;
  }
}

/**
 * The conversation so far: from Redis when it has it, otherwise from Postgres (and the cache
 * filled). The per-isolate memory fallback is never read: it could be stale.
 */
export async function loadMemory(deps: Deps, key: ConversationKey): Promise<ChatMessage[]> {
  const now = deps.clock.now();
  if (deps.store.backend() === "redis") {
    try {
      const cached = decodeCached(await deps.store.get(cacheKey(deps, key)), now);
      if (cached) return cached;
    } catch (error) {
      deps.log.warn("ai.memory_cache_read_failed", { error: describeError(error) });
    }
  }
  const stored = await readConversation(deps.db, key, new Date(now));
  const messages = stored?.messages ?? [];
  if (stored && deps.store.backend() === "redis") {
    const value: Cached = { messages, expiresAt: stored.expiresAt.getTime() };
    deps.background.run("ai.memory_cache_fill", () =>
      deps.store.set(cacheKey(deps, key), JSON.stringify(value), {
        ttlSeconds: CACHE_SECONDS,
        onlyIfAbsent: true,
      }),
    );
  }
  return messages;
}

/** Saves the conversation after a turn (trimmed), in Postgres first, then the cache. */
export async function saveMemory(
  deps: Deps,
  key: ConversationKey,
  messages: readonly ChatMessage[],
): Promise<ChatMessage[]> {
  const now = deps.clock.now();
  const kept = trimHistory(messages);
  const expiresAt = now + AI_LIMITS.memoryTtlSeconds * 1000;
  await writeConversation(deps.db, key, kept, new Date(now), new Date(expiresAt));
  const value: Cached = { messages: kept, expiresAt };
  await deps.store
    .set(cacheKey(deps, key), JSON.stringify(value), { ttlSeconds: CACHE_SECONDS })
    .catch((error) =>
      deps.log.warn("ai.memory_cache_write_failed", { error: describeError(error) }),
    );
  return kept;
}

/** Forgets the conversation everywhere; true when there was one. */
export async function forgetMemory(deps: Deps, key: ConversationKey): Promise<boolean> {
  const existed = await deleteConversation(deps.db, key, new Date(deps.clock.now()));
  await deps.store.del([cacheKey(deps, key)]);
  return existed;
}
