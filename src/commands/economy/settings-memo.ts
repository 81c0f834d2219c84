import { loadSettings } from "../../data/economy/settings.ts";
import type { EconomySettings } from "../../domain/economy/settings.ts";
import type { Deps } from "../../ports/index.ts";

/** How long this isolate trusts a guild's settings before reading them again. */
export const SETTINGS_TTL_MS = 30_000;
const MEMO_CAP = 10_000;

/**
 * Guild economy settings as this isolate last read them: every economy command needs them
 * (the currency is in every message), and they change rarely. `/economy config` forgets the
 * guild's entry here at once; other isolates read the new settings within 30 s.
 */
class SettingsMemo {
  private readonly entries = new Map<string, { at: number; settings: EconomySettings }>();

  async get(deps: Deps, guildId: string): Promise<EconomySettings> {
    const now = deps.clock.now();
    const hit = this.entries.get(guildId);
    if (hit && now - hit.at < SETTINGS_TTL_MS && now >= hit.at) return hit.settings;
    const settings = await loadSettings(deps.db, guildId);
    if (this.entries.size >= MEMO_CAP) this.entries.clear();
    this.entries.set(guildId, { at: now, settings });
    return settings;
  }

  forget(guildId: string): void {
    this.entries.delete(guildId);
  }
}

/** The isolate's memo (module scope is per isolate on Workers and per process on Node). */
export const settingsMemo = new SettingsMemo();
