import type { DatabaseHandle } from "../../src/adapters/db/drizzle.ts";
import type { InProcessJobQueue } from "../../src/adapters/jobs/in-process-queue.ts";
import { PLAYGROUND, type SimState, setGatewayUrl } from "../../src/dev/discord-sim/index.ts";
import {
  type GatewaySim,
  simVoiceWorld,
  startGatewaySim,
} from "../../src/dev/gateway-sim/index.ts";
import {
  acceleratedClock,
  type LavalinkSim,
  startLavalinkSim,
} from "../../src/dev/lavalink-sim/index.ts";
import type { Logger } from "../../src/ports/index.ts";
import { parseVoiceNodeConfig } from "./config.ts";
import { startVoiceNode, type VoiceNode } from "./voice-node.ts";

/** Playground tracks play this many times faster than real time (a song lasts seconds). */
export const PLAYGROUND_MUSIC_SPEED = 20;

/** Options of {@link startPlaygroundVoice}. */
export interface PlaygroundVoiceOptions {
  /** The local Discord stand-in's state: the gateway reads its guild and voice states. */
  state: SimState;
  /** The embedded database the edge uses. */
  database: DatabaseHandle;
  /** The in-process job queue the edge enqueues into (embedded database)… */
  jobs?: InProcessJobQueue;
  /** …or the Postgres the edge enqueues into with graphile-worker. */
  databaseUrl?: string;
  /** The stand-in's REST base (`…/_local/discord/api`). */
  apiBase: string;
  botToken: string;
  applicationId: string;
  log: Logger;
  /** Playback speed-up; default {@link PLAYGROUND_MUSIC_SPEED}. */
  speed?: number;
}

/** The playground's music: a local gateway, a Lavalink stand-in and the voice-node, in-process. */
export interface PlaygroundVoice {
  readonly gateway: GatewaySim;
  readonly lavalink: LavalinkSim;
  readonly node: VoiceNode;
  /** Where the edge asks for `/music play` suggestions: the node's HTTP on 127.0.0.1. */
  readonly search: { baseUrl: string; secret: string };
  close(): Promise<void>;
}

/**
 * Runs the voice-node inside `npm start` with nothing configured: the same code as
 * `npm run voice-node`, against a simulated gateway (sharing the stand-in's voice states) and
 * a simulated Lavalink that plays in accelerated time. Jobs arrive through the in-process queue.
 */
export async function startPlaygroundVoice(
  options: PlaygroundVoiceOptions,
): Promise<PlaygroundVoice> {
  const lavalink = await startLavalinkSim({
    password: `playground-${crypto.randomUUID()}`,
    clock: acceleratedClock(options.speed ?? PLAYGROUND_MUSIC_SPEED),
    tickMs: 250,
  });
  const gateway = await startGatewaySim({
    token: options.botToken,
    botUserId: PLAYGROUND.botUserId,
    applicationId: options.applicationId,
    world: simVoiceWorld(options.state),
  });
  setGatewayUrl(options.state, gateway.url);
  const config = parseVoiceNodeConfig({
    // Without Postgres it is unused: the embedded database is handed over, jobs run in-process.
    DATABASE_URL: options.databaseUrl ?? "postgres://embedded/pglite",
    DISCORD_TOKEN: options.botToken,
    DISCORD_APPLICATION_ID: options.applicationId,
    DISCORD_API_BASE: options.apiBase,
    LAVALINK_NODES: lavalink.nodeUrl("playground"),
    VOICE_NODE_ID: "playground",
    VOICE_NODE_SECRET: `playground-${crypto.randomUUID()}`,
    LOG_LEVEL: "warn",
  });
  const node = await startVoiceNode({
    config,
    database: options.database,
    inProcessJobs: options.jobs,
    // Its HTTP (/search for suggestions, /health) on a free loopback port.
    port: 0,
    hostname: "127.0.0.1",
    log: options.log,
  });
  return {
    gateway,
    lavalink,
    node,
    search: {
      baseUrl: `http://127.0.0.1:${node.port}`,
      secret: config.VOICE_NODE_SECRET as string,
    },
    async close() {
      await node.shutdown();
      await gateway.close();
      await lavalink.close();
    },
  };
}
