import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useDiscordScriptFixture } from "./discord-fixture.ts";
import {
  CODE_GLOBAL,
  CODE_MANAGEMENT,
  names,
  OLD_RELEASE,
  writeManifestFile,
} from "./release-fixtures.ts";
import { runScript } from "./run-script.ts";

const fixture = useDiscordScriptFixture([]);

const deploy = (args: string[] = []) => fixture().run("deploy", ["--env", "test", ...args]);
const puts = () => fixture().discord.calls.filter((call) => call.method === "PUT");
const readJson = (...path: string[]) =>
  JSON.parse(readFileSync(join(fixture().cwd, ...path), "utf8"));

describe("deploy-commands", { timeout: 30_000 }, () => {
  it("registers the code's global commands on first deploy and writes the manifest", async () => {
    const result = await deploy();

    expect(result.status, result.output).toBe(0);
    expect(puts().map((call) => call.route)).toEqual(["/applications/:app/commands"]);
    expect(names(puts()[0]?.body)).toEqual(CODE_GLOBAL);
    expect(result.stdout).toContain(`global: updated (${CODE_GLOBAL.length} commands)`);
    const manifest = readJson("releases", "unknown", "commands.json");
    expect(Object.keys(manifest)).toEqual(["sha", "generatedAt", "global", "management"]);
    expect(manifest.sha).toBe("unknown");
    expect(names(manifest.global)).toEqual(CODE_GLOBAL);
    expect(names(manifest.management)).toEqual(CODE_MANAGEMENT);
  });

  it("does not re-register an unchanged set", async () => {
    await deploy();
    fixture().discord.calls.length = 0;
    const result = await deploy();

    expect(result.status, result.output).toBe(0);
    expect(puts()).toEqual([]);
    expect(result.stdout).toContain(`global: up to date (${CODE_GLOBAL.length} commands)`);
  });

  it("names the release by the git commit", async () => {
    const git = (...args: string[]) =>
      execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], {
        cwd: fixture().cwd,
        encoding: "utf8",
      }).trim();
    git("init", "-q");
    git("commit", "-q", "--allow-empty", "-m", "release");
    const sha = git("rev-parse", "HEAD");

    const result = await deploy(["--releases-dir", "out"]);

    expect(result.status, result.output).toBe(0);
    expect(readdirSync(join(fixture().cwd, "out"))).toEqual([sha]);
    expect(readJson("out", sha, "commands.json").sha).toBe(sha);
  });

  it("rolls back to an older manifest without writing a new one", async () => {
    await deploy();
    const result = await deploy(["--manifest", writeManifestFile(fixture().cwd)]);

    expect(result.status, result.output).toBe(0);
    expect(names(puts().at(-1)?.body)).toEqual(["legacy", "ping"]);
    expect(names(fixture().discord.state.globalCommands)).toEqual(["legacy", "ping"]);
    expect(result.stdout).toContain("+ legacy");
    expect(result.stdout).toContain("~ ping  (Discord → manifest)");
    expect(readdirSync(join(fixture().cwd, "releases"))).toEqual(["unknown"]);
    expect(result.stdout).toContain("manifest: not written");
  });

  it("reads .env.<env>, with the process environment winning", async () => {
    const { cwd, applicationId, token, discord } = fixture();
    writeFileSync(
      join(cwd, ".env.test"),
      [
        "# test environment",
        `DISCORD_APPLICATION_ID=${applicationId}`,
        `DISCORD_TOKEN="${token}"`,
        "DISCORD_API_BASE=http://127.0.0.1:9/api",
      ].join("\n"),
    );
    const result = await fixture().run("deploy", ["--env", "test"], {
      DISCORD_API_BASE: discord.apiBase,
    });

    expect(result.status, result.output).toBe(0);
    expect(result.stdout).toContain("from .env.test");
    expect(puts()).toHaveLength(1);
  });

  it("exits 1 with one line when Discord rejects the set", async () => {
    const bad = { ...OLD_RELEASE, global: [{ name: "Bad Name" }], management: [] };
    const result = await deploy(["--manifest", writeManifestFile(fixture().cwd, bad)]);

    expect(result.status).toBe(1);
    expect(result.stderr.trim().split("\n"), result.stderr).toHaveLength(1);
    expect(result.stderr).toMatch(/^error: Discord request failed: PUT .* 400 \(code 50035\)/);
    expect(existsSync(join(fixture().cwd, "releases"))).toBe(false);
  });

  it.each<[string, string[], RegExp, Record<string, string>?]>([
    ["no --env", [], /--env is required/],
    ["a bad --guild", ["--env", "test", "--guild", "abc"], /--guild must be a Discord id/],
    ["an unknown option", ["--env", "test", "--force"], /unknown option --force/],
    ["a missing manifest", ["--env", "test", "--manifest", "nope.json"], /Cannot read manifest/],
    ["a missing token", ["--env", "test"], /DISCORD_TOKEN is not set/, { DISCORD_TOKEN: "" }],
  ])("exits 2 on %s", async (_, args, message, env = {}) => {
    const { cwd, discord } = fixture();
    const result = await runScript("deploy", args, { cwd, env: fixture().env(env) });

    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(discord.calls).toEqual([]);
    expect(existsSync(join(cwd, "releases"))).toBe(false);
  });
});
