import { AuditLogEvent } from "discord-api-types/v10";
import { describe, expect, it } from "vitest";
import { addAuditLogEntry } from "../../src/dev/discord-sim/index.ts";
import { snowflake } from "../support/index.ts";
import { useDiscordScriptFixture } from "./discord-fixture.ts";

const GUILD = snowflake();
const fixture = useDiscordScriptFixture([GUILD]);
const HOUR = 3_600_000;
const audit = (args: string[] = [], extra: Record<string, string> = {}) =>
  fixture().run(
    "audit-bot-actions",
    ["--env", "production", "--guild", GUILD, ...args],
    fixture().env(extra),
  );

/** Acts as the bot through the fake's REST API, as a leaked token would. */
async function actAsBot(method: string, path: string, reason: string, body?: unknown) {
  const response = await fetch(`${fixture().discord.apiBase}/v10${path}`, {
    method,
    headers: {
      authorization: `Bot ${fixture().token}`,
      "x-audit-log-reason": encodeURIComponent(reason),
      ...(body ? { "content-type": "application/json" } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  expect(response.status, await response.text()).toBeLessThan(300);
}

describe("audit-bot-actions", { timeout: 30_000 }, () => {
  it("lists the bot's own actions in the guild, oldest first, with action, target, reason and time", async () => {
    const { discord } = fixture();
    const victim = snowflake();
    const other = snowflake();
    await actAsBot("PUT", `/guilds/${GUILD}/bans/${victim}`, "spam wave");
    await actAsBot("POST", `/guilds/${GUILD}/bulk-ban`, "raid #7", { user_ids: [other] });
    // Someone else's action, and one of the bot's from two days ago: neither is listed.
    addAuditLogEntry(discord.state, GUILD, {
      user_id: snowflake(),
      target_id: snowflake(),
      action_type: AuditLogEvent.MemberKick,
    });
    addAuditLogEntry(discord.state, GUILD, {
      user_id: discord.botUserId,
      target_id: snowflake(),
      action_type: AuditLogEvent.MemberBanAdd,
      at: Date.now() - 48 * HOUR,
    });

    const result = await audit();

    expect(result.status, result.output).toBe(0);
    const lines = result.stdout.trim().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(
      new RegExp(
        `^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ  MemberBanAdd  user ${victim} \\(user_\\d+\\)  reason: spam wave$`,
      ),
    );
    expect(lines[1]).toMatch(new RegExp(`  MemberBanAdd  user ${other} .*reason: raid #7$`));
    expect(lines[2]).toMatch(
      new RegExp(
        `^2 actions by Chopsticks \\(${discord.botUserId}\\) in guild ${GUILD} in the last 1d`,
      ),
    );
    const [call] = discord.callsTo("/guilds/:id/audit-logs", "GET");
    expect(call?.query).toMatchObject({ user_id: discord.botUserId, limit: "100" });
  });

  it("goes back as far as --since says, paging through the log", async () => {
    const { discord } = fixture();
    for (let i = 0; i < 150; i++) {
      addAuditLogEntry(discord.state, GUILD, {
        user_id: discord.botUserId,
        target_id: snowflake(),
        action_type: AuditLogEvent.ChannelOverwriteUpdate,
        // Minutes ago, half a minute off the hour boundary: 60 of them in the last hour.
        at: Date.now() - (150 - i) * 60_000 + 30_000,
      });
    }
    const lastHour = await audit(["--since", "1h"]);
    expect(lastHour.status, lastHour.output).toBe(0);
    expect(lastHour.stdout).toMatch(/^60 actions by /m);

    const all = await audit(["--since", "7d"]);
    expect(all.stdout).toMatch(/^150 actions by /m);
    expect(all.stdout).toMatch(/ChannelOverwriteUpdate {2}channel \d+ {2}reason: —/);
    expect(discord.callsTo("/guilds/:id/audit-logs", "GET").length).toBeGreaterThanOrEqual(3);
  });

  it("says so when the bot did nothing", async () => {
    const result = await audit(["--since", "30m"]);
    expect(result.status, result.output).toBe(0);
    expect(result.stdout.trim()).toMatch(
      /^0 actions by Chopsticks \(\d+\) in guild \d+ in the last 30m/,
    );
  });

  it("exits 1 in one line when Discord refuses (no View Audit Log)", async () => {
    fixture().discord.failNext("/guilds/:id/audit-logs", {
      status: 403,
      code: 50013,
      message: "Missing Permissions",
    });
    const result = await audit();
    expect(result.status, result.output).toBe(1);
    expect(result.stderr.trim()).toBe(
      "error: Discord refused (Missing Permissions): the bot needs View Audit Log in that guild",
    );
  });

  it.each([
    [
      "a guild id that is not a snowflake",
      ["--guild", "abc"],
      /^error: --guild must be a Discord id/,
    ],
    [
      "a --since that is not a duration",
      ["--since", "yesterday"],
      /^error: --since must be a duration/,
    ],
    ["no --guild", [], /^error: --guild is required/],
  ])("exits 2 on %s, calling nobody", async (_, args, message) => {
    const argv =
      args[0] === "--guild" || args.length === 0
        ? ["--env", "production", ...args]
        : ["--env", "production", "--guild", GUILD, ...args];
    const result = await fixture().run("audit-bot-actions", argv, fixture().env());
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(fixture().discord.calls).toHaveLength(0);
  });
});
