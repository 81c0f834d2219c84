import { Routes } from "discord-api-types/v10";
import { describe, expect, it } from "vitest";
import { addAuditLogEntry, auditLogEntries } from "../../src/dev/discord-sim/index.ts";
import { rejection, useFakeDiscordFixture } from "./fake-discord-fixture.ts";
import { snowflake } from "./snowflake.ts";

const fx = useFakeDiscordFixture();
type Page = { audit_log_entries: { id: string; user_id: string; action_type: number }[] };
const page = (query: Record<string, string>) =>
  fx.rest.get(Routes.guildAuditLog(fx.guildId), {
    query: new URLSearchParams(query),
  }) as Promise<Page>;

describe("fake Discord: guild audit logs", () => {
  it("logs the bot's bans with their reason, filters by user, and pages newest first", async () => {
    const target = snowflake();
    await fx.rest.put(Routes.guildBan(fx.guildId, target), { reason: "spam" });
    const someoneElse = snowflake();
    for (let i = 0; i < 3; i++) {
      addAuditLogEntry(fx.discord.state, fx.guildId, {
        user_id: someoneElse,
        target_id: null,
        action_type: 1,
      });
    }
    const [ban] = auditLogEntries(fx.discord.state, fx.guildId);
    expect(ban).toMatchObject({
      user_id: fx.applicationId,
      target_id: target,
      action_type: 22,
      reason: "spam",
    });

    const mine = await page({ user_id: fx.applicationId });
    expect(mine.audit_log_entries.map((e) => e.action_type)).toEqual([22]);
    const first = await page({ limit: "2" });
    expect(first.audit_log_entries).toHaveLength(2);
    const rest = await page({ before: first.audit_log_entries[1]?.id ?? "" });
    expect(rest.audit_log_entries).toHaveLength(2);
    expect(BigInt(rest.audit_log_entries[0]?.id ?? 0)).toBeLessThan(
      BigInt(first.audit_log_entries[1]?.id ?? 0),
    );
  });

  it.each([
    [{ limit: "101" }, "limit"],
    [{ limit: "0" }, "limit"],
    [{ user_id: "bot" }, "user_id"],
  ])("answers 400 naming the field for %o", async (query, field) => {
    const error = await rejection(page(query));
    expect(error.status).toBe(400);
    expect(error.code).toBe(50035);
    expect(JSON.stringify(error.rawError)).toContain(field);
  });

  it("answers 403 when the bot is in the guild without View Audit Log", async () => {
    const guildId = snowflake();
    fx.discord.addGuild({
      id: guildId,
      ownerId: snowflake(),
      roles: [{ id: guildId, name: "@everyone", permissions: "0", position: 0 }],
      members: { [fx.applicationId]: [] },
    });
    const error = await rejection(fx.rest.get(Routes.guildAuditLog(guildId)));
    expect(error.status).toBe(403);
    expect(error.code).toBe(50013);
  });
});
