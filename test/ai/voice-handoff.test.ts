import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spokenText } from "../../src/domain/ai/index.ts";
import { type FakeAiProvider, startFakeAiProvider } from "../support/fake-ai-provider.ts";
import { slashCommand } from "../support/interactions.ts";
import { type MusicWorld, startMusicWorld } from "../support/music-world.ts";
import { bodyText, editsOf } from "./helpers.ts";

/** The Workers case on Node: the edge cuts answers after CUT_MS unless a worker runs. */
const CUT_MS = 2000;
/** An answer that takes about 4 s to stream: longer than the cut. */
const LONG = { answer: "part ".repeat(40).trim(), chunkChars: 5, chunkDelayMs: 100 };

let provider: FakeAiProvider;
let world: MusicWorld;
beforeAll(async () => {
  provider = await startFakeAiProvider();
  world = await startMusicWorld({
    aiCutAfterMs: CUT_MS,
    workerTasks: true,
    botEnv: { AI_BASE_URL: provider.baseUrl, AI_API_KEY: provider.key, AI_MODEL: "fake-model" },
  });
  await world.startNode();
}, 60_000);
afterAll(async () => {
  await world?.close();
  await provider?.close();
});

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe("/ai voice on a short-lived runtime (Workers), with the voice-node running", () => {
  it("hands the answer to the voice-node, which streams it in full and then speaks all of it", async () => {
    provider.script(LONG);
    const reply = await world.bot.interact(
      slashCommand("ai", {
        subcommand: "voice",
        options: { prompt: "a long one" },
        guildId: world.guild.guildId,
        channelId: world.guild.textChannelId,
        user: { id: world.guild.listenerId },
      }),
    );
    expect(reply.body.type).toBe(5);
    await world.bot.settle();
    // The edge only handed it over: every edit comes from the voice-node's ai_answer job.
    const final = await world.bot.discord.waitFor(
      (call) =>
        call.method === "PATCH" &&
        call.path.includes(reply.token) &&
        Boolean((call.body as { content?: string }).content),
      { timeoutMs: 30_000 },
    );
    expect((final.body as { content: string }).content).toContain(
      `Speaking this answer in <#${world.guild.voiceChannelId}>`,
    );
    expect(bodyText(final.body)).toContain(LONG.answer);
    expect(bodyText(final.body)).not.toMatch(/Cut at/);
    expect(editsOf(world.bot, reply.token).length).toBeGreaterThanOrEqual(3);
    await until(
      () =>
        spokenText(world.lavalink.player(world.guild.guildId)?.track?.info.identifier ?? "") ===
        LONG.answer,
    );
  }, 60_000);
});
