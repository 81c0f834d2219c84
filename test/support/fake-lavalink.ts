import {
  Catalog,
  type LavalinkRecord,
  type LavalinkSim,
  ManualClock,
  type SimPlayer,
  startLavalinkSim,
} from "../../src/dev/lavalink-sim/index.ts";
import { EventLog, type WaitForOptions } from "./event-log.ts";

export type { LavalinkRecord } from "../../src/dev/lavalink-sim/index.ts";
export { makeTrack } from "../../src/dev/lavalink-sim/index.ts";

/** A fake Lavalink v4 node for tests: the simulator on a manual clock, with a call log. */
export interface FakeLavalink {
  readonly sim: LavalinkSim;
  readonly catalog: Catalog;
  readonly clock: ManualClock;
  readonly password: string;
  /** Every REST call and socket event, in order. */
  readonly log: EventLog<LavalinkRecord>;
  /** `http://<name>:<password>@127.0.0.1:<port>` for LAVALINK_NODES. */
  nodeUrl(name?: string): string;
  /** Moves simulated time forward and lets the node react (track ends, updates). */
  advance(ms: number): void;
  /** The guild's player in the newest session that has one. */
  player(guildId: string): SimPlayer | undefined;
  /** Resolves with the first REST call (past or future) matching. */
  waitForRest(
    predicate: (call: LavalinkRecord & { kind: "rest" }) => boolean,
    options?: WaitForOptions,
  ): Promise<LavalinkRecord>;
  /** Player PATCHes for a guild so far. */
  patchesFor(guildId: string): LavalinkRecord[];
  close(): Promise<void>;
}

function describe(record: LavalinkRecord): string {
  if (record.kind === "rest")
    return `${record.method} ${record.path} → ${record.status} ${JSON.stringify(record.body ?? "")}`;
  return `${record.kind} ${record.sessionId ?? ""}`;
}

/** Starts a fake Lavalink node on 127.0.0.1 (ephemeral port). */
export async function startFakeLavalink(
  options: { password?: string } = {},
): Promise<FakeLavalink> {
  const password = options.password ?? `lavalink-${crypto.randomUUID()}`;
  const clock = new ManualClock();
  const catalog = new Catalog();
  const log = new EventLog<LavalinkRecord>(describe);
  const sim = await startLavalinkSim({
    password,
    clock,
    catalog,
    record: (entry) => log.push(entry),
  });
  const isRest = (r: LavalinkRecord): r is LavalinkRecord & { kind: "rest" } => r.kind === "rest";
  return {
    sim,
    catalog,
    clock,
    password,
    log,
    nodeUrl: (name = "main") => sim.nodeUrl(name),
    advance(ms) {
      clock.advance(ms);
      sim.tick();
    },
    player(guildId) {
      const players = sim.playersOf(guildId);
      return players[players.length - 1];
    },
    waitForRest: (predicate, waitOptions) =>
      log.waitFor((r) => isRest(r) && predicate(r), {
        description: "a matching Lavalink call",
        ...waitOptions,
      }),
    patchesFor: (guildId) =>
      log.entries.filter(
        (r) => r.kind === "rest" && r.method === "PATCH" && r.path?.includes(`/players/${guildId}`),
      ),
    close: () => sim.close(),
  };
}
