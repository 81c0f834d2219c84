import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseEnv } from "node:util";
import { type Config, ConfigError, parseConfig } from "../../src/config.ts";
import { UsageError } from "./args.ts";

/** The environment a script runs with, and where it came from. */
export interface LoadedEnvironment {
  readonly vars: Readonly<Record<string, string | undefined>>;
  /** For messages: `.env.staging` or `the process environment`. */
  readonly source: string;
}

/**
 * Merges `.env.<name>` (in `cwd`, when it exists) under `processEnv`: a variable already set in
 * the process wins over the file, so CI and tests can pass values directly. An empty value in
 * the process still counts as set, and `parseConfig` reads it as unset.
 */
export function loadEnvironment(
  name: string | undefined,
  options: { cwd?: string; processEnv?: NodeJS.ProcessEnv } = {},
): LoadedEnvironment {
  const processEnv = options.processEnv ?? process.env;
  if (name === undefined) {
    return { vars: { ...processEnv }, source: "the process environment" };
  }
  // The name becomes part of a path: keep it to one plain file name.
  if (!/^[\w-]+(\.[\w-]+)*$/.test(name)) {
    throw new UsageError(`--env must be a plain name like "staging", got "${name}"`);
  }
  const file = resolve(options.cwd ?? process.cwd(), `.env.${name}`);
  if (!existsSync(file)) {
    return {
      vars: { ...processEnv },
      source: `the process environment; no .env.${name} found`,
    };
  }
  let parsed: NodeJS.Dict<string>;
  try {
    parsed = parseEnv(readFileSync(file, "utf8"));
  } catch (error) {
    throw new ConfigError(`cannot read .env.${name}: ${(error as Error).message}`);
  }
  return {
    vars: { ...parsed, ...processEnv },
    source: `.env.${name} and the process environment`,
  };
}

/** Checks the environment with the project's one schema; throws a one-line {@link ConfigError}. */
export function checkConfig(environment: LoadedEnvironment): Config {
  return parseConfig(environment.vars);
}

/** What the command scripts need to talk to Discord. */
export interface DiscordSettings {
  readonly applicationId: string;
  readonly token: string;
  readonly apiBase: string;
  readonly managementGuildId: string | undefined;
}

/** A required variable of `config`, or a one-line {@link ConfigError} naming it. */
export function requireSetting<K extends keyof Config>(
  config: Config,
  name: K,
  environment: LoadedEnvironment,
): NonNullable<Config[K]> {
  const value = config[name];
  if (value === undefined || value === null) {
    throw new ConfigError(
      `Missing configuration: ${String(name)} is not set in ${environment.source}`,
    );
  }
  return value as NonNullable<Config[K]>;
}

/** The Discord settings, validated; missing application id or token is a {@link ConfigError}. */
export function discordSettings(config: Config, environment: LoadedEnvironment): DiscordSettings {
  return {
    applicationId: requireSetting(config, "DISCORD_APPLICATION_ID", environment),
    token: requireSetting(config, "DISCORD_TOKEN", environment),
    apiBase: config.DISCORD_API_BASE,
    managementGuildId: config.MANAGEMENT_GUILD_ID,
  };
}
