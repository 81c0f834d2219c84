import { decodeControls, encodeControls, type GuildControls } from "../domain/guild-controls.ts";
import type { Deps } from "../ports/index.ts";
import { loadGuildControls } from "./guild-controls.ts";

/** Cached controls heal on their own after this long, whatever happened to Redis. */
const TTL_SECONDS = 300;

export const controlsKey = (prefix: string, guildId: string) =>
  `${prefix}guild-controls:${guildId}`;

/**
 * Reads a guild's cached controls, or null on a miss. The GET is issued at once so it shares
 * a round trip with whatever else the caller issues in the same turn. While Redis is down the
 * memory fallback is per isolate and could be stale, so it is not consulted: Postgres is.
 */
export function readCachedControls(deps: Deps, guildId: string): Promise<GuildControls | null> {
  if (deps.store.backend() !== "redis") return Promise.resolve(null);
  return deps.store.get(controlsKey(deps.config.REDIS_KEY_PREFIX, guildId)).then(decodeControls);
}

/**
 * Loads controls from Postgres and fills the cache after the response. The fill only writes
 * when the key is absent, so it cannot overwrite what a concurrent operator change just wrote.
 */
export async function loadControls(deps: Deps, guildId: string): Promise<GuildControls> {
  const controls = await loadGuildControls(deps.db, guildId);
  if (deps.store.backend() === "redis") {
    deps.background.run("guild_controls.fill", () =>
      deps.store.set(controlsKey(deps.config.REDIS_KEY_PREFIX, guildId), encodeControls(controls), {
        ttlSeconds: TTL_SECONDS,
        onlyIfAbsent: true,
      }),
    );
  }
  return controls;
}

/** After an operator change has committed: rewrite the cache of each guild from Postgres. */
export async function refreshCachedControls(
  deps: Deps,
  guildIds: readonly string[],
): Promise<void> {
  await Promise.all(
    guildIds.map(async (guildId) => {
      const controls = await loadGuildControls(deps.db, guildId);
      await deps.store.set(
        controlsKey(deps.config.REDIS_KEY_PREFIX, guildId),
        encodeControls(controls),
        {
          ttlSeconds: TTL_SECONDS,
        },
      );
    }),
  );
}

/** Drops every guild's cached controls (after a reset of all overrides). */
export async function dropAllCachedControls(deps: Deps): Promise<void> {
  await deps.store.deleteMatching(`${deps.config.REDIS_KEY_PREFIX}guild-controls:*`);
}
