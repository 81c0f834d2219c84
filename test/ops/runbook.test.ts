import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ROOT } from "../scripts/run-script.ts";
import { flaggedCommands, missingCommands, type RepoFacts } from "./runbook-commands.ts";

const read = (path: string) => readFileSync(join(ROOT, path), "utf8");
const runbook = read("docs/runbook.md");

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Routes the edge serves: every `app.<method>("/path"` outside the playground stand-in. */
function edgeRoutes(): Set<string> {
  const routes = new Set<string>();
  for (const file of sourceFiles("src/http")) {
    for (const [, route] of readFileSync(file, "utf8").matchAll(
      /\bapp\.(?:get|post|put|patch|delete)\(\s*"([^"]+)"/g,
    )) {
      if (route) routes.add(route);
    }
  }
  return routes;
}

const facts: RepoFacts = {
  npmScripts: (JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts,
  routes: edgeRoutes(),
  composeServices: new Set(
    Object.keys((parse(read("compose.yaml")) as { services: object }).services),
  ),
  fileExists: (path) => existsSync(join(ROOT, path)),
};

describe("docs/runbook.md", () => {
  it("covers each section of the reference runbook", () => {
    for (const section of [
      /## 1\. P1: Bot offline/,
      /## 2\. P2: Commands returning errors/,
      /## 3\. P2: Database connection failure/,
      /## 4\. P2: Redis down/,
      /## 5\. P2: Voice \/ Lavalink down/,
      /## 6\. P2: Rate-limit alerts/,
      /## 7\. P1: Security: possible token leak/,
    ]) {
      expect(runbook).toMatch(section);
    }
    for (const alert of read("ops/prometheus/alerts.yml").matchAll(/alert: (\w+)/g)) {
      expect(runbook, `${alert[1]} is not in the runbook`).toContain(alert[1]);
    }
  });

  it("lists every numbered section (6a too) in its index table, linked by its heading's anchor", () => {
    const index = runbook.slice(0, runbook.indexOf("\n## "));
    const anchor = (heading: string) =>
      heading
        .toLowerCase()
        .replace(/[^a-z0-9 _-]/g, "")
        .replace(/ /g, "-");
    const headings = [...runbook.matchAll(/^## (\d+[a-z]?)\. (.+)$/gm)].filter(
      ([, number]) => number !== "0",
    );
    expect(headings.map(([, number]) => number)).toContain("6a");
    for (const [, number, title] of headings) {
      expect(index, `section ${number} is not in the index`).toMatch(
        new RegExp(`^\\| ${number} +\\| \\[[^\\]]+\\]\\(#${anchor(`${number}. ${title}`)}\\)`, "m"),
      );
    }
  });

  it("names only npm scripts, files, edge routes and compose services that exist", () => {
    expect(missingCommands(runbook, facts)).toEqual([]);
    expect(facts.routes).toEqual(
      new Set(["/interactions", "/health", "/metrics", "/admin/db-pool", "/admin/scheduled"]),
    );
  });

  it("links docs/scaling.md, which also names only scripts, files, routes and services that exist", () => {
    expect(runbook).toContain("(scaling.md)");
    expect(read("README.md")).toContain("(docs/scaling.md)");
    expect(missingCommands(read("docs/scaling.md"), facts)).toEqual([]);
  });

  it("would catch a command that does not exist", () => {
    const broken = [
      "```bash",
      "npm run deploy-comands -- --env production",
      "node scripts/rotate-everything.mjs --env production",
      'curl -s "$EDGE_URL/admin/restart"',
      "docker compose restart bot",
      "docker compose logs --tail 100 grafana",
      "docker compose frobnicate",
      "```",
      "Or run `bash ops/missing.sh`.",
    ].join("\n");
    expect(missingCommands(broken, facts)).toEqual([
      "npm run deploy-comands: no such script",
      "scripts/rotate-everything.mjs: no such file",
      "ops/missing.sh: no such file",
      "/admin/restart: no such route on the edge",
      'docker compose restart: no service "bot" in compose.yaml',
      'docker compose logs: no service "grafana" in compose.yaml',
      "docker compose frobnicate: not a compose command",
    ]);
  });

  it("passes only flags each script and wrangler command accepts (from their --help)", {
    timeout: 300_000,
  }, () => {
    const commands = flaggedCommands(runbook);
    expect(commands.map((c) => c.command)).toEqual(
      expect.arrayContaining([
        "node scripts/check-token.mjs",
        "node scripts/audit-bot-actions.mjs",
        "node scripts/check-commands.mjs",
        "npm run deploy-commands",
        "npm run ledger:audit",
        "node scripts/verify-game.mjs",
        "npx wrangler tail",
        "npx wrangler rollback",
      ]),
    );
    for (const { command, flags } of commands) {
      const [tool, ...rest] = command.split(" ");
      let argv: string[];
      if (tool === "node") argv = [process.execPath, ...rest];
      else if (tool === "npx")
        argv = [join(ROOT, "node_modules", ".bin", rest[0] ?? ""), ...rest.slice(1)];
      else {
        const script = facts.npmScripts[rest[1] ?? ""] ?? "";
        const [bin, ...args] = script.split(" ");
        argv = [join(ROOT, "node_modules", ".bin", bin ?? ""), ...args];
      }
      if (argv.length === 0 || flags.length === 0) continue;
      const help = spawnSync(argv[0] ?? "", [...argv.slice(1), "--help"], {
        cwd: ROOT,
        encoding: "utf8",
        timeout: 60_000,
        env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" },
      });
      expect(help.status, `${command} --help: ${help.stderr}`).toBe(0);
      for (const flag of flags) {
        expect(`${help.stdout}${help.stderr}`, `${command} does not take ${flag}`).toContain(flag);
      }
    }
  });
});
