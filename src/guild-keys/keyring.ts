import { MasterKeyring, parseMasterKeys } from "../domain/guild-keys/index.ts";

/**
 * The master keyring of GUILD_KEYS_MASTER_KEYS, imported once on first use and shared by
 * every request of the isolate or process; null when the variable is unset. The config
 * schema has already checked the value, so parsing cannot fail here.
 */
export function lazyKeyring(raw: string | undefined): (() => Promise<MasterKeyring>) | null {
  if (!raw) return null;
  let imported: Promise<MasterKeyring> | undefined;
  return () => {
    if (!imported) {
      const parsed = parseMasterKeys(raw);
      if (!parsed.ok) throw new Error(`GUILD_KEYS_MASTER_KEYS ${parsed.problem}`);
      imported = MasterKeyring.import(parsed.keys);
    }
    return imported;
  };
}
