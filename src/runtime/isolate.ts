import { UpstashLimiter } from "../adapters/redis/upstash-limiter.ts";
import { createUpstashClient, UpstashStore } from "../adapters/redis/upstash-store.ts";
import { CacheFallbackState, type RemoteCache } from "../adapters/resilient-cache.ts";
import { commands } from "../commands/index.ts";
import type { Config } from "../config.ts";
import type { MasterKeyring } from "../domain/guild-keys/index.ts";
import { createRateGate, OverrideMemo } from "../guards/rate-gate.ts";
import { lazyKeyring } from "../guild-keys/index.ts";
import { WATCHDOG_MS } from "../interactions/execute.ts";
import type { Guard } from "../interactions/handle.ts";
import { CommandRegistry } from "../interactions/registry.ts";
import type { CommandModule } from "../interactions/types.ts";
import { createSignatureVerifier, type SignatureVerifier } from "../interactions/verify.ts";
import { settleDueLockdowns } from "../moderation/index.ts";
import { createLogger } from "../platform/logger.ts";
import { type Clock, cryptoRandom, type Logger, type Random, systemClock } from "../ports/index.ts";

/**
 * What lives as long as the isolate (Workers) or process (Node): checked config, logger,
 * the verifier with its imported key, the command registry and the cache fallback state.
 * None of it holds an I/O object, so requests may share it.
 */
export interface Isolate {
  config: Config;
  log: Logger;
  clock: Clock;
  random: Random;
  verifier: SignatureVerifier;
  registry: CommandRegistry;
  fallback: CacheFallbackState;
  applicationId: string;
  /** Checks after the built-in guild-only guard: operator blocks and rate limits. */
  guards: Guard[];
  /** How long a handler may run before it is deferred. */
  watchdogMs: number;
  /** GUILD_KEYS_MASTER_KEYS, imported once on first use; null when unset. */
  keyring: (() => Promise<MasterKeyring>) | null;
}

/** Builds the isolate state; `publicKey` overrides the config (the dev key pair on Node). */
export function createIsolate(
  config: Config,
  overrides: {
    publicKey?: string;
    applicationId?: string;
    clock?: Clock;
    log?: Logger;
    /** Replaces the command list (tests add modules of their own). */
    commands?: readonly CommandModule[];
    watchdogMs?: number;
  } = {},
): Isolate {
  const publicKey = overrides.publicKey ?? config.DISCORD_PUBLIC_KEY;
  if (!publicKey) throw new Error("DISCORD_PUBLIC_KEY is required");
  const applicationId = overrides.applicationId ?? config.DISCORD_APPLICATION_ID;
  if (!applicationId) throw new Error("DISCORD_APPLICATION_ID is required");
  const clock = overrides.clock ?? systemClock;
  const log =
    overrides.log ??
    createLogger({
      level: config.LOG_LEVEL,
      secrets: [
        config.DISCORD_TOKEN,
        config.ADMIN_API_SECRET,
        config.UPSTASH_REDIS_REST_TOKEN,
        config.AI_API_KEY,
        config.VOICE_NODE_SECRET,
        config.GUILD_KEYS_MASTER_KEYS,
        // Each master key on its own too, in case one is ever logged without the others.
        ...(config.GUILD_KEYS_MASTER_KEYS ?? "").split(",").map((entry) => entry.split(":")[1]),
      ],
    });
  return {
    config,
    log,
    clock,
    random: cryptoRandom,
    verifier: createSignatureVerifier(publicKey),
    registry: new CommandRegistry(overrides.commands ?? commands),
    watchdogMs: overrides.watchdogMs ?? WATCHDOG_MS,
    fallback: new CacheFallbackState(clock),
    applicationId,
    guards: [createRateGate(new OverrideMemo(), settleDueLockdowns)],
    keyring: lazyKeyring(config.GUILD_KEYS_MASTER_KEYS),
  };
}

/** The Redis side of the cache, or null when Upstash is not configured. */
export function createRemoteCache(config: Config): RemoteCache | null {
  if (!config.UPSTASH_REDIS_REST_URL || !config.UPSTASH_REDIS_REST_TOKEN) return null;
  const client = createUpstashClient({
    url: config.UPSTASH_REDIS_REST_URL,
    token: config.UPSTASH_REDIS_REST_TOKEN,
  });
  const store = new UpstashStore(client);
  return { store, limiter: new UpstashLimiter(store.trips, store, config.REDIS_KEY_PREFIX) };
}
