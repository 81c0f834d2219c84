import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { massbanRequests, moderationCases } from "../../src/db/schema.ts";
import { startBot, type TestBot } from "../support/bot.ts";
import { modalSubmit } from "../support/interactions.ts";
import {
  actor,
  buttonIds,
  callsFor,
  command,
  editsOf,
  original,
  press,
  seedGuild,
  textOf,
  userIds,
} from "./helpers.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(() => bot?.close());

const casesOf = (guildId: string) =>
  bot.node.database.db
    .select()
    .from(moderationCases)
    .where(eq(moderationCases.guildId, guildId))
    .orderBy(moderationCases.number);

describe("/massban: 450 ids through the form, then undo", () => {
  it("previews, bans in 3 chunks with progress and one case, and undo unbans all 450", {
    timeout: 90_000,
  }, async () => {
    const scene = seedGuild(bot);
    const ids = userIds(450);

    const form = await command(bot, scene, "massban", "ban", {
      reason: "raid",
      delete_messages: "24h",
    });
    expect(form.body.type).toBe(9);
    const formData = (form.body as { data: { custom_id: string; components: unknown[] } }).data;
    expect(formData.custom_id).toBe("massban:submit:24h");
    expect(formData.components).toHaveLength(5);

    const submitted = await bot.interact(
      modalSubmit(
        formData.custom_id,
        {
          ids1: ids.slice(0, 200).join("\n"),
          ids2: ids.slice(200, 400).join(" "),
          ids3: ids.slice(400).join(","),
          ids4: "",
          reason: "raid",
        },
        actor(scene),
      ),
    );
    expect(submitted.body.type).toBe(5);
    await bot.settle();
    const checking = editsOf(bot, submitted.token).map((e) => textOf(e));
    expect(checking).toContain("Massban: checking\nChecking members: 200 of 450…");
    const preview = original(bot, submitted.token);
    expect(textOf(preview)).toContain("**450 users** will be banned; **0** skipped.");
    expect(textOf(preview)).toContain("the last 24 hours");
    const [confirmId, cancelId] = buttonIds(preview);
    expect(confirmId).toMatch(/^massban:confirm:[0-9a-f-]{36}$/);
    expect(cancelId).toMatch(/^massban:cancel:/);
    expect(callsFor(bot, "/guilds/:id/bulk-ban", scene.guildId)).toHaveLength(0);

    const mark = bot.discord.calls.length;
    const confirmed = await press(bot, scene, confirmId ?? "");
    expect(confirmed.body.type).toBe(6);
    await bot.settle();

    const bulk = callsFor(bot, "/guilds/:id/bulk-ban", scene.guildId, "POST");
    expect(bulk.map((c) => (c.body as { user_ids: string[] }).user_ids.length)).toEqual([
      200, 200, 50,
    ]);
    expect(bulk.flatMap((c) => (c.body as { user_ids: string[] }).user_ids)).toEqual(ids);
    for (const call of bulk) {
      expect(call.auditLogReason).toMatch(
        new RegExp(`^\\[case #\\d+\\] Massban by modmin \\(${scene.moderatorId}\\): raid$`),
      );
      expect((call.body as { delete_message_seconds: number }).delete_message_seconds).toBe(86_400);
    }
    // Progress is edited between chunks, then the summary.
    const sequence = bot.discord.calls
      .slice(mark)
      .filter(
        (c) =>
          (c.route === "/guilds/:id/bulk-ban" && c.params.id === scene.guildId) ||
          (c.method === "PATCH" && c.params.token === confirmed.token),
      )
      .map((c) => (c.route === "/guilds/:id/bulk-ban" ? "ban" : "edit"));
    expect(sequence).toEqual(["ban", "edit", "ban", "edit", "ban", "edit"]);
    const edits = editsOf(bot, confirmed.token);
    expect(textOf(edits[0])).toContain("Processed 200 of 450: 200 banned…");
    expect(textOf(edits[1])).toContain("Processed 400 of 450: 400 banned…");
    const summary = textOf(original(bot, confirmed.token));
    expect(summary).toMatch(/Banned \*\*450\*\*, failed \*\*0\*\*/);
    expect(buttonIds(original(bot, confirmed.token))).toEqual([]);
    expect(bot.discord.state.bannedUserIds(scene.guildId).sort()).toEqual([...ids].sort());

    const [massbanCase, ...others] = await casesOf(scene.guildId);
    expect(others).toEqual([]);
    expect(massbanCase).toMatchObject({
      action: "massban",
      moderatorId: scene.moderatorId,
      reason: "raid",
    });
    expect(massbanCase?.targets).toHaveLength(450);
    expect(((massbanCase?.details ?? {}) as { banned?: string[] }).banned).toHaveLength(450);
    expect(summary).toContain(`/massban undo case:${massbanCase?.number}`);

    // Undo: everyone comes back, as its own case linked both ways.
    const undo = await command(bot, scene, "massban", "undo", { case: massbanCase?.number ?? 0 });
    expect(undo.body.type).toBe(5);
    await bot.settle();
    expect(textOf(original(bot, undo.token))).toMatch(/Unbanned \*\*450\*\*/);
    expect(bot.discord.state.bannedUserIds(scene.guildId)).toEqual([]);
    const unbans = callsFor(bot, "/guilds/:id/bans/:user", scene.guildId, "DELETE");
    expect(unbans).toHaveLength(450);
    expect(unbans[0]?.auditLogReason).toMatch(/^\[case #\d+\] Undo of massban case #\d+ by modmin/);
    const cases = await casesOf(scene.guildId);
    expect(cases).toHaveLength(2);
    const [original1, undoCase] = cases;
    expect(undoCase).toMatchObject({ action: "unban", undoesCaseNumber: original1?.number });
    expect(original1?.undoCaseNumber).toBe(undoCase?.number);
    expect(((undoCase?.details ?? {}) as { unbanned?: string[] }).unbanned).toHaveLength(450);

    // A second undo is refused and changes nothing.
    const again = await command(bot, scene, "massban", "undo", { case: massbanCase?.number ?? 0 });
    expect(again.body.type).toBe(4);
    expect(textOf(again)).toContain(`already undone by case #${undoCase?.number}`);
    await bot.settle();
    expect(callsFor(bot, "/guilds/:id/bans/:user", scene.guildId, "DELETE")).toHaveLength(450);
    expect(await casesOf(scene.guildId)).toHaveLength(2);
    const jobs = await bot.node.database.db
      .select()
      .from(massbanRequests)
      .where(and(eq(massbanRequests.guildId, scene.guildId)));
    expect(jobs.map((j) => [j.kind, j.state]).sort()).toEqual([
      ["ban", "done"],
      ["unban", "done"],
    ]);
    expect(jobs.every((j) => j.interactionToken === null)).toBe(true);
  });
});
