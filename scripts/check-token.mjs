#!/usr/bin/env node
/**
 * Confirms that a bot token works (GET /users/@me) without printing it:
 *
 *   node scripts/check-token.mjs --env <env>
 *
 * Exit status: 0 the token works, 2 malformed or rejected token, usage, configuration or network
 * error. Run it with the old token to confirm it is dead (exit 2). Plain node: the TypeScript is
 * loaded through tsx's loader, registered here.
 */
import { register } from "tsx/esm/api";

register();
const { checkToken } = await import("./lib/check-token.ts");
process.exitCode = await checkToken(process.argv.slice(2));
