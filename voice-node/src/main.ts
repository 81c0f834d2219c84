import { existsSync } from "node:fs";
import { parseVoiceNodeConfig, VoiceNodeConfigError } from "./config.ts";
import { startVoiceNode } from "./voice-node.ts";

/** `npm run voice-node`: the long-lived process holding the gateway and Lavalink sessions. */
async function main(): Promise<void> {
  if (existsSync(".env")) process.loadEnvFile(".env");
  const config = parseVoiceNodeConfig(process.env);
  const node = await startVoiceNode({ config });
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
  console.error(error instanceof VoiceNodeConfigError ? error.message : error);
  process.exit(1);
});
