import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../scripts/run-script.ts";

const FIXTURE = "test/fixtures/secret-scan/leaked-bot-token.env";
const planted = readFileSync(join(ROOT, FIXTURE), "utf8").match(/^DISCORD_TOKEN=(.+)$/m)?.[1];

function secretlint(args: string[], stdin?: string) {
  const child = spawn(
    join(ROOT, "node_modules", ".bin", "secretlint"),
    ["--format", "unix", ...args],
    {
      cwd: ROOT,
      stdio: ["pipe", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stdin.end(stdin ?? "");
  return new Promise<{ status: number | null; output: string }>((resolve) =>
    child.on("close", (status) => resolve({ status, output })),
  );
}

describe("secret scanning (secretlint)", { timeout: 30_000 }, () => {
  it("fails on the planted fake bot token, naming the file and masking the token", async () => {
    expect(planted).toMatch(/^[MNO][\w-]{23,27}\.[\w-]{6}\.[\w-]{27,40}$/);
    const result = await secretlint(["--secretlintignore", "/dev/null", FIXTURE]);
    expect(result.status).toBe(1);
    expect(result.output).toContain(`${FIXTURE}:3:`);
    expect(result.output).toContain("secretlint-rule-pattern");
    expect(result.output).not.toContain(planted);
  });

  it("fails on a token pasted into a commit's diff (the history scan reads patches on stdin)", async () => {
    const patch = `diff --git a/src/x.ts b/src/x.ts\n+const token = "${planted}";\n`;
    const result = await secretlint(["--stdinFileName=git-history.patch"], patch);
    expect(result.status).toBe(1);
    expect(result.output).toContain("git-history.patch:2:");
  });

  it("passes the same file without the token, and the repo-wide scan skips the fixture by path", async () => {
    const clean = readFileSync(join(ROOT, FIXTURE), "utf8").replace(planted ?? "", "");
    const result = await secretlint(["--stdinFileName=clean.env"], clean);
    expect(result.status, result.output).toBe(0);
    const ignored = readFileSync(join(ROOT, ".secretlintignore"), "utf8").split("\n");
    expect(ignored).toContain("test/fixtures/secret-scan/");
  });
});
