import { describe, expect, it } from "vitest";
import { snowflake } from "../support/index.ts";
import { useDiscordScriptFixture } from "./discord-fixture.ts";
import { CODE_GLOBAL, CODE_MANAGEMENT, names, writeManifestFile } from "./release-fixtures.ts";

const GUILD = snowflake();
const MANAGEMENT_GUILD = snowflake();
const fixture = useDiscordScriptFixture([GUILD, MANAGEMENT_GUILD]);

const deploy = (args: string[] = [], env: Record<string, string> = {}) =>
  fixture().run("deploy", ["--env", "test", ...args], fixture().env(env));
const puts = () => fixture().discord.calls.filter((call) => call.method === "PUT");
const withManagement = { MANAGEMENT_GUILD_ID: MANAGEMENT_GUILD };

describe("deploy-commands scopes", { timeout: 30_000 }, () => {
  it("registers the global set in one guild with --guild", async () => {
    const result = await deploy(["--guild", GUILD]);

    expect(result.status, result.output).toBe(0);
    expect(puts().map((call) => [call.route, call.params.guild])).toEqual([
      ["/applications/:app/guilds/:guild/commands", GUILD],
    ]);
    const { state } = fixture().discord;
    expect(names(state.guildCommands.get(GUILD))).toEqual(CODE_GLOBAL);
    expect(state.globalCommands).toEqual([]);
  });

  it("registers the code's management commands only in MANAGEMENT_GUILD_ID", async () => {
    const result = await deploy([], withManagement);

    expect(result.status, result.output).toBe(0);
    const { state } = fixture().discord;
    expect(names(state.guildCommands.get(MANAGEMENT_GUILD))).toEqual(CODE_MANAGEMENT);
    expect(names(state.globalCommands)).toEqual(CODE_GLOBAL);
    expect(state.guildCommands.has(GUILD)).toBe(false);

    fixture().discord.calls.length = 0;
    const again = await deploy([], withManagement);
    expect(again.stdout).toContain(`management (guild ${MANAGEMENT_GUILD}): up to date`);
    expect(puts()).toEqual([]);
  });

  it("registers a manifest's management commands only in MANAGEMENT_GUILD_ID", async () => {
    const result = await deploy(["--manifest", writeManifestFile(fixture().cwd)], withManagement);

    expect(result.status, result.output).toBe(0);
    const { state } = fixture().discord;
    expect(names(state.guildCommands.get(MANAGEMENT_GUILD))).toEqual(["admin"]);
    expect(names(state.globalCommands)).toEqual(["legacy", "ping"]);
    expect(state.guildCommands.has(GUILD)).toBe(false);
    expect(result.stdout).toContain(`management (guild ${MANAGEMENT_GUILD}): updated (1 command)`);
  });

  it("skips management commands with a warning when MANAGEMENT_GUILD_ID is unset", async () => {
    const result = await deploy(["--manifest", writeManifestFile(fixture().cwd)]);

    expect(result.status, result.output).toBe(0);
    expect(result.stderr).toContain("warning: MANAGEMENT_GUILD_ID is not set");
    expect(puts().map((call) => call.route)).toEqual(["/applications/:app/commands"]);
  });

  it("registers both sets as one overwrite when --guild is the management guild", async () => {
    const result = await deploy(["--guild", MANAGEMENT_GUILD], withManagement);

    expect(result.status, result.output).toBe(0);
    expect(puts().map((call) => call.params.guild)).toEqual([MANAGEMENT_GUILD]);
    expect(names(fixture().discord.state.guildCommands.get(MANAGEMENT_GUILD))).toEqual(
      [...CODE_GLOBAL, ...CODE_MANAGEMENT].sort(),
    );
  });
});
