import { ConfigError } from "../../src/config.ts";
import { UsageError } from "./args.ts";
import { isDiscordFailure } from "./discord.ts";
import { Output } from "./output.ts";

/** Exit status for a wrong command line, a bad configuration or an unreachable Discord. */
export const EXIT_SETUP = 2;

/** How a script reports its outcome. */
export interface ScriptOptions {
  /** Printed for `--help` and after a usage error. */
  readonly usage: string;
  /** Exit status when Discord rejects a call or something unexpected fails. */
  readonly failureStatus: number;
}

/**
 * Runs a script's `main` and turns its outcome into an exit status: `main`'s own result, 2 for
 * usage and configuration errors, `failureStatus` for the rest. Every failure is printed as one
 * redacted line; a stack trace only with `DEBUG` set.
 */
export async function runScript(
  argv: readonly string[],
  main: (argv: readonly string[], out: Output) => Promise<number>,
  options: ScriptOptions,
): Promise<number> {
  const out = new Output();
  if (argv.includes("--help") || argv.includes("-h")) {
    out.line(options.usage);
    return 0;
  }
  try {
    return await main(argv, out);
  } catch (error) {
    if (error instanceof UsageError) {
      out.error(error.message);
      process.stderr.write(`${options.usage}\n`);
      return EXIT_SETUP;
    }
    if (error instanceof ConfigError) {
      out.error(error.message);
      return EXIT_SETUP;
    }
    if (isDiscordFailure(error)) {
      out.error(`Discord request failed: ${error.message}`);
      return error.status === 0 ? EXIT_SETUP : options.failureStatus;
    }
    out.error(error instanceof Error ? error.message : String(error));
    if (process.env.DEBUG && error instanceof Error && error.stack) out.line(error.stack);
    return options.failureStatus;
  }
}
