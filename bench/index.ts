/**
 * `npm run bench`: prints figures, never asserts on them. Needs what `npm ci` installs plus the
 * machine's Postgres and Redis. Tuning: BENCH_DURATION and BENCH_WARMUP (seconds per load run),
 * BENCH_CONNECTIONS, BENCH_ROUNDS (part 1), BENCH_LATENCY_SAMPLES (part 3), BENCH_MUSIC_GUILDS
 * (part 4, default 100), BENCH_ECONOMY_CONNECTIONS (part 5, default 32), BENCH_ECONOMY_MIX
 * (part 5, default pay,coinflip), BENCH_UPLOAD_ENTRIES (part 7, entries a file, default 1000),
 * BENCH_UPLOADS_TOGETHER (part 7, default 4), BENCH_PROFILE_DIR (CPU profiles of the servers)
 * and BENCH_PARTS (a comma list of ping, bundle, ratelimit, music, economy, queue, uploads,
 * moderation).
 */
import { execFileSync } from "node:child_process";
import { cpus } from "node:os";
import { requireServices } from "../test/support/services.ts";
import { measureBundleSize } from "./bundle-size.ts";
import { measureEconomyLoad } from "./economy-load.ts";
import { type BenchEnvironment, startBenchEnvironment } from "./environment.ts";
import { loadSettings } from "./load.ts";
import { type JobRun, measureModerationJobs } from "./moderation-jobs.ts";
import { measureVoiceNode } from "./music-node.ts";
import { measurePickup } from "./music-pickup.ts";
import { measureShuffle } from "./music-queue-edits.ts";
import { measureUploads, type UploadRound } from "./music-uploads.ts";
import { measurePingThroughput, median } from "./ping-throughput.ts";
import { measureRateLimitPath } from "./rate-limit-path.ts";
import { count, kib, ms, printSection, ratio, verdict } from "./report.ts";

const PING_TARGET = 0.85;
const ECONOMY_TARGET_OPS = 500;
const BUNDLE_TARGET_KIB = 250;

const settings = loadSettings();
const parts = new Set(
  (process.env.BENCH_PARTS ?? "ping,bundle,ratelimit,music,economy,queue,uploads,moderation").split(
    ",",
  ),
);
const failures = (n: number) => (n > 0 ? ` (${count(n)} failed!)` : "");

console.log(
  `Chopsticks benchmarks — Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim()}; ` +
    `load runs: ${settings.warmupSeconds} s warm-up, then ${settings.durationSeconds} s, ` +
    `${settings.connections} connections (autocannon), each server in its own process`,
);

async function pingPart(env: BenchEnvironment) {
  const r = await measurePingThroughput(env, settings);
  const [floor, adapterFloor, app] = [median(r.floor), median(r.adapterFloor), median(r.app)];
  const perRound = r.app.map((rps, i) => rps / (r.floor[i] ?? rps));
  const rate = (rps: number, runs: number[]) =>
    `${count(rps)} req/s  (${runs.map(count).join(", ")})`;
  printSection(
    `1. Signed PING throughput (POST /interactions, one body signed once; median of ${r.app.length} rounds)`,
    [
      "The real Node app (createNodeApp + @hono/node-server) against the floor: a node:http server",
      "doing one cached WebCrypto Ed25519 verify of the same body and nothing else.",
    ],
    [
      { label: "floor: node:http + verify", value: rate(floor, r.floor) },
      {
        label: "floor: @hono/node-server + verify",
        value: rate(adapterFloor, r.adapterFloor),
        target: "the app's HTTP adapter alone",
      },
      { label: "app: PING", value: rate(app, r.app) },
      {
        label: "app ÷ floor",
        value: ratio(app / floor),
        target:
          `target ≥ ${PING_TARGET} × floor: ${verdict(app / floor >= PING_TARGET)}` +
          ` (per round ${perRound.map(ratio).join(", ")})`,
      },
      {
        label: "app ÷ adapter floor",
        value: ratio(app / adapterFloor),
        target: "what Hono routing, body limit, parsing and the app add",
      },
      {
        label: "failed requests (non-2xx, errors)",
        value: count(r.failures),
        target: "expected 0",
      },
    ],
  );
}

async function bundlePart() {
  const b = await measureBundleSize();
  printSection(
    '2. Worker bundle (wrangler deploy --dry-run --minify --env="")',
    ["What Cloudflare would receive for src/worker.ts, gzipped as it is uploaded."],
    [
      { label: "worker.js, minified", value: kib(b.raw) },
      {
        label: "worker.js, gzip",
        value: kib(b.gzip),
        target: `target ≤ ${BUNDLE_TARGET_KIB} KiB: ${verdict(b.gzip / 1024 <= BUNDLE_TARGET_KIB)}`,
      },
      { label: "wrangler's own figure", value: b.wranglerSays ?? "(not printed)" },
    ],
  );
}

async function rateLimitPart(env: BenchEnvironment) {
  const r = await measureRateLimitPath(env, settings);
  const added = (q: "median" | "p95") => r.helpLatency[q] - r.pingLatency[q];
  printSection(
    "3. Rate-limit path (/help: guild-controls cache read + user and guild limit checks)",
    [
      "Redis is the machine's Redis behind the local Upstash REST bridge (its own process). Every",
      "/help comes from a distinct user id and the load spreads over 500 guilds, so the limiter",
      "never has reason to refuse: this prices the checks, not refusals. PING skips the gate.",
      "Round trips are counted in the app (Upstash requests sent before the response was ready,",
      "then after its post-response work finished) and cross-checked at the bridge. The bridge",
      "and Redis share this machine's CPUs with the app and autocannon; Upstash would not.",
      `Throughput uses ${settings.connections} connections: each /help waits on a bridge round trip,`,
      "so unless the app's CPU row shows it saturated, /help is bound by that latency.",
    ],
    [
      {
        label: `round trips before the response (${r.steady.interactions} × /help, cached guild)`,
        value: r.steady.requestPath.toFixed(2),
        target: "target 1: cache read and both limits share one pipeline",
      },
      {
        label: "round trips in all, incl. post-response metrics flush",
        value: r.steady.total.toFixed(2),
        target: `bridge counted ${r.steady.totalAtBridge.toFixed(2)}; expected 2 (+1 flush)`,
      },
      {
        label: `round trips before the response (${r.coldGuild.interactions} × /help, new guild)`,
        value: r.coldGuild.requestPath.toFixed(2),
        target: "cache miss: controls read from Postgres, cache filled in the background",
      },
      {
        label: "round trips in all, new guild",
        value: r.coldGuild.total.toFixed(2),
        target: `bridge counted ${r.coldGuild.totalAtBridge.toFixed(2)}`,
      },
      {
        label: `latency PING, one at a time (n=${r.latencySamples})`,
        value: `${ms(r.pingLatency.median)} / ${ms(r.pingLatency.p95)}`,
        target: "median / p95",
      },
      {
        label: `latency /help, one at a time (n=${r.latencySamples})`,
        value: `${ms(r.helpLatency.median)} / ${ms(r.helpLatency.p95)}`,
        target: "median / p95",
      },
      {
        label: "added by the rate-limited path",
        value: `${ms(added("median"))} / ${ms(added("p95"))}`,
        target: "median / p95 (no target set; one local bridge round trip)",
      },
      {
        label: "throughput PING",
        value: `${count(r.ping.requestsPerSecond)} req/s`,
        target: failures(r.ping.failures),
      },
      {
        label: "throughput /help",
        value: `${count(r.help.requestsPerSecond)} req/s`,
        target: failures(r.help.failures),
      },
      {
        label: "/help ÷ PING",
        value: ratio(r.help.requestsPerSecond / r.ping.requestsPerSecond),
        target: "no target set",
      },
      {
        label: "CPU during the /help run: app / bridge / Redis / autocannon",
        value: [r.helpCpu.app, r.helpCpu.bridge, r.helpCpu.redis, r.helpCpu.loadGenerator]
          .map((share) => `${Math.round(share * 100)}%`)
          .join(" / "),
        target: `of one CPU each; this machine has ${cpus().length}`,
      },
      {
        label: "warnings the app logged during this part",
        value:
          Object.entries(r.appWarnings)
            .map(([event, n]) => `${event} × ${n}`)
            .join(", ") || "none",
        target: "redis.unavailable would mean a fallback to memory",
      },
      {
        label: "refused by the limiter during this part",
        value: count(r.refusals),
        target: `expected 0; the app counted ${count(r.helpCounted)} /help in all`,
      },
    ],
  );
}

const PICKUP_TARGET_MS = 50;
const IDLE_RSS_TARGET_MIB = 100;

async function musicPart() {
  const { databaseUrl } = await requireServices();
  const pickup = await measurePickup(databaseUrl, 500);
  const guilds = Number(process.env.BENCH_MUSIC_GUILDS ?? 100);
  // As the Docker image runs it (bundled by `npm run voice-node:build`), and through tsx.
  execFileSync("npm", ["run", "-s", "voice-node:build"], { stdio: "inherit" });
  const node = await measureVoiceNode(databaseUrl, guilds, 20, true);
  const viaTsx = await measureVoiceNode(databaseUrl, 1, 1, false);
  printSection(
    "4. Music: job pickup, voice-node memory and CPU",
    [
      "Pickup: a job added as the edge adds it (plain SQL add_job over node-postgres) until",
      "graphile-worker starts it (LISTEN/NOTIFY), one at a time, each in its own guild queue.",
      "Voice-node: `npm run voice-node` in its own process against the fake Discord REST and",
      "gateway and the simulated Lavalink playing in real time (a playerUpdate per player every",
      "5 s, positions batched into Postgres). The image runs the esbuild bundle of the voice-node",
      "(`npm run voice-node:build`, dependencies external); `npm run voice-node` runs it via tsx.",
    ],
    [
      { label: `enqueue → pickup p50 (n=${pickup.samples})`, value: ms(pickup.p50) },
      {
        label: "enqueue → pickup p99",
        value: ms(pickup.p99),
        target: `target ≤ ${PICKUP_TARGET_MS} ms: ${verdict(pickup.p99 <= PICKUP_TARGET_MS)} (max ${ms(pickup.max)})`,
      },
      {
        label: "voice-node idle RSS (bundled, as in the image)",
        value: `${node.idleRssMiB.toFixed(1)} MiB`,
        target: `target ≤ ${IDLE_RSS_TARGET_MIB} MB: ${verdict(node.idleRssMiB * 1.048576 <= IDLE_RSS_TARGET_MIB)}`,
      },
      {
        label: `voice-node CPU, ${node.playing}/${node.guilds} guilds playing`,
        value: `${(node.cpuShare * 100).toFixed(1)}%`,
        target: `of one CPU over ${node.windowSeconds.toFixed(0)} s (no target set)`,
      },
      { label: "voice-node RSS while they play", value: `${node.rssPlayingMiB.toFixed(1)} MiB` },
      {
        label: `time until ${node.playing}/${node.guilds} played`,
        value: `${node.startSeconds.toFixed(1)} s`,
        target: "joins go through the gateway: ~115 commands a minute a shard",
      },
      {
        label: "voice-node idle RSS via tsx (npm run voice-node)",
        value: `${viaTsx.idleRssMiB.toFixed(1)} MiB`,
        target: "tsx's TypeScript loader and source maps add this much",
      },
    ],
  );
}

async function queuePart() {
  const urls = await requireServices();
  const r = await measureShuffle(urls, 500, 100);
  const row = (label: string, l: { p50: number; p99: number; max: number }) => ({
    label,
    value: `p50 ${ms(l.p50)}`,
    target: `p99 ${ms(l.p99)}, max ${ms(l.max)}`,
  });
  printSection(
    `6. Music queue edits: shuffle + unshuffle on a ${r.tracks}-track queue (n=${r.rounds})`,
    [
      "As the edge runs them on Node: one Postgres transaction each (node-postgres, the guild's",
      "player row locked, every upcoming track re-keyed in one statement), the snapshot read and",
      "written in Redis over TCP. Each unshuffle is checked to give back the order exactly.",
    ],
    [
      row("shuffle", r.shuffle),
      row("unshuffle", r.unshuffle),
      row("shuffle + unshuffle", r.pair),
      { label: "order restored exactly", value: r.exact ? "yes" : "NO" },
    ],
  );
}

async function uploadsPart() {
  const { databaseUrl } = await requireServices();
  const entries = Math.round(Number(process.env.BENCH_UPLOAD_ENTRIES ?? 1000));
  const together = Math.round(Number(process.env.BENCH_UPLOADS_TOGETHER ?? 4));
  execFileSync("npm", ["run", "-s", "voice-node:build"], { stdio: "inherit" });
  const r = await measureUploads(databaseUrl, entries, together);
  const rows = (label: string, u: UploadRound) => [
    {
      label: `${label}: entries / s`,
      value: count(u.entriesPerSecond),
      target: `${count(u.entries)} entries in ${u.seconds.toFixed(1)} s`,
    },
    {
      label: `${label}: voice-node CPU per 1000 entries`,
      value: ms(u.cpuMsPer1000),
      target: "user + system time of the voice-node process",
    },
    {
      label: `${label}: added / not found / skipped`,
      value: `${count(u.added)} / ${count(u.notFound)} / ${count(u.skipped)}`,
      target: `expected ${count(u.entries * 0.99)} / ${count(u.entries * 0.01)} / 0; ${count(u.edits)} response edits`,
    },
  ];
  printSection(
    `7. Music: playlist upload throughput (${count(entries)}-entry files, fake Lavalink)`,
    [
      "The bundled voice-node in its own process takes playlist_shard_0 jobs from graphile-worker",
      "and runs the real upload task: batches of 25, 5 loadtracks at once against the simulated",
      "Lavalink (answers at once: this prices the voice-node's path, not YouTube's search), each",
      "batch appended to the Postgres queue with the upload's cursor in one transaction, progress",
      "edited into the fake Discord every 1.5 s. Timed from the enqueue to the upload's 'done' row.",
      `One upload alone, then ${together} at once in ${together} guilds (2 run at a time: the upload slots).`,
    ],
    [...rows("alone", r.alone), ...rows(`${together} at once`, r.together)],
  );
}

async function moderationPart() {
  const { databaseUrl, redisUrl } = await requireServices();
  const worker = await measureModerationJobs(databaseUrl, redisUrl, true);
  const cron = await measureModerationJobs(databaseUrl, redisUrl, false);
  const line = (r: JobRun, mode: string) =>
    `${r.seconds.toFixed(1)} s, ${count(r.apiCalls)} API calls (${count(r.edits)} response edits), ` +
    `${count(r.rateLimited)} × 429, ${count(r.invalidRequests)} invalid` +
    (mode === "cron" ? `, ${count(r.ticks)} scheduled runs` : "") +
    (r.ok ? "" : " — NOT ALL DONE!");
  const rows = (name: string, w: JobRun, c: JobRun) => [
    { label: `${name}, with the worker`, value: line(w, "worker") },
    { label: `${name}, cron only`, value: line(c, "cron") },
  ];
  printSection(
    "8. Moderation jobs: 500-channel lockdown and unlock, 1000-id massban (simulated Discord)",
    [
      "Signed interactions into the Node app; the simulated Discord enforces 50 requests/s per bot,",
      "per-route buckets with X-RateLimit headers and the invalid-request ledger. Each job runs 20 s",
      "in the request (MODERATION_RUN_BUDGET_MS, Workers' waitUntil) and is then handed over: to",
      "graphile-worker's moderation_job task (with the worker, a fresh heartbeat), or to the",
      "scheduled work run back to back (cron only: a real cron adds up to 60 s per scheduled run).",
      "Massban: file of 1000 ids, preview (1000 member lookups), Confirm, 5 bulk-bans of 200.",
      "Jobs share a 40 requests/s budget in Redis; 'invalid' counts toward Discord's 10,000 / 10 min ban.",
    ],
    [
      ...rows("lockdown 500", worker.lockdown, cron.lockdown),
      ...rows("unlock 500", worker.unlock, cron.unlock),
      ...rows("massban 1000", worker.massban, cron.massban),
    ],
  );
}

async function economyPart(env: BenchEnvironment) {
  const connections = Math.round(Number(process.env.BENCH_ECONOMY_CONNECTIONS ?? 32));
  const r = await measureEconomyLoad(env, {
    connections,
    seconds: settings.durationSeconds,
    warmupSeconds: settings.warmupSeconds,
    maxRequests: 30_000,
  });
  const ok = r.ok.pay + r.ok.coinflip;
  printSection(
    "5. Economy: concurrent /pay and /coinflip (signed POST /interactions, real Postgres)",
    [
      `${connections} requests in flight, each a distinct interaction (half /pay, half /coinflip),`,
      "spread over 20 members a guild so the economy bucket (10/60 s a member, 200/60 s a guild)",
      "never refuses. Each is one Postgres transaction with its postings and ledger entries",
      "(synchronous commit: every answer is durable). Then the ledger is checked in full.",
    ],
    [
      {
        label: "operations / s",
        value: count(r.opsPerSecond),
        target: `target ≥ ${ECONOMY_TARGET_OPS}/s: ${verdict(r.opsPerSecond >= ECONOMY_TARGET_OPS)}`,
      },
      {
        label: "latency p50 / p99 / max",
        value: `${ms(r.latency.p50)} / ${ms(r.latency.p99)} / ${ms(r.latency.max)}`,
      },
      {
        label: "app CPU per operation",
        value: ms(r.appCpuPerOpMs),
        target: "what one /pay or /coinflip costs the app, whatever else the machine runs",
      },
      {
        label: "CPU during the run: app / bridge / Redis / load generator",
        value: [r.cpu.app, r.cpu.bridge, r.cpu.redis, r.cpu.loadGenerator]
          .map((share) => `${Math.round(share * 100)}%`)
          .join(" / "),
        target: `of one CPU each; this machine has ${cpus().length} (Postgres not counted)`,
      },
      {
        label: `succeeded in ${r.seconds.toFixed(1)} s`,
        value: count(ok),
        target: `${count(r.ok.pay)} /pay, ${count(r.ok.coinflip)} /coinflip`,
      },
      {
        label: "failed / refused by the limiter",
        value: `${count(r.failures)} / ${count(r.refused)}`,
        target: `expected 0 / 0${r.failureSamples.length ? ` — e.g. ${r.failureSamples.join("; ")}` : ""}`,
      },
      {
        label: "ledger invariant",
        value: r.audit.problems.length === 0 ? "holds" : "BROKEN",
        target:
          r.audit.problems.length === 0
            ? `${count(r.audit.accounts)} accounts sum to 0 per guild, balances = entries (${count(r.audit.entries)}), none below 0`
            : r.audit.problems.slice(0, 3).join("; "),
      },
      {
        label: "postings for the successful requests",
        value: count(r.postings),
        target: `expected ${count(ok)} (one each)`,
      },
    ],
  );
}

let env: BenchEnvironment | undefined;
try {
  if (parts.has("ping") || parts.has("ratelimit") || parts.has("economy"))
    env = await startBenchEnvironment();
  if (env && parts.has("ping")) await pingPart(env);
  if (parts.has("bundle")) await bundlePart();
  if (env && parts.has("ratelimit")) await rateLimitPart(env);
  if (parts.has("music")) await musicPart();
  if (parts.has("queue")) await queuePart();
  if (parts.has("uploads")) await uploadsPart();
  if (env && parts.has("economy")) await economyPart(env);
  if (parts.has("moderation")) await moderationPart();
} finally {
  await env?.close();
}
