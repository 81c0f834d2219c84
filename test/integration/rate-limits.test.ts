import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operatorAudit, rateLimitOverrides } from "../../src/db/schema.ts";
import { startBot, type TestBot } from "../support/bot.ts";
import { slashCommand } from "../support/interactions.ts";
import { snowflake } from "../support/snowflake.ts";
import {
  answerText,
  isEphemeral,
  MANAGEMENT_GUILD,
  OPERATOR,
  operatorCommand,
} from "./operator-helpers.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await startBot({ ownerIds: [OPERATOR], managementGuildId: MANAGEMENT_GUILD });
});
afterAll(() => bot?.close());

const help = (guildId: string, userId = snowflake()) =>
  bot.interact(slashCommand("help", { guildId, user: { id: userId } }));
const refused = (text: string) => /Too many requests — try again in \d+ s/.test(text);

describe("default limits", () => {
  it("counts a user's requests in Redis through the Upstash client and refuses the 21st", async () => {
    const guildId = snowflake();
    const userId = snowflake();
    const before =
      bot.bridge?.commandLog.filter((c) => c[0] === "EVALSHA" || c[0] === "EVAL").length ?? 0;
    for (let i = 0; i < 20; i++)
      expect(refused(answerText(await help(guildId, userId)))).toBe(false);
    const twentyFirst = await help(guildId, userId);
    expect(refused(answerText(twentyFirst))).toBe(true);
    expect(isEphemeral(twentyFirst)).toBe(true);
    const scripts =
      (bot.bridge?.commandLog.filter((c) => c[0] === "EVALSHA" || c[0] === "EVAL").length ?? 0) -
      before;
    expect(scripts).toBeGreaterThanOrEqual(42);
    // Another user in the same guild is unaffected.
    expect(refused(answerText(await help(guildId)))).toBe(false);
  });
});

describe("/ratelimit override", () => {
  it("takes effect on the next interaction and /ratelimit reset guild clears it", async () => {
    const guildId = snowflake();
    const set = await operatorCommand(bot, "ratelimit", "override", {
      bucket: "default",
      guild_id: guildId,
      limit: 3,
      window_seconds: 60,
      reason: "incident 42",
    });
    expect(answerText(set)).toMatch(/Override set/);
    for (let i = 0; i < 3; i++) expect(refused(answerText(await help(guildId)))).toBe(false);
    expect(refused(answerText(await help(guildId)))).toBe(true);

    const shown = answerText(
      await operatorCommand(bot, "ratelimit", "show", { guild_id: guildId }),
    );
    expect(shown).toMatch(/default: .*\nserver: 3 per 60 s \(override/);
    expect(shown).toMatch(/ai: .*\nserver: 60 per 300 s \(default\)/);

    expect(
      answerText(await operatorCommand(bot, "ratelimit", "reset guild", { guild_id: guildId })),
    ).toMatch(/Removed 1 override/);
    expect(refused(answerText(await help(guildId)))).toBe(false);
    expect(
      answerText(await operatorCommand(bot, "ratelimit", "show", { guild_id: guildId })),
    ).toMatch(/default: .*\nserver: 300 per 60 s \(default\)/);
  });

  it("records who did what and why in the audit table", async () => {
    const guildId = snowflake();
    await operatorCommand(bot, "ratelimit", "override", {
      bucket: "ai",
      guild_id: guildId,
      limit: 100,
      window_seconds: 60,
      duration: "1h",
      reason: "launch day",
    });
    const rows = await bot.node.database.db
      .select()
      .from(operatorAudit)
      .where(eq(operatorAudit.target, guildId));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actorId: OPERATOR,
      action: "ratelimit.override",
      reason: "launch day",
    });
    expect(rows[0]?.details).toMatchObject({ bucket: "ai", limit: 100, windowSeconds: 60 });
  });

  it("/ratelimit reset all removes every override", async () => {
    const [a, b] = [snowflake(), snowflake()];
    for (const guildId of [a, b]) {
      await operatorCommand(bot, "ratelimit", "override", {
        bucket: "music",
        guild_id: guildId,
        limit: 5,
        window_seconds: 30,
      });
    }
    expect(
      answerText(await operatorCommand(bot, "ratelimit", "reset all", { reason: "rollback" })),
    ).toMatch(/every server and bucket/);
    const left = await bot.node.database.db.select().from(rateLimitOverrides);
    expect(left.filter((o) => o.guildId === a || o.guildId === b)).toEqual([]);
  });
});

describe("bad operator input gets an ephemeral explanation and changes nothing", () => {
  const cases: [string, Record<string, string | number>, RegExp][] = [
    [
      "non-snowflake guild id",
      { bucket: "ai", guild_id: "12345", limit: 10, window_seconds: 60 },
      /not a server id/,
    ],
    [
      "limit of zero",
      { bucket: "ai", guild_id: "GUILD", limit: 0, window_seconds: 60 },
      /`limit` must be between 1 and 10000/,
    ],
    [
      "limit above the cap",
      { bucket: "ai", guild_id: "GUILD", limit: 1_000_000, window_seconds: 60 },
      /`limit` must be between/,
    ],
    [
      "window too short",
      { bucket: "ai", guild_id: "GUILD", limit: 10, window_seconds: 1 },
      /`window_seconds` must be between 5 and 86400/,
    ],
    [
      "window too long",
      { bucket: "ai", guild_id: "GUILD", limit: 10, window_seconds: 864_000 },
      /`window_seconds` must be between/,
    ],
    [
      "unknown bucket",
      { bucket: "cheese", guild_id: "GUILD", limit: 10, window_seconds: 60 },
      /Unknown bucket `cheese`/,
    ],
    [
      "unparseable duration",
      { bucket: "ai", guild_id: "GUILD", limit: 10, window_seconds: 60, duration: "soonish" },
      /not a duration/,
    ],
  ];
  it.each(cases)("%s", async (_, options, message) => {
    // The guild id this case really sends: nothing may be written for it.
    const sent = options.guild_id === "GUILD" ? snowflake() : String(options.guild_id);
    const answer = await operatorCommand(bot, "ratelimit", "override", {
      ...options,
      guild_id: sent,
    });
    expect(isEphemeral(answer)).toBe(true);
    expect(answerText(answer)).toMatch(message);
    const db = bot.node.database.db;
    expect(
      await db.select().from(rateLimitOverrides).where(eq(rateLimitOverrides.guildId, sent)),
    ).toEqual([]);
    expect(await db.select().from(operatorAudit).where(eq(operatorAudit.target, sent))).toEqual([]);
  });

  it("refuses a non-operator, even in the management guild", async () => {
    const guildId = snowflake();
    const answer = await operatorCommand(
      bot,
      "ratelimit",
      "override",
      { bucket: "ai", guild_id: guildId, limit: 10, window_seconds: 60 },
      { userId: snowflake() },
    );
    expect(answerText(answer)).toMatch(/Only Chopsticks operators/);
    expect(
      await bot.node.database.db
        .select()
        .from(rateLimitOverrides)
        .where(eq(rateLimitOverrides.guildId, guildId)),
    ).toEqual([]);
  });

  it("refuses an operator command outside the management guild", async () => {
    const answer = await operatorCommand(bot, "admin", "guild list", {}, { guildId: snowflake() });
    expect(answerText(answer)).toMatch(/only work in the management server/);
  });
});
