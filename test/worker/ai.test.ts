import { expect, it } from "vitest";
import { slashCommand } from "../support/interactions.ts";
import { firstEmbed, interact } from "./harness.ts";

it("/ai on a Worker without a provider or binding says how to set AI up", async () => {
  const answer = await interact(
    slashCommand("ai", { subcommand: "chat", options: { message: "hi" } }),
  );
  expect(answer.status).toBe(200);
  expect(answer.body.type).toBe(4);
  const embed = firstEmbed(answer);
  expect(embed.title).toBe("AI is not set up");
  expect(embed.description).toMatch(/`AI` binding \(Workers AI\)/);
});

it("/ai refuses an empty prompt before anything else", async () => {
  const answer = await interact(
    slashCommand("ai", { subcommand: "ask", options: { prompt: " " } }),
  );
  expect(firstEmbed(answer).description).toMatch(/prompt is empty/);
});
