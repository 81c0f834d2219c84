import { lockDataKey, replaceDataKey, secretsOf, upsertSecret } from "../data/guild-keys/keys.ts";
import {
  finishRotation,
  openRotation,
  pendingGuilds,
  recordGuildOutcome,
  runOutcomes,
} from "../data/guild-keys/rotations.ts";
import {
  GuildKeyError,
  generateDataKey,
  type MasterKeyring,
  openSecret,
  sealSecret,
  unwrapDataKey,
  wrapDataKey,
} from "../domain/guild-keys/index.ts";
import type { Database } from "../ports/index.ts";

/** What `rotate-guild-keys` was asked. */
export interface RotationOptions {
  /** `all`, or one guild id. */
  scope: string;
  reason: string;
  /** Also re-encrypt every secret under a fresh data key. */
  newDataKeys: boolean;
  /** Stop after this many guilds (a batch); a rerun continues. */
  maxGuilds?: number;
}

/** One line of progress, for the script to print. */
export type RotationEvent =
  | { kind: "start"; runId: number; resumed: boolean; alreadyDone: number; target: string }
  | { kind: "guild"; guildId: string; outcome: "rotated" | "unchanged" | "failed"; detail?: string }
  | { kind: "paused"; runId: number; done: number }
  | { kind: "done"; runId: number; outcomes: Record<string, number> };

/** What a finished (or paused) run did. */
export interface RotationSummary {
  runId: number;
  finished: boolean;
  outcomes: Record<string, number>;
}

const PAGE = 200;

/**
 * Re-wraps (and with `newDataKeys` re-keys) one guild in one transaction, so a crash leaves
 * each guild either fully before or fully after: the data key row is locked against writers.
 */
async function rotateGuild(
  db: Database,
  ring: MasterKeyring,
  runId: number,
  guildId: string,
  newDataKeys: boolean,
  now: Date,
): Promise<"rotated" | "unchanged"> {
  return db.transaction(async (tx) => {
    const row = await lockDataKey(tx, guildId);
    if (!row) throw new GuildKeyError("failed", "data key disappeared");
    const current = ring.current;
    if (!newDataKeys && row.masterVersion === current.version) {
      await recordGuildOutcome(tx, runId, guildId, "unchanged");
      return "unchanged";
    }
    const oldKey = await unwrapDataKey(ring, row.wrappedKey, guildId, row.generation, true);
    let dataKey = oldKey;
    let generation = row.generation;
    if (newDataKeys) {
      dataKey = await generateDataKey();
      generation = row.generation + 1;
      for (const secret of await secretsOf(tx, guildId)) {
        const plain = await openSecret(
          oldKey,
          secret.ciphertext,
          guildId,
          secret.field,
          row.generation,
        );
        const ciphertext = await sealSecret(dataKey, plain, guildId, secret.field, generation);
        await upsertSecret(
          tx,
          { guildId, field: secret.field, ciphertext, dataKeyGeneration: generation },
          now,
        );
      }
    }
    const wrappedKey = await wrapDataKey(current, dataKey, guildId, generation);
    await replaceDataKey(
      tx,
      { guildId, generation, masterVersion: current.version, wrappedKey },
      now,
    );
    await recordGuildOutcome(tx, runId, guildId, "rotated");
    return "rotated";
  });
}

/**
 * Rotates guild keys under the current master key. Progress is recorded per guild in that
 * guild's transaction, so an interrupted run resumes where it stopped when rerun with the
 * same options; a guild already current is left alone (idempotent). Finishing writes the
 * audit row. A guild that fails is reported and skipped; rerun with `--guild-id` for it.
 */
export async function rotateGuildKeys(
  db: Database,
  ring: MasterKeyring,
  options: RotationOptions,
  report: (event: RotationEvent) => void,
  clock: () => Date = () => new Date(),
): Promise<RotationSummary> {
  const { run, resumed } = await openRotation(db, {
    scope: options.scope,
    reason: options.reason,
    targetMasterVersion: ring.current.version,
    newDataKeys: options.newDataKeys,
  });
  const before = await runOutcomes(db, run.id);
  const alreadyDone = Object.values(before).reduce((a, b) => a + b, 0);
  report({ kind: "start", runId: run.id, resumed, alreadyDone, target: ring.current.version });
  let handled = 0;
  let after = "";
  for (;;) {
    const guilds = await pendingGuilds(db, run.id, options.scope, after, PAGE);
    if (guilds.length === 0) break;
    for (const guildId of guilds) {
      if (options.maxGuilds !== undefined && handled >= options.maxGuilds) {
        report({ kind: "paused", runId: run.id, done: alreadyDone + handled });
        return { runId: run.id, finished: false, outcomes: await runOutcomes(db, run.id) };
      }
      after = guildId;
      try {
        const outcome = await rotateGuild(db, ring, run.id, guildId, options.newDataKeys, clock());
        report({ kind: "guild", guildId, outcome });
      } catch (error) {
        const detail = error instanceof GuildKeyError ? error.message : "unexpected error";
        await recordGuildOutcome(db, run.id, guildId, "failed");
        report({ kind: "guild", guildId, outcome: "failed", detail });
        if (!(error instanceof GuildKeyError)) throw error;
      }
      handled++;
    }
  }
  const outcomes = await runOutcomes(db, run.id);
  await finishRotation(db, run, outcomes, clock());
  report({ kind: "done", runId: run.id, outcomes });
  return { runId: run.id, finished: true, outcomes };
}
