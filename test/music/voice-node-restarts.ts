import { afterAll, beforeAll } from "vitest";
import { type MusicWorld, startMusicWorld, voiceNodeEnv } from "../support/music-world.ts";
import { spawnVoiceNode, type VoiceNodeProcess } from "../support/voice-node-process.ts";

/** A music world whose voice-nodes run as their own processes, to be killed and restarted. */
export interface VoiceNodeRestarts {
  /** The world, once the suite's `beforeAll` has started it. */
  readonly world: MusicWorld;
  /** Spawns a voice-node (`npm run voice-node`) on any free port against the world. */
  start(): VoiceNodeProcess;
  /** Polls `check` every 25 ms until it holds; throws after `timeoutMs` (default `waitMs`). */
  until(check: () => boolean | Promise<boolean>, timeoutMs?: number): Promise<void>;
}

/**
 * Registers the suite's hooks: starts a music world before all tests; after them, kills
 * (SIGKILL) every voice-node {@link VoiceNodeRestarts.start} spawned and closes the world.
 */
export function voiceNodeRestarts(options: { waitMs: number }): VoiceNodeRestarts {
  let world: MusicWorld | undefined;
  const processes: VoiceNodeProcess[] = [];
  beforeAll(async () => {
    world = await startMusicWorld();
  }, 60_000);
  afterAll(async () => {
    for (const p of processes) await p.stop("SIGKILL");
    await world?.close();
  });
  const started = (): MusicWorld => {
    if (!world) throw new Error("the music world is not started (used outside a test?)");
    return world;
  };
  return {
    get world() {
      return started();
    },
    start() {
      const child = spawnVoiceNode({
        ...voiceNodeEnv(started()),
        VOICE_NODE_PORT: "0",
        LOG_LEVEL: "info",
      });
      processes.push(child);
      return child;
    },
    async until(check, timeoutMs = options.waitMs) {
      const since = Date.now();
      while (!(await check())) {
        if (Date.now() - since > timeoutMs) throw new Error("condition not met in time");
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
  };
}
