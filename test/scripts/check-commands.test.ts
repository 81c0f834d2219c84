import { describe, expect, it } from "vitest";
import { type JsonObject, snowflake } from "../support/index.ts";
import { useDiscordScriptFixture } from "./discord-fixture.ts";

const MANAGEMENT_GUILD = snowflake();
const fixture = useDiscordScriptFixture([MANAGEMENT_GUILD]);

const env = (extra: Record<string, string> = {}) =>
  fixture().env({ MANAGEMENT_GUILD_ID: MANAGEMENT_GUILD, ...extra });
const check = (extra: Record<string, string> = {}) =>
  fixture().run("check", ["--env", "test"], env(extra));

/** Registers the code's sets as deploy-commands does. */
async function deployCode(): Promise<void> {
  const deployed = await fixture().run("deploy", ["--env", "test"], env());
  expect(deployed.status, deployed.output).toBe(0);
  fixture().discord.calls.length = 0;
}

describe("check-commands", { timeout: 30_000 }, () => {
  it("exits 0 when Discord has what the code registers", async () => {
    await deployCode();
    const result = await check();

    expect(result.status, result.output).toBe(0);
    expect(result.stdout).toMatch(/^global: in sync/m);
    expect(result.stdout).toMatch(/^management \(guild \d+\): in sync/m);
    expect(fixture().discord.calls.map((call) => call.method)).toEqual(["GET", "GET"]);
  });

  it("exits 1 and prints the differences after the commands changed on Discord", async () => {
    await deployCode();
    const { state } = fixture().discord;
    const [first, second, ...rest] = state.globalCommands;
    const edited = { ...first, description: "Edited by hand" } as JsonObject;
    const stray = { ...first, id: snowflake(), name: "stray", description: "Not in the code" };
    state.globalCommands = [edited, ...rest, stray];

    const result = await check();

    expect(result.status, result.output).toBe(1);
    expect(result.stdout).toMatch(/^global: DRIFT/m);
    expect(result.stdout).toContain(`~ ${String(first?.name)}  (Discord → code)`);
    expect(result.stdout).toContain('description: "Edited by hand" → ');
    expect(result.stdout).toContain("- stray");
    expect(result.stdout).toContain(`+ ${String(second?.name)}`);
    expect(result.stdout).toMatch(/^management \(guild \d+\): in sync/m);
    expect(result.stdout).toContain("npm run deploy-commands -- --env test");
  });

  it("reports drift in the management guild", async () => {
    await deployCode();
    const stale = { id: snowflake(), type: 1, name: "stale", description: "Old tool" };
    fixture().discord.state.guildCommands.get(MANAGEMENT_GUILD)?.push(stale);

    const result = await check();

    expect(result.status, result.output).toBe(1);
    expect(result.stdout).toMatch(/^management \(guild \d+\): DRIFT/m);
    expect(result.stdout).toContain("- stale");
  });

  it.each([
    ["a missing token", { DISCORD_TOKEN: "" }, /^error: .*DISCORD_TOKEN is not set/],
    [
      "a malformed token",
      { DISCORD_TOKEN: "short" },
      /^error: Invalid configuration: DISCORD_TOKEN/,
    ],
    [
      "a malformed application id",
      { DISCORD_APPLICATION_ID: "app" },
      /^error: Invalid configuration: DISCORD_APPLICATION_ID/,
    ],
    [
      "an unreachable Discord",
      { DISCORD_API_BASE: "http://127.0.0.1:9/api" },
      /^error: Discord request failed: GET .*ECONNREFUSED/,
    ],
    [
      "a token Discord rejects",
      { DISCORD_TOKEN: "MTAwMDAwMDAwMDAwMDAwMDAx.wrong-token.zzzzzzzzzzzz" },
      /^error: Discord request failed: GET .* 401/,
    ],
  ])("exits 2 with one line on %s", async (_, override, message) => {
    const result = await check(override);

    expect(result.status, result.output).toBe(2);
    expect(result.stderr.trim().split("\n"), result.stderr).toHaveLength(1);
    expect(result.stderr).toMatch(message);
    for (const value of Object.values(override)) {
      if (value.length >= 8) expect(result.output).not.toContain(value);
    }
  });

  it("exits 2 with the usage on a wrong command line", async () => {
    const result = await fixture().run("check", ["--env"], env());

    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^error: --env needs a value/);
    expect(result.stderr).toContain("usage: node scripts/check-commands.mjs");
  });
});
