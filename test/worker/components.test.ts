import type { APIActionRowComponent, APIButtonComponentWithCustomId } from "discord-api-types/v10";
import { expect, it } from "vitest";
import { componentPress, slashCommand } from "../support/interactions.ts";
import { firstEmbed, interact } from "./harness.ts";

function buttons(answer: Awaited<ReturnType<typeof interact>>): APIButtonComponentWithCustomId[] {
  const data = "data" in answer.body ? answer.body.data : undefined;
  const rows = (data as { components?: unknown[] } | undefined)?.components ?? [];
  return (rows as APIActionRowComponent<APIButtonComponentWithCustomId>[]).flatMap(
    (row) => row.components,
  );
}

it("/help pages forward with its Next button, updating the message in place", async () => {
  const help = await interact(slashCommand("help"));
  const pages = Number(/^Page 1\/(\d+)$/.exec(firstEmbed(help).footer?.text ?? "")?.[1]);
  expect(pages).toBeGreaterThanOrEqual(1);
  const next = buttons(help).find((button) => button.label === "Next");
  if (!next) throw new Error("no Next button");

  const pressed = await interact(componentPress(next.custom_id, { message: { components: [] } }));

  expect(pressed.status).toBe(200);
  expect(pressed.body.type).toBe(7);
  // Past the last page the handler clamps, so a one-page list stays on page 1.
  expect(firstEmbed(pressed).footer?.text).toBe(`Page ${Math.min(2, pages)}/${pages}`);
});
