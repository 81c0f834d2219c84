import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";

/** What part 2 measured, in bytes. */
export interface BundleSize {
  raw: number;
  gzip: number;
  /** Wrangler's own "Total Upload" line, for comparison. */
  wranglerSays: string | null;
}

/**
 * Part 2: the Worker as `wrangler deploy` would upload it (minified, top-level environment),
 * built with --dry-run into a temporary directory, gzipped here (level 6, like `gzip`).
 */
export async function measureBundleSize(): Promise<BundleSize> {
  const outdir = await mkdtemp(join(tmpdir(), "chopsticks-bundle-"));
  try {
    const { stdout } = await promisify(execFile)(
      "npx",
      ["wrangler", "deploy", "--dry-run", "--outdir", outdir, "--minify", "--env="],
      { env: { ...process.env, WRANGLER_SEND_METRICS: "false", NO_COLOR: "1" } },
    );
    const worker = await readFile(join(outdir, "worker.js"));
    return {
      raw: worker.length,
      gzip: gzipSync(worker, { level: 6 }).length,
      wranglerSays: /Total Upload: ([^\n]+)/.exec(stdout)?.[1]?.trim() ?? null,
    };
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}
