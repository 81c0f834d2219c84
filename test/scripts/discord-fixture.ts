import { afterAll, afterEach, beforeAll, beforeEach, expect } from "vitest";
import { type FakeDiscord, snowflake, startFakeDiscord } from "../support/index.ts";
import { runScript, type ScriptName, type ScriptResult, temporaryDirectory } from "./run-script.ts";

/** What a script test gets: a fake Discord and a fresh working directory per test. */
export interface DiscordScriptFixture {
  readonly token: string;
  readonly applicationId: string;
  readonly discord: FakeDiscord;
  /** The scripts' working directory: `.env.<env>` is read and `releases/` written here. */
  readonly cwd: string;
  /** The variables pointing a script at the fake, plus `extra`. */
  env(extra?: Record<string, string>): Record<string, string>;
  /** Runs a script in `cwd`, asserting the token is nowhere in its output. */
  run(
    script: ScriptName,
    args: readonly string[],
    env?: Record<string, string>,
  ): Promise<ScriptResult>;
}

/**
 * Registers the hooks of a script test file: one fake Discord for the file, reset before each
 * test with `guilds` seeded, and a temporary working directory per test.
 */
export function useDiscordScriptFixture(guilds: readonly string[]): () => DiscordScriptFixture {
  const token = `MTAwMDAwMDAwMDAwMDAwMDAx.script-test.${snowflake()}`;
  const applicationId = snowflake();
  let discord: FakeDiscord | undefined;
  let dir: ReturnType<typeof temporaryDirectory> | undefined;

  beforeAll(async () => {
    discord = await startFakeDiscord({ botToken: token, applicationId });
  });
  afterAll(() => discord?.close());
  beforeEach(() => {
    discord?.reset();
    for (const id of guilds) discord?.addGuild({ id, ownerId: snowflake() });
    dir = temporaryDirectory();
  });
  afterEach(() => dir?.remove());

  return () => {
    if (!discord || !dir) throw new Error("fixture used outside a test");
    const fake = discord;
    const cwd = dir.path;
    const env = (extra: Record<string, string> = {}) => ({
      DISCORD_APPLICATION_ID: applicationId,
      DISCORD_TOKEN: token,
      DISCORD_API_BASE: fake.apiBase,
      ...extra,
    });
    return {
      token,
      applicationId,
      discord: fake,
      cwd,
      env,
      run: async (script, args, runEnv = env()) => {
        const result = await runScript(script, args, { cwd, env: runEnv });
        expect(result.output).not.toContain(token);
        return result;
      },
    };
  };
}
