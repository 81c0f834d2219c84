/**
 * Child process: the real app as `npm start` builds it on Node (createNodeApp with
 * node-postgres and Upstash REST), configured from the JSON in BENCH_APP_ENV, served by
 * @hono/node-server on 127.0.0.1.
 *
 * It also counts the HTTP requests it sends to Upstash (a `fetch` wrapper installed before the
 * app loads). When the parent asks `trips:start`, each /interactions request records how many
 * it sent before its response was ready: the request-path round trips. Post-response work
 * cannot be among them: it is only flushed from a timer after the response is produced.
 * Meaningful only while requests arrive one at a time.
 */
import { mkdtempSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";

const env = JSON.parse(process.env.BENCH_APP_ENV ?? "{}") as Record<string, string>;
const upstashUrl = env.UPSTASH_REDIS_REST_URL ?? "\0";

let upstashRequests = 0;
const realFetch = globalThis.fetch;
globalThis.fetch = (input, init) => {
  const url = input instanceof Request ? input.url : String(input);
  if (url.startsWith(upstashUrl)) upstashRequests++;
  return realFetch(input, init);
};

const { parseConfig } = await import("../src/config.ts");
const { createLogger } = await import("../src/platform/logger.ts");
const { createNodeApp } = await import("../src/runtime/node-app.ts");
const config = parseConfig(env);
// Warnings and errors are counted by event (e.g. `redis.unavailable`: a fallback to memory
// that would make the Redis figures meaningless) and still printed.
const warnings: Record<string, number> = {};
const node = await createNodeApp({
  config,
  dataDir: mkdtempSync(join(tmpdir(), "chopsticks-bench-")),
  log: createLogger({
    level: config.LOG_LEVEL,
    secrets: [config.DISCORD_TOKEN, config.UPSTASH_REDIS_REST_TOKEN],
    write: (line, level) => {
      if (level === "warn" || level === "error") {
        const event = String((JSON.parse(line) as { event?: unknown }).event);
        warnings[event] = (warnings[event] ?? 0) + 1;
      }
      console.log(line);
    },
  }),
});

let samples: number[] | null = null;
const server = serve({
  hostname: "127.0.0.1",
  port: 0,
  fetch: async (request) => {
    const before = upstashRequests;
    const response = await node.app.fetch(request);
    samples?.push(upstashRequests - before);
    return response;
  },
});

server.once("listening", () => {
  const { port } = server.address() as AddressInfo;
  process.send?.({ type: "ready", url: `http://127.0.0.1:${port}` });
});

process.on("message", (message: { type: string }) => {
  if (message.type === "status") {
    process.send?.({ type: "status", warnings, cpu: process.cpuUsage() });
  } else if (message.type === "idle") {
    void node.tasks.idle().then(() => process.send?.({ type: "idle" }));
  } else if (message.type === "trips:start") {
    samples = [];
    process.send?.({ type: "trips:start", upstashRequests });
  } else if (message.type === "trips:stop") {
    // Everything after the responses (cache fills, the metrics flush) has run once idle.
    void node.tasks.idle().then(() => {
      process.send?.({ type: "trips:stop", samples, upstashRequests });
      samples = null;
    });
  }
});

function shutdown() {
  server.close();
  (server as { closeAllConnections?: () => void }).closeAllConnections?.();
  void node.close().then(() => process.exit(0));
}
process.once("SIGTERM", shutdown);
// The parent went away without stopping us (it crashed or was killed).
process.once("disconnect", shutdown);
