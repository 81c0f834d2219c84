#!/usr/bin/env node
/**
 * Rotates guild encryption keys under the current master key (the runbook's step 1 after a
 * key leak):
 *
 *   node scripts/rotate-guild-keys.mjs --all --reason "security incident 20260101T000000Z"
 *   node scripts/rotate-guild-keys.mjs --guild-id <id> --reason "…" [--new-data-keys]
 *
 * Resumable (rerun the same command after an interruption), idempotent, audited. Plain node:
 * the TypeScript it shares with the bot is loaded through tsx's loader, registered here.
 */
import { register } from "tsx/esm/api";

register();
const { rotateGuildKeysScript } = await import("./lib/guild-keys.ts");
process.exitCode = await rotateGuildKeysScript(process.argv.slice(2));
