#!/usr/bin/env node
/**
 * Lists what the bot user did in a guild (its audit log), one line per entry:
 *
 *   node scripts/audit-bot-actions.mjs --env <env> --guild <id> [--since 24h]
 *
 * For the containment step after a token leak. Exit status: 0 listed, 1 Discord refused (no View
 * Audit Log, unknown guild), 2 usage, configuration or network error.
 */
import { register } from "tsx/esm/api";

register();
const { auditBotActions } = await import("./lib/audit-bot-actions.ts");
process.exitCode = await auditBotActions(process.argv.slice(2));
