#!/usr/bin/env node
/**
 * Decrypts every guild secret and reports failures by guild, without printing any secret;
 * says when an old master key version can be dropped. Exit 1 when anything fails.
 *
 *   node scripts/verify-guild-keys.mjs [--env <env>]
 */
import { register } from "tsx/esm/api";

register();
const { verifyGuildKeysScript } = await import("./lib/guild-keys.ts");
process.exitCode = await verifyGuildKeysScript(process.argv.slice(2));
