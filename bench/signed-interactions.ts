import { ping, slashCommand } from "../test/support/interactions.ts";
import { snowflake } from "../test/support/snowflake.ts";
import type { BenchEnvironment } from "./environment.ts";
import { interactionRequest, type LoadRequest } from "./load.ts";

/** A signed /help from a fresh user in `guildId` (a fresh user so no per-user limit bites). */
export async function helpRequest(env: BenchEnvironment, guildId: string): Promise<LoadRequest> {
  const body = JSON.stringify(
    slashCommand("help", { applicationId: env.applicationId, guildId, user: { id: snowflake() } }),
  );
  return interactionRequest(body, await env.signer.sign(body));
}

/** A signed PING. */
export async function pingRequest(env: BenchEnvironment): Promise<LoadRequest> {
  const body = JSON.stringify(ping({ applicationId: env.applicationId }));
  return interactionRequest(body, await env.signer.sign(body));
}

/** Sends one /help and checks the answer is the command list (not a refusal or an error). */
export async function sanityCheck(env: BenchEnvironment, request: LoadRequest): Promise<void> {
  const response = await fetch(`${env.app.url}/interactions`, {
    method: "POST",
    headers: request.headers as Record<string, string>,
    body: request.body as string,
  });
  const answer = (await response.json()) as {
    type?: number;
    data?: { embeds?: { title?: string }[] };
  };
  const title = answer.data?.embeds?.[0]?.title;
  if (response.status !== 200 || answer.type !== 4 || title !== "Chopsticks commands") {
    throw new Error(`/help did not answer with the command list: ${JSON.stringify(answer)}`);
  }
}
