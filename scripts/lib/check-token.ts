import { ConfigError } from "../../src/config.ts";
import { DiscordRequestError } from "../../src/ports/discord-errors.ts";
import { parseArgs, requireFlag } from "./args.ts";
import { createBotApi } from "./bot-api.ts";
import { EXIT_SETUP, runScript } from "./cli.ts";
import { checkConfig, loadEnvironment, requireSetting } from "./env.ts";
import type { Output } from "./output.ts";

const USAGE = `usage: node scripts/check-token.mjs --env <env>
  --env <env>   read .env.<env> (DISCORD_TOKEN already in the environment wins)
Asks Discord who the token belongs to (GET /users/@me); never prints the token.
exit status: 0 the token works, 2 malformed or rejected token, usage, configuration or network error`;

/** A bot token: the bot's id in base64, a timestamp, an HMAC — three dot-separated parts. */
const TOKEN_SHAPE = /^[\w-]{10,}\.[\w-]{4,}\.[\w-]{10,}$/;

async function main(argv: readonly string[], out: Output): Promise<number> {
  const flags = parseArgs(argv, { env: true });
  const environment = loadEnvironment(requireFlag(flags, "env"));
  out.protect(environment.vars.DISCORD_TOKEN);
  const config = checkConfig(environment);
  const token = requireSetting(config, "DISCORD_TOKEN", environment);
  if (!TOKEN_SHAPE.test(token)) {
    throw new ConfigError(
      "DISCORD_TOKEN is not shaped like a bot token (three dot-separated parts); copy it again from the Bot page",
    );
  }
  let user: Awaited<ReturnType<ReturnType<typeof createBotApi>["me"]>>;
  try {
    user = await createBotApi({ apiBase: config.DISCORD_API_BASE, token }).me();
  } catch (error) {
    if (error instanceof DiscordRequestError && error.status === 401) {
      out.error(
        "Discord rejected DISCORD_TOKEN (401 Unauthorized): it was reset, revoked or mistyped",
      );
      return EXIT_SETUP;
    }
    throw error;
  }
  if (!user.bot) {
    out.error(`DISCORD_TOKEN belongs to a user account (${user.id}), not a bot: never use it`);
    return EXIT_SETUP;
  }
  const applicationId = config.DISCORD_APPLICATION_ID;
  if (applicationId && applicationId !== user.id) {
    out.warn(`the token's bot user ${user.id} is not DISCORD_APPLICATION_ID ${applicationId}`);
  }
  out.line(`token works: bot ${user.username} (${user.id}) — ${environment.source}`);
  return 0;
}

/**
 * `check-token`: confirms a (new) bot token works by asking Discord who it is, without printing
 * it. Resolves to the exit status: 0 works, 2 malformed, rejected, or any setup error.
 */
export function checkToken(argv: readonly string[]): Promise<number> {
  return runScript(argv, main, { usage: USAGE, failureStatus: EXIT_SETUP });
}
