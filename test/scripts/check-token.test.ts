import { describe, expect, it } from "vitest";
import { snowflake } from "../support/index.ts";
import { useDiscordScriptFixture } from "./discord-fixture.ts";

const fixture = useDiscordScriptFixture([]);
const checkToken = (extra: Record<string, string> = {}, args = ["--env", "production"]) =>
  fixture().run("check-token", args, fixture().env(extra));

describe("check-token", { timeout: 30_000 }, () => {
  it("exits 0 naming the bot when Discord accepts the token, without printing it", async () => {
    const result = await checkToken();

    expect(result.status, result.output).toBe(0);
    expect(result.stdout).toMatch(/^token works: bot Chopsticks \(\d+\)/);
    expect(fixture().discord.callsTo("/users/@me", "GET")).toHaveLength(1);
    expect(fixture().discord.calls[0]?.headers.authorization).toBe(`Bot ${fixture().token}`);
  });

  it("reads the token from .env.<env> when the environment has none", async () => {
    const { writeFileSync } = await import("node:fs");
    writeFileSync(`${fixture().cwd}/.env.production`, `DISCORD_TOKEN=${fixture().token}\n`);
    const { DISCORD_TOKEN: _, ...withoutToken } = fixture().env();
    const result = await fixture().run("check-token", ["--env", "production"], withoutToken);
    expect(result.status, result.output).toBe(0);
    expect(result.stdout).toContain(".env.production and the process environment");
  });

  it("warns when the token's bot is not the configured application", async () => {
    const result = await checkToken({ DISCORD_APPLICATION_ID: snowflake() });
    expect(result.status, result.output).toBe(0);
    expect(result.stderr).toMatch(
      /^warning: the token's bot user \d+ is not DISCORD_APPLICATION_ID/,
    );
  });

  const rejected = "MTAwMDAwMDAwMDAwMDAwMDAx.revoked.this-token-was-reset-abcdef";
  it.each([
    [
      "a rejected (reset) token",
      { DISCORD_TOKEN: rejected },
      /^error: Discord rejected DISCORD_TOKEN \(401 Unauthorized\)/,
    ],
    [
      "a malformed token",
      { DISCORD_TOKEN: "not-a-token-at-all-but-long" },
      /^error: DISCORD_TOKEN is not shaped like a bot token/,
    ],
    [
      "a token too short",
      { DISCORD_TOKEN: "short" },
      /^error: Invalid configuration: DISCORD_TOKEN/,
    ],
    ["no token", { DISCORD_TOKEN: "" }, /^error: Missing configuration: DISCORD_TOKEN is not set/],
    [
      "an unreachable Discord",
      { DISCORD_API_BASE: "http://127.0.0.1:9/api" },
      /^error: Discord request failed: GET \/users\/@me .*ECONNREFUSED/,
    ],
  ])("exits 2 with one line on %s, never printing the token", async (_, override, message) => {
    const result = await checkToken(override);

    expect(result.status, result.output).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(message);
    for (const value of Object.values(override)) {
      if (value.length >= 8) expect(result.output).not.toContain(value);
    }
  });

  it("exits 2 with the usage without --env", async () => {
    const result = await checkToken({}, []);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^error: --env is required/);
    expect(result.stderr).toContain("usage: node scripts/check-token.mjs --env <env>");
  });
});
