import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseEnv } from "node:util";
import { DockerfileParser } from "dockerfile-ast";
import { describe, expect, it } from "vitest";
import { PRODUCTION_REQUIRED } from "../../src/config.ts";
import { ROOT } from "../scripts/run-script.ts";

const read = (path: string) => readFileSync(join(ROOT, path), "utf8");
const dockerfile = DockerfileParser.parse(read("Dockerfile"));
const instructions = dockerfile.getInstructions();
const finalStage = instructions.slice(
  instructions.findLastIndex((instruction) => instruction.getKeyword() === "FROM"),
);
const args = (keyword: string) =>
  finalStage
    .filter((instruction) => instruction.getKeyword() === keyword)
    .map((instruction) => instruction.getArgumentsContent() ?? "");

describe("Dockerfile (the edge on Node)", () => {
  it("builds on a slim Node 20 image", () => {
    for (const from of dockerfile.getFROMs()) {
      expect(from.getImageName()).toBe("node");
      expect(from.getImageTag()).toMatch(/^20[\w.-]*-slim$/);
    }
  });

  it("runs as a non-root user, in production mode, the same entry as npm start", () => {
    const user = args("USER");
    expect(user).toHaveLength(1);
    expect(user[0]).not.toMatch(/^(root|0)(:|$)/);
    const userAt = finalStage.findIndex((i) => i.getKeyword() === "USER");
    const cmdAt = finalStage.findIndex((i) => i.getKeyword() === "CMD");
    expect(userAt).toBeLessThan(cmdAt);
    expect(args("ENV").join(" ")).toMatch(/NODE_ENV=production/);
    expect(args("CMD")).toEqual(['["node", "--import", "tsx", "src/node.ts"]']);
  });

  it("has a HEALTHCHECK on /health with a timeout", () => {
    const healthchecks = dockerfile.getHEALTHCHECKs();
    expect(healthchecks).toHaveLength(1);
    const healthcheck = healthchecks[0]?.getTextContent();
    expect(healthcheck).toMatch(/--timeout=\d+s/);
    expect(healthcheck).toMatch(/CMD .*\/health/);
    expect(healthcheck).toMatch(/AbortSignal\.timeout/);
  });

  it("installs production dependencies only and copies no secrets into the image", () => {
    expect(
      dockerfile
        .getInstructions()
        .some((i) => /npm ci --omit=dev/.test(i.getArgumentsContent() ?? "")),
    ).toBe(true);
    const ignore = read(".dockerignore")
      .split("\n")
      .filter((line) => line && !line.startsWith("#"));
    expect(ignore[0]).toBe("**");
    expect(
      ignore.filter((line) => line.startsWith("!")).some((line) => /env|\.dev\.vars/.test(line)),
    ).toBe(false);
  });
});

/** Runs the image's command (outside Docker) with exactly `env`; resolves status and output. */
function startEdge(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", "src/node.ts"], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  // Refusing takes a moment; an edge that started instead is stopped rather than left running.
  const stop = setTimeout(() => child.kill("SIGKILL"), 15_000);
  return new Promise<{ status: number | null; output: string }>((resolve) =>
    child.on("close", (status) => {
      clearTimeout(stop);
      resolve({ status, output });
    }),
  );
}

describe("a compose .env missing a required secret", () => {
  const filled: Record<string, string> = {
    DISCORD_PUBLIC_KEY: "ab".repeat(32),
    DISCORD_APPLICATION_ID: "123456789012345678",
    DISCORD_TOKEN: "MTIzNDU2Nzg5MDEyMzQ1Njc4.compose-test.secret-value-xyz",
    ADMIN_API_SECRET: "compose-test-admin-secret",
    DATABASE_URL: "postgres://postgres@127.0.0.1:1/never",
  };

  it("lists exactly the secrets the example file leaves for the operator", () => {
    const example = parseEnv(read(".env.compose.example"));
    expect(
      Object.keys(filled)
        .filter((name) => name !== "DATABASE_URL")
        .every((n) => n in example),
    ).toBe(true);
  });

  it.each(PRODUCTION_REQUIRED.map((name) => [name]))(
    "without %s: the edge refuses to start, in one line naming it",
    async (name) => {
      const env = { ...filled };
      delete env[name];
      const { status, output } = await startEdge(env);
      expect(status).toBe(1);
      expect(output.trim().split("\n")).toEqual([
        `Invalid configuration: ${name} is required when NODE_ENV=production (set it in .env)`,
      ]);
      for (const secret of [filled.DISCORD_TOKEN, filled.ADMIN_API_SECRET]) {
        expect(output).not.toContain(secret);
      }
    },
    30_000,
  );
});
