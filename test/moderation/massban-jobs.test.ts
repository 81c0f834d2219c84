import type { APIInteractionDataResolved } from "discord-api-types/v10";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findJob, findRequest } from "../../src/data/moderation/index.ts";
import { moderationCases } from "../../src/db/schema.ts";
import type { TestBot } from "../support/bot.ts";
import {
  buttonIds,
  callsFor,
  command,
  original,
  press,
  type Scene,
  seedGuild,
  textOf,
  userIds,
} from "./helpers.ts";
import { latestJob, scheduledUntil, startJobsBot } from "./job-bot.ts";

/**
 * A 1000-id massban from a `file:` attachment as durable jobs with no long-lived worker: the
 * preview (member lookups) and the bans go on through `POST /admin/scheduled` once the
 * request's budget (MODERATION_RUN_BUDGET_MS, Workers' waitUntil shortened) is spent. The
 * fake Discord enforces the global 50/s and per-route buckets.
 */
let bot: TestBot;
beforeAll(async () => {
  bot = await startJobsBot();
}, 60_000);
afterAll(async () => {
  await bot?.close();
});

const db = () => bot.node.database.db;

/** `/massban ban file:<name>` with the file stored on the fake CDN. */
function massbanFile(scene: Scene, content: string, resolvedMembers = {}) {
  const file = bot.discord.addAttachment("raid-list.txt", content);
  const resolved = {
    attachments: { [file.id]: file },
    members: resolvedMembers,
  } as unknown as APIInteractionDataResolved;
  return command(
    bot,
    scene,
    "massban",
    "ban",
    { file: { type: 11, value: file.id }, reason: "raid" },
    { resolved },
  );
}

describe("/massban ban file: with 1000 ids and no worker", () => {
  it("previews, confirms and bans all 1000 in chunks of at most 200, one case recording them", async () => {
    const ids = userIds(1000);
    // 30 of them are members (3 with a role below the moderator's), 10 arrive resolved.
    const scene = seedGuild(bot, {
      members: (roles) =>
        Object.fromEntries(ids.slice(0, 30).map((id, i) => [id, i < 3 ? [roles.helper] : []])),
    });
    const resolvedMembers = Object.fromEntries(
      ids.slice(20, 30).map((id) => [id, { roles: [], joined_at: new Date().toISOString() }]),
    );
    const text = ids.map((id, i) => (i % 2 ? `<@${id}>` : id)).join("\n");
    bot.discord.clearCalls();

    const asked = await massbanFile(scene, text, resolvedMembers);
    expect(asked.body.type).toBe(5);
    await bot.settle();
    const previewJob = await latestJob(bot, scene, "massban_preview");
    expect(previewJob?.total).toBe(990);
    await scheduledUntil(
      bot,
      async () => (await findJob(db(), previewJob?.id ?? ""))?.state === "done",
    );
    await bot.settle();

    // Cheaper previews: members the interaction resolved are not looked up.
    const lookups = callsFor(bot, "/guilds/:id/members/:user", scene.guildId, "GET").filter(
      (c) => c.params.user !== bot.discord.botUserId,
    );
    expect(lookups.length).toBeGreaterThanOrEqual(990);
    expect(lookups.some((c) => ids.slice(20, 30).includes(c.params.user ?? ""))).toBe(false);

    const preview = original(bot, asked.token);
    expect(textOf(preview)).toContain("**1000 users** will be banned; **0** skipped.");
    const [confirmId] = buttonIds(preview);
    const confirmed = await press(bot, scene, confirmId ?? "");
    expect(confirmed.body.type).toBe(6);
    await bot.settle();
    const banJob = await latestJob(bot, scene, "massban");
    await scheduledUntil(
      bot,
      async () => (await findJob(db(), banJob?.id ?? ""))?.state === "done",
    );
    await bot.settle();

    const bulk = callsFor(bot, "/guilds/:id/bulk-ban", scene.guildId, "POST").filter(
      (c) => c.status === 200,
    );
    const sizes = bulk.map((c) => (c.body as { user_ids: string[] }).user_ids.length);
    expect(sizes).toEqual([200, 200, 200, 200, 200]);
    expect(bot.discord.state.bannedUserIds(scene.guildId)).toHaveLength(1000);

    const cases = await db()
      .select()
      .from(moderationCases)
      .where(eq(moderationCases.guildId, scene.guildId));
    expect(cases).toHaveLength(1);
    expect((cases[0]?.details as { banned?: string[] } | undefined)?.banned).toHaveLength(1000);
    expect(textOf(original(bot, confirmed.token))).toMatch(/Banned \*\*1000\*\*, failed \*\*0\*\*/);
    const request = await findRequest(db(), banJob?.massbanRequestId ?? "");
    expect(request?.state).toBe("done");

    const view = await command(bot, scene, "case", "view", { number: cases[0]?.number ?? 0 });
    expect(textOf(view)).toContain("Massban: done, 1000 of 1000");
    expect(bot.discord.limits().invalidRequests).toBeLessThan(100);

    // The undo of all 1000 is a durable job too: it finishes with no worker, through
    // POST /admin/scheduled once the request's budget is spent, lifting each ban exactly once.
    const undo = await command(bot, scene, "massban", "undo", { case: cases[0]?.number ?? 0 });
    expect(undo.body.type).toBe(5);
    await bot.settle();
    const undoJob = await latestJob(bot, scene, "massban_undo");
    expect(undoJob?.total).toBe(1000);
    const undoCase = undoJob?.caseNumber ?? 0;
    const running = await findJob(db(), undoJob?.id ?? "");
    if (running?.state === "running") {
      const during = await command(bot, scene, "case", "view", { number: undoCase });
      expect(textOf(during)).toMatch(/Massban undo: (lifting bans|done), \d+ of 1000/);
    }
    await scheduledUntil(
      bot,
      async () => (await findJob(db(), undoJob?.id ?? ""))?.state === "done",
    );
    await bot.settle();

    expect(bot.discord.state.bannedUserIds(scene.guildId)).toHaveLength(0);
    const lifted = callsFor(bot, "/guilds/:id/bans/:user", scene.guildId, "DELETE")
      .filter((c) => c.status === 204)
      .map((c) => c.params.user ?? "");
    expect(lifted).toHaveLength(1000);
    expect(new Set(lifted)).toEqual(new Set(ids));
    const undone = (
      await db().select().from(moderationCases).where(eq(moderationCases.guildId, scene.guildId))
    ).find((c) => c.number === undoCase);
    expect(undone).toMatchObject({ action: "unban", undoesCaseNumber: cases[0]?.number });
    expect((undone?.details as { unbanned?: string[] } | undefined)?.unbanned).toHaveLength(1000);
    expect(textOf(original(bot, undo.token))).toMatch(/Unbanned \*\*1000\*\*/);
    const undoView = await command(bot, scene, "case", "view", { number: undoCase });
    expect(textOf(undoView)).toContain("Massban undo: done, 1000 of 1000");
    expect(bot.discord.limits().invalidRequests).toBeLessThan(100);
  }, 420_000);

  it("refuses a file of more than 1000 ids and changes nothing", async () => {
    const scene = seedGuild(bot);
    const asked = await massbanFile(scene, userIds(1001).join(","));
    await bot.settle();
    expect(textOf(original(bot, asked.token))).toContain("one massban takes at most 1000");
    expect(await latestJob(bot, scene, "massban_preview")).toBeNull();
    expect(callsFor(bot, "/guilds/:id/bulk-ban", scene.guildId)).toHaveLength(0);
  }, 60_000);
});
