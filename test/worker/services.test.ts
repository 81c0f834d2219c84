import { describe, expect, it } from "vitest";
import { slashCommand } from "../support/interactions.ts";
import { snowflake } from "../support/snowflake.ts";
import { callWorker, control, fireCron, firstEmbed, harness, interact } from "./harness.ts";

describe("the worker against real Postgres (Neon proxy) and Redis (Upstash bridge)", () => {
  it("/ping reaches Postgres through the Neon driver and Redis through Upstash", async () => {
    const userId = snowflake();
    const before = await control.upstashCommands();

    const answer = await interact(slashCommand("ping", { user: { id: userId } }));

    expect(answer.status).toBe(200);
    expect(answer.body.type).toBe(4);
    const fields = Object.fromEntries(
      (firstEmbed(answer).fields ?? []).map((field) => [field.name, field.value]),
    );
    expect(fields).toEqual({
      Postgres: expect.stringMatching(/^\d+ ms$/),
      Redis: expect.stringMatching(/^\d+ ms$/),
    });
    const { commands } = await control.upstashCommands(before.total);
    const names = commands.map((command) => command[0]);
    expect(names).toContain("PING");
    // The rate gate's check for this user went through the bridge to Redis too.
    expect(commands.some((command) => command.some((arg) => arg.includes(`:u:${userId}`)))).toBe(
      true,
    );
  });

  it("/admin guild block writes the block to Postgres and the guild's cache to Redis", async () => {
    const target = snowflake();
    const answer = await interact(
      slashCommand("admin", {
        group: "guild",
        subcommand: "block",
        options: { guild_id: target, duration: "1h", reason: "worker test" },
        guildId: harness.managementGuildId,
        user: { id: harness.operatorId },
      }),
    );

    expect(firstEmbed(answer).title).toBe("Server blocked");
    const rows = await control.query<{ reason: string; blocked_by: string }>(
      "SELECT reason, blocked_by FROM guild_blocks WHERE guild_id = $1",
      [target],
    );
    expect(rows).toEqual([{ reason: "worker test", blocked_by: harness.operatorId }]);
    const cacheKey = `${harness.bindings.REDIS_KEY_PREFIX}guild-controls:${target}`;
    const { commands } = await control.upstashCommands();
    expect(commands.some((c) => c[0] === "SET" && c[1] === cacheKey)).toBe(true);

    const refused = await interact(slashCommand("help", { guildId: target }));
    expect(firstEmbed(refused).title).toBe("Server blocked");
  });

  it("the cron trigger sweeps expired blocks through Neon and refreshes their Redis cache", async () => {
    const target = snowflake();
    await interact(
      slashCommand("admin", {
        group: "guild",
        subcommand: "block",
        options: { guild_id: target, duration: "1h", reason: "expires" },
        guildId: harness.managementGuildId,
        user: { id: harness.operatorId },
      }),
    );
    const before = await control.upstashCommands();

    await fireCron(Date.now() + 2 * 60 * 60 * 1000);

    const rows = await control.query("SELECT 1 FROM guild_blocks WHERE guild_id = $1", [target]);
    expect(rows).toEqual([]);
    const cacheKey = `${harness.bindings.REDIS_KEY_PREFIX}guild-controls:${target}`;
    const { commands } = await control.upstashCommands(before.total);
    expect(commands.some((c) => c[0] === "SET" && c[1] === cacheKey)).toBe(true);
  });

  it("runs post-response work (cache fill, counters flush) through waitUntil", async () => {
    const guildId = snowflake();
    const before = await control.upstashCommands();

    await interact(slashCommand("help", { guildId }));

    // A first interaction from a guild fills its controls cache after the response; the
    // request's counters are flushed after that background work, in the same waitUntil.
    const prefix = harness.bindings.REDIS_KEY_PREFIX;
    const fill = (c: string[]) => c[0] === "SET" && c[1] === `${prefix}guild-controls:${guildId}`;
    const flush = (c: string[]) =>
      c[0] === "HINCRBY" && c[1] === `${prefix}metrics:commands_total` && c[2] === "help";
    await expect
      .poll(
        async () => {
          const { commands } = await control.upstashCommands(before.total);
          const filled = commands.findIndex(fill);
          return filled >= 0 && commands.slice(filled).some(flush);
        },
        { timeout: 3000, interval: 50 },
      )
      .toBe(true);
  });

  it("GET /health reports Postgres and Redis up and the gateway unknown", async () => {
    const response = await callWorker("/health");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: "ok",
      db: "ok",
      redis: "ok",
      gateway: "unknown",
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
    });
  });

  it("POST /admin/scheduled runs the scheduled work through Neon, behind the admin bearer", async () => {
    const refused = await callWorker("/admin/scheduled", { method: "POST" });
    expect(refused.status).toBe(401);
    const response = await callWorker("/admin/scheduled", {
      method: "POST",
      headers: { authorization: `Bearer ${harness.bindings.ADMIN_API_SECRET}` },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { jobs: Record<string, unknown>; failed: string[] };
    expect(body.failed).toEqual([]);
    expect(Object.keys(body.jobs)).toEqual(
      expect.arrayContaining(["expire-guild-controls", "end-timed-lockdowns"]),
    );
    for (const count of Object.values(body.jobs)) expect(count).toEqual(expect.any(Number));
  });
});
