import { eq } from "drizzle-orm";
import { economySettings } from "../../db/schema.ts";
import { DEFAULT_SETTINGS, type EconomySettings } from "../../domain/economy/settings.ts";
import type { Executor } from "./executor.ts";

/** A guild's economy settings, or the defaults. */
export async function loadSettings(db: Executor, guildId: string): Promise<EconomySettings> {
  const [row] = await db.select().from(economySettings).where(eq(economySettings.guildId, guildId));
  if (!row) return DEFAULT_SETTINGS;
  return {
    currency: { name: row.currencyName, emoji: row.currencyEmoji },
    dailyAmount: row.dailyAmount,
    minBet: row.minBet,
    maxBet: row.maxBet,
    workMin: row.workMin,
    workMax: row.workMax,
  };
}

/** Stores a guild's settings (all of them). */
export async function saveSettings(
  db: Executor,
  guildId: string,
  settings: EconomySettings,
  by: { userId: string; now: Date },
): Promise<void> {
  const values = {
    currencyName: settings.currency.name,
    currencyEmoji: settings.currency.emoji,
    dailyAmount: settings.dailyAmount,
    minBet: settings.minBet,
    maxBet: settings.maxBet,
    workMin: settings.workMin,
    workMax: settings.workMax,
    updatedBy: by.userId,
    updatedAt: by.now,
  };
  await db
    .insert(economySettings)
    .values({ guildId, ...values })
    .onConflictDoUpdate({ target: economySettings.guildId, set: values });
}
