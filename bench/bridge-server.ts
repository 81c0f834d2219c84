/**
 * Child process: the Upstash REST bridge in front of the machine's Redis (BENCH_REDIS_URL),
 * with the token BENCH_UPSTASH_TOKEN. In its own process so that the load generator cannot
 * starve it (the app's 300 ms Upstash timeout would then trip and fall back to memory).
 * Answers `count` with the number of HTTP requests it has received, `status` with its CPU time.
 */
import { startUpstashBridge } from "../test/support/upstash-bridge.ts";

const bridge = await startUpstashBridge({
  redisUrl: process.env.BENCH_REDIS_URL,
  token: process.env.BENCH_UPSTASH_TOKEN,
});
process.send?.({ type: "ready", url: bridge.url });
process.on("message", (message: { type: string }) => {
  if (message.type === "count") process.send?.({ type: "count", requests: bridge.requestCount() });
  if (message.type === "status") process.send?.({ type: "status", cpu: process.cpuUsage() });
});
const shutdown = () => void bridge.close().then(() => process.exit(0));
process.once("SIGTERM", shutdown);
process.once("disconnect", shutdown);
