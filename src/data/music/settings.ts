import { eq, sql } from "drizzle-orm";
import { type MusicSettingsRow, musicSettings } from "../../db/schema.ts";
import type { Executor } from "../moderation/executor.ts";

/** A guild's music settings; what a guild that never changed them gets. */
export type MusicSettings = Omit<MusicSettingsRow, "guildId" | "updatedAt">;

export const DEFAULT_MUSIC_SETTINGS: MusicSettings = {
  djRoleId: null,
  announce: true,
  autoplay: false,
  stay: false,
};

/** A guild's music settings (the defaults when it never changed them). */
export async function findMusicSettings(db: Executor, guildId: string): Promise<MusicSettings> {
  const [row] = await db.select().from(musicSettings).where(eq(musicSettings.guildId, guildId));
  if (!row) return { ...DEFAULT_MUSIC_SETTINGS };
  const { guildId: _guild, updatedAt: _at, ...settings } = row;
  return settings;
}

/** Changes some of a guild's music settings, creating its row on first use. */
export async function updateMusicSettings(
  db: Executor,
  guildId: string,
  patch: Partial<MusicSettings>,
): Promise<void> {
  await db
    .insert(musicSettings)
    .values({ guildId, ...patch })
    .onConflictDoUpdate({
      target: musicSettings.guildId,
      set: { ...patch, updatedAt: sql`now()` },
    });
}

/** Guilds in 24/7 mode (restored on start even with an empty queue). */
export async function stayingGuilds(db: Executor): Promise<string[]> {
  const rows = await db
    .select({ guildId: musicSettings.guildId })
    .from(musicSettings)
    .where(eq(musicSettings.stay, true));
  return rows.map((row) => row.guildId);
}
