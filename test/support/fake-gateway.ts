import { setGatewayUrl } from "../../src/dev/discord-sim/index.ts";
import {
  type GatewayRecord,
  type GatewaySim,
  simVoiceWorld,
  startGatewaySim,
} from "../../src/dev/gateway-sim/index.ts";
import { EventLog, type WaitForOptions } from "./event-log.ts";
import type { FakeDiscord } from "./fake-discord.ts";

export type { GatewayRecord } from "../../src/dev/gateway-sim/index.ts";

/** A fake Discord gateway sharing a fake Discord's state (voice states agree with REST). */
export interface FakeGateway {
  readonly sim: GatewaySim;
  /** Every frame in and out, in order. */
  readonly log: EventLog<GatewayRecord>;
  /** Resolves with the first op 4 (voice state update) received for a guild, past or future. */
  waitForOp4(
    guildId: string,
    channelId: string | null,
    options?: WaitForOptions,
  ): Promise<GatewayRecord>;
  /** Frames the bot sent with this op code. */
  received(op: number): GatewayRecord[];
  close(): Promise<void>;
}

function describe(record: GatewayRecord): string {
  return `${record.direction} op ${record.op}${record.t ? ` ${record.t}` : ""} ${JSON.stringify(record.d ?? null).slice(0, 120)}`;
}

/** Starts the gateway and points the fake Discord's `GET /gateway/bot` at it. */
export async function startFakeGateway(discord: FakeDiscord): Promise<FakeGateway> {
  const log = new EventLog<GatewayRecord>(describe);
  const sim = await startGatewaySim({
    token: discord.botToken,
    botUserId: discord.botUserId,
    applicationId: discord.applicationId,
    world: simVoiceWorld(discord.state),
    record: (entry) => log.push(entry),
  });
  setGatewayUrl(discord.state, sim.url);
  return {
    sim,
    log,
    waitForOp4: (guildId, channelId, options) =>
      log.waitFor(
        (r) => {
          const d = r.d as { guild_id?: string; channel_id?: string | null } | undefined;
          return (
            r.direction === "in" &&
            r.op === 4 &&
            d?.guild_id === guildId &&
            (d.channel_id ?? null) === channelId
          );
        },
        { description: `op 4 for ${guildId} → ${channelId}`, ...options },
      ),
    received: (op) => log.entries.filter((r) => r.direction === "in" && r.op === op),
    close: () => sim.close(),
  };
}
