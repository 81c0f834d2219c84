import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseArgs, UsageError } from "../../scripts/lib/args.ts";
import { loadEnvironment } from "../../scripts/lib/env.ts";
import { readManifest, renderManifest } from "../../scripts/lib/manifest.ts";
import { Output } from "../../scripts/lib/output.ts";
import { planTargets } from "../../scripts/lib/plan.ts";
import { ConfigError } from "../../src/config.ts";
import { temporaryDirectory } from "./run-script.ts";

const SPEC = { env: true, guild: true, help: false };

describe("parseArgs", () => {
  it.each<[string[], Record<string, string>]>([
    [[], {}],
    [["--env", "staging"], { env: "staging" }],
    [["--env=staging", "--guild", "123"], { env: "staging", guild: "123" }],
    [["--help"], { help: "true" }],
  ])("parses %j", (argv, flags) => {
    expect(parseArgs(argv, SPEC)).toEqual(flags);
  });

  it.each<[string[], string]>([
    [["staging"], 'unexpected argument "staging"'],
    [["--nope"], "unknown option --nope"],
    [["--env"], "--env needs a value"],
    [["--env", "--guild", "1"], "--env needs a value"],
    [["--env="], "--env needs a value"],
    [["--env", "a", "--env", "b"], "--env given twice"],
    [["--help=yes"], "--help takes no value"],
  ])("rejects %j", (argv, message) => {
    expect(() => parseArgs(argv, SPEC)).toThrow(new UsageError(message));
  });
});

describe("loadEnvironment", () => {
  let dir: ReturnType<typeof temporaryDirectory>;
  beforeEach(() => {
    dir = temporaryDirectory();
  });
  afterEach(() => dir.remove());

  it("reads .env.<name> under the process environment, which wins", () => {
    writeFileSync(join(dir.path, ".env.staging"), 'A=file\nB="quoted value" # note\nC=file\n');
    const loaded = loadEnvironment("staging", {
      cwd: dir.path,
      processEnv: { A: "process", C: "" },
    });

    expect(loaded.vars).toMatchObject({ A: "process", B: "quoted value", C: "" });
    expect(loaded.source).toBe(".env.staging and the process environment");
  });

  it("goes on with the process environment when the file does not exist", () => {
    const loaded = loadEnvironment("ci", { cwd: dir.path, processEnv: { A: "1" } });

    expect(loaded.vars).toEqual({ A: "1" });
    expect(loaded.source).toContain("no .env.ci found");
  });

  it.each(["../secrets", "a/b", "", ".hidden"])("refuses the env name %j", (name) => {
    expect(() => loadEnvironment(name, { cwd: dir.path, processEnv: {} })).toThrow(UsageError);
  });
});

describe("readManifest", () => {
  let dir: ReturnType<typeof temporaryDirectory>;
  beforeEach(() => {
    dir = temporaryDirectory();
  });
  afterEach(() => dir.remove());

  const write = (text: string) => {
    const path = join(dir.path, "commands.json");
    writeFileSync(path, text);
    return path;
  };

  it("reads back what renderManifest wrote", () => {
    const manifest = {
      sha: "abc1234",
      generatedAt: "2026-01-01T00:00:00.000Z",
      global: [{ description: "d", name: "ping", contexts: [0] }],
      management: [],
    };
    const text = renderManifest(manifest);

    expect(readManifest(write(text))).toEqual(manifest);
    expect(text.indexOf('"name"')).toBeLessThan(text.indexOf('"contexts"'));
    expect(text.indexOf('"contexts"')).toBeGreaterThan(text.indexOf('"description"'));
  });

  it.each([
    ["not JSON", "{", /not JSON/],
    ["not an object", "[]", /not a JSON object/],
    ["no global list", '{"management": []}', /"global" must be an array/],
    ["no management list", '{"global": []}', /"management" must be an array/],
    ["a nameless command", '{"global": [{}], "management": []}', /global\[0\] is not a command/],
  ])("rejects a manifest with %s", (_, text, message) => {
    expect(() => readManifest(write(text))).toThrow(ConfigError);
    expect(() => readManifest(write(text))).toThrow(message);
  });
});

describe("planTargets", () => {
  const sets = {
    global: [{ name: "ping", description: "p" }],
    management: [{ name: "admin", description: "a" }],
  };

  it.each([
    [{}, ["global"], 1],
    [
      { managementGuildId: "200000000000000002" },
      ["global", "management (guild 200000000000000002)"],
      0,
    ],
    [{ guildId: "100000000000000001" }, ["global (guild 100000000000000001)"], 1],
    [
      { guildId: "200000000000000002", managementGuildId: "200000000000000002" },
      ["global + management (guild 200000000000000002)"],
      0,
    ],
  ])("places the sets for %j", (options, labels, warnings) => {
    const plan = planTargets(sets, {
      guildId: undefined,
      managementGuildId: undefined,
      ...options,
    });

    expect(plan.targets.map((target) => target.label)).toEqual(labels);
    expect(plan.warnings).toHaveLength(warnings);
  });
});

describe("Output", () => {
  it("redacts protected secrets and folds errors onto one line", () => {
    const lines: string[] = [];
    const out = new Output(
      (line) => lines.push(line),
      (line) => lines.push(line),
    );
    out.protect("super-secret-token-value");
    out.line("token super-secret-token-value here");
    out.error("failed\n  super-secret-token-value\n  more");

    expect(lines).toEqual(["token [redacted] here", "error: failed; [redacted]; more"]);
  });
});
