import { existsSync } from "node:fs";
import { ConfigError, parseConfig } from "../../src/config.ts";
import { parseVoiceNodeConfig, VoiceNodeConfigError } from "./config.ts";
import { voiceNodeExtraTasks } from "./extra-tasks.ts";
import { startVoiceNode } from "./voice-node.ts";

/** `npm run voice-node`: the long-lived process holding the gateway and Lavalink sessions. */
async function main(): Promise<void> {
  if (existsSync(".env")) process.loadEnvFile(".env");
  const config = parseVoiceNodeConfig(process.env);
  // The edge's names too (AI_*, GUILD_KEYS_MASTER_KEYS, Redis): as the long-lived worker it
  // finishes AI answers and long moderation jobs a short-lived runtime (Workers) handed over
  // (each loaded by its first job).
  const edge = parseConfig(process.env);
  const node = await startVoiceNode({ config, extraTasks: voiceNodeExtraTasks(edge) });
  console.log(`voice-node ${config.VOICE_NODE_ID} listening on :${node.port}`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: saving positions and leaving the sessions to resume…`);
    void node.shutdown().finally(() => process.exit(0));
  };
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGINT", () => stop("SIGINT"));
}

main().catch((error: unknown) => {
  const known = error instanceof VoiceNodeConfigError || error instanceof ConfigError;
  console.error(known ? (error as Error).message : error);
  process.exit(1);
});
