import { and, eq, isNotNull } from "drizzle-orm";
import { aiGuildSettings } from "../../db/schema.ts";
import type { Database } from "../../ports/index.ts";
import type { Executor } from "../moderation/executor.ts";

/** A guild's own provider as stored (the key itself is a sealed secret elsewhere). */
export interface StoredProvider {
  baseUrl: string;
  model: string;
  keyLast4: string;
  setBy: string;
  setAt: Date;
}

/** A guild's AI settings. */
export interface AiGuildSettings {
  persona: string | null;
  provider: StoredProvider | null;
}

const NONE: AiGuildSettings = { persona: null, provider: null };

/** Reads a guild's persona and provider in one query. */
export async function readAiGuildSettings(db: Database, guildId: string): Promise<AiGuildSettings> {
  const [row] = await db.select().from(aiGuildSettings).where(eq(aiGuildSettings.guildId, guildId));
  if (!row) return NONE;
  const provider =
    row.providerBaseUrl && row.providerModel && row.providerSetBy && row.providerSetAt
      ? {
          baseUrl: row.providerBaseUrl,
          model: row.providerModel,
          keyLast4: row.providerKeyLast4 ?? "",
          setBy: row.providerSetBy,
          setAt: row.providerSetAt,
        }
      : null;
  return { persona: row.persona, provider };
}

/** Sets or clears (null) the guild's persona. */
export async function writePersona(
  db: Database,
  guildId: string,
  persona: string | null,
  setBy: string,
  now: Date,
): Promise<void> {
  const values = { persona, personaSetBy: setBy, personaUpdatedAt: now };
  await db
    .insert(aiGuildSettings)
    .values({ guildId, ...values })
    .onConflictDoUpdate({ target: aiGuildSettings.guildId, set: values });
}

/** Records the guild's provider (inside the transaction that seals its key). */
export async function writeProvider(
  tx: Executor,
  guildId: string,
  provider: StoredProvider,
): Promise<void> {
  const values = {
    providerBaseUrl: provider.baseUrl,
    providerModel: provider.model,
    providerKeyLast4: provider.keyLast4,
    providerSetBy: provider.setBy,
    providerSetAt: provider.setAt,
  };
  await tx
    .insert(aiGuildSettings)
    .values({ guildId, ...values })
    .onConflictDoUpdate({ target: aiGuildSettings.guildId, set: values });
}

/** Forgets the guild's provider (inside the transaction that deletes its key). */
export async function clearProvider(tx: Executor, guildId: string): Promise<boolean> {
  const rows = await tx
    .update(aiGuildSettings)
    .set({
      providerBaseUrl: null,
      providerModel: null,
      providerKeyLast4: null,
      providerSetBy: null,
      providerSetAt: null,
    })
    .where(and(eq(aiGuildSettings.guildId, guildId), isNotNull(aiGuildSettings.providerBaseUrl)))
    .returning({ guildId: aiGuildSettings.guildId });
  return rows.length > 0;
}
