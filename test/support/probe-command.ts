import { ApplicationCommandOptionType as O } from "discord-api-types/v10";
import { sql } from "drizzle-orm";
import { defer, defineCommand, ephemeral, reply } from "../../src/interactions/index.ts";

/** Lets a test decide when the `/probe slow` handler finishes: no sleeping on either side. */
export class Latch {
  private release: () => void = () => {};
  readonly opened = new Promise<void>((resolve) => {
    this.release = resolve;
  });
  open(): void {
    this.release();
  }
}

/**
 * A test-only command exercising the framework: a handler slower than the watchdog, a
 * deferred job with progress, failures before and after deferring, a database query and a
 * typed option.
 */
export function probeCommand(slow: { latch: Latch }) {
  return defineCommand({
    name: "probe",
    bucket: "default",
    worksInDMs: true,
    definitions: [
      {
        name: "probe",
        description: "Test-only command",
        options: [
          { type: O.Subcommand, name: "slow", description: "Finishes when the test says so" },
          { type: O.Subcommand, name: "job", description: "Deferred work with progress" },
          { type: O.Subcommand, name: "boom", description: "Throws" },
          { type: O.Subcommand, name: "late-boom", description: "Throws after deferring" },
          { type: O.Subcommand, name: "db", description: "Queries Postgres" },
          {
            type: O.Subcommand,
            name: "typed",
            description: "Takes a number",
            options: [{ type: O.Integer, name: "count", description: "A number", required: true }],
          },
        ],
      },
    ],
    subcommands: {
      slow: async () => {
        await slow.latch.opened;
        return reply({ content: "slow but done" });
      },
      job: () =>
        defer(async (progress) => {
          await progress.edit({ content: "step 1 of 2" });
          return { content: "job finished" };
        }),
      boom: (ctx) => {
        // The token in the message checks that logs redact it.
        throw new Error(
          `kaboom at /webhooks/${ctx.interaction.application_id}/${ctx.interaction.token}`,
        );
      },
      "late-boom": () =>
        defer(async () => {
          throw new Error("failed after deferring");
        }),
      db: async (ctx) => {
        await ctx.deps.db.execute(sql`select 1`);
        return ephemeral({ content: "database answered" });
      },
      typed: (ctx) => ephemeral({ content: `count=${ctx.options.require("count", "integer")}` }),
    },
  });
}
