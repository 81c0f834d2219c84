#!/usr/bin/env node
/**
 * Exits non-zero when the slash commands Discord has differ from the code:
 *
 *   node scripts/check-commands.mjs --env <env> [--guild <id>]
 *
 * Exit status: 0 in sync, 1 drift (the differences are printed), 2 usage, configuration or
 * network error. Plain node: the TypeScript it shares with deploy-commands is loaded through
 * tsx's loader, registered here.
 */
import { register } from "tsx/esm/api";

register();
const { checkCommands } = await import("./lib/check-commands.ts");
process.exitCode = await checkCommands(process.argv.slice(2));
