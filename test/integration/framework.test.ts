import { InteractionResponseType } from "discord-api-types/v10";
import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../../src/commands/index.ts";
import { type Answer, startBot, type TestBot } from "../support/bot.ts";
import { componentPress, slashCommand } from "../support/interactions.ts";
import { Latch, probeCommand } from "../support/probe-command.ts";

const slow = { latch: new Latch() };
let bot: TestBot;
beforeAll(async () => {
  bot = await startBot({ commands: [...commands, probeCommand(slow)], watchdogMs: 200 });
});
afterAll(() => bot?.close());

interface Data {
  content?: string;
  flags?: number;
  embeds?: {
    title?: string;
    description?: string;
    footer?: { text: string };
    fields?: { name: string; value: string }[];
  }[];
  components?: { components: { custom_id: string; label: string; disabled?: boolean }[] }[];
}
const data = (answer: Answer) => ("data" in answer.body ? (answer.body.data as Data) : {});
const text = (d: Data) =>
  (d.embeds ?? []).map((e) => `${e.title ?? ""} ${e.description ?? ""}`).join(" ");

async function metrics(): Promise<ReturnType<typeof parsePrometheusTextFormat>> {
  await bot.settle();
  const response = await fetch(`${bot.url}/metrics`, {
    headers: { authorization: `Bearer ${bot.adminSecret}` },
  });
  return parsePrometheusTextFormat(await response.text());
}
/** The value of one sample; a missing sample fails the test (NaN would equal NaN + 1). */
function sample(
  families: ReturnType<typeof parsePrometheusTextFormat>,
  name: string,
  label: string,
  value: string,
): number {
  const found = families
    .find((f) => f.name === name)
    ?.metrics.find((m) => m.labels?.[label] === value)?.value;
  if (found === undefined) throw new Error(`/metrics has no ${name}{${label}="${value}"}`);
  const number = Number(found);
  expect(Number.isFinite(number)).toBe(true);
  return number;
}

describe("/ping", () => {
  it("shows the round trip to Postgres and Redis", async () => {
    const answer = await bot.interact(slashCommand("ping"));
    const fields = data(answer).embeds?.[0]?.fields ?? [];
    expect(fields.find((f) => f.name === "Postgres")?.value).toMatch(/^\d+ ms$/);
    expect(fields.find((f) => f.name === "Redis")?.value).toMatch(/^\d+ ms$/);
    expect((data(answer).flags ?? 0) & 64).toBe(64);
  });
});

describe("/help", () => {
  it("lists the commands in pages and turns the page with the Next button", async () => {
    const first = data(await bot.interact(slashCommand("help")));
    expect(text(first)).toContain("/ping");
    const footer = first.embeds?.[0]?.footer?.text ?? "";
    const [, current, pages] = /Page (\d+)\/(\d+)/.exec(footer) ?? [];
    expect(current).toBe("1");
    const [previous, next] = first.components?.[0]?.components ?? [];
    expect(previous?.disabled).toBe(true);
    if (Number(pages) === 1) {
      expect(next?.disabled).toBe(true);
      return;
    }
    expect(next?.disabled).toBe(false);
    const turned = await bot.interact(componentPress(next?.custom_id ?? ""));
    expect(turned.body.type).toBe(InteractionResponseType.UpdateMessage);
    expect(data(turned).embeds?.[0]?.footer?.text).toBe(`Page 2/${pages}`);
    expect(text(data(turned))).not.toBe(text(first));
  });

  it("clamps a page number from a stale or edited button", async () => {
    const answer = await bot.interact(componentPress("help:page:999"));
    expect(answer.body.type).toBe(InteractionResponseType.UpdateMessage);
    const [, current, pages] =
      /Page (\d+)\/(\d+)/.exec(data(answer).embeds?.[0]?.footer?.text ?? "") ?? [];
    expect(current).toBe(pages);
  });
});

describe("the watchdog", () => {
  it("defers a handler that is still running and turns its result into an edit", async () => {
    const answer = await bot.interact(slashCommand("probe", { subcommand: "slow" }));
    expect(answer.body).toEqual({
      type: InteractionResponseType.DeferredChannelMessageWithSource,
      data: { flags: 64 },
    });
    slow.latch.open();
    const edit = await bot.discord.waitFor(
      (call) => call.method === "PATCH" && call.path.includes(answer.token),
    );
    expect(edit.body).toMatchObject({ content: "slow but done" });
  });
});

describe("deferred work", () => {
  it("edits progress, then the final message", async () => {
    const answer = await bot.interact(slashCommand("probe", { subcommand: "job" }));
    expect(answer.body.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    await bot.settle();
    const edits = bot.discord.calls.filter(
      (c) => c.method === "PATCH" && c.path.includes(answer.token),
    );
    expect(edits.map((c) => (c.body as { content: string }).content)).toEqual([
      "step 1 of 2",
      "job finished",
    ]);
  });

  it("shows a failure after deferring as an edit of the placeholder", async () => {
    const interaction = slashCommand("probe", { subcommand: "late-boom" });
    const answer = await bot.interact(interaction);
    await bot.settle();
    const original = bot.discord.state.interactionMessages(answer.token).original as Data | null;
    expect(text(original ?? {})).toContain(`Something went wrong (ref \`${interaction.id}\`)`);
  });
});

describe("the error boundary", () => {
  it("answers an unexpected failure with a reference, logs it without the token, and counts it", async () => {
    const before = sample(await metrics(), "chopsticks_command_errors_total", "command", "probe");
    const interaction = slashCommand("probe", { subcommand: "boom" });
    const answer = await bot.interact(interaction);
    expect(answer.status).toBe(200);
    expect(text(data(answer))).toContain(`Something went wrong (ref \`${interaction.id}\`)`);
    expect((data(answer).flags ?? 0) & 64).toBe(64);
    const line = bot.logs.find((l) => l.includes(interaction.id));
    expect(line).toBeDefined();
    expect(JSON.parse(line ?? "{}")).toMatchObject({
      level: "error",
      event: "interaction.failed",
      command: "probe",
    });
    expect(bot.logs.join("\n")).not.toContain(answer.token);
    expect(bot.logs.join("\n")).not.toContain(bot.botToken);
    expect(sample(await metrics(), "chopsticks_command_errors_total", "command", "probe")).toBe(
      before + 1,
    );
  });

  it("explains an option of the wrong type", async () => {
    const answer = await bot.interact(
      slashCommand("probe", { subcommand: "typed", options: { count: "twelve" } }),
    );
    expect(text(data(answer))).toMatch(/`count` must be a whole number/);
  });
});

describe("when Postgres goes away", () => {
  let lonely: TestBot;
  beforeAll(async () => {
    lonely = await startBot({ commands: [...commands, probeCommand({ latch: new Latch() })] });
  });
  afterAll(() => lonely?.close());

  it("answers commands that need it with a Database error, and /health says so", async () => {
    expect(data(await lonely.interact(slashCommand("probe", { subcommand: "db" }))).content).toBe(
      "database answered",
    );
    await lonely.proxy.close();
    const interaction = slashCommand("probe", { subcommand: "db" });
    const answer = await lonely.interact(interaction);
    expect(answer.status).toBe(200);
    expect(answer.body.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(text(data(answer))).toMatch(/^Database error .*nothing was changed/);
    expect((data(answer).flags ?? 0) & 64).toBe(64);
    const health = (await (await fetch(`${lonely.url}/health`)).json()) as Record<string, string>;
    expect(health).toMatchObject({ status: "degraded", db: "error", redis: "ok" });
  });
});
