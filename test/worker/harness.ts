import {
  createExecutionContext,
  createScheduledController,
  waitOnExecutionContext,
} from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import type { APIEmbed, APIInteractionResponse } from "discord-api-types/v10";
import { inject } from "vitest";
import worker from "../../src/worker.ts";
import { type SignatureHeaders, type Signer, signerFromKeys } from "../support/signer.ts";

/**
 * The workers project's side of the harness: calls into src/worker.ts (loaded in this isolate
 * by the pool's `main`) and the control server of worker-global-setup.ts. Web APIs only.
 */
export const harness = inject("workerHarness");

const ORIGIN = "https://chopsticks.test";

/** Sends a request to the worker's `fetch` handler, as Cloudflare's edge would. */
export function callWorker(path: string, init?: RequestInit): Promise<Response> {
  return exports.default.fetch(`${ORIGIN}${path}`, init);
}

/**
 * Runs the worker's cron handler as if fired at `at` (ms), with the pool's bindings; resolves
 * once its waitUntil work is done. (In pool 0.15.1 `exports.default.scheduled()` resolved to
 * undefined, not to a ScheduledResult, so the handler is called directly.)
 */
export async function fireCron(at: number): Promise<void> {
  const controller = createScheduledController({ scheduledTime: new Date(at), cron: "* * * * *" });
  const ctx = createExecutionContext();
  worker.scheduled(controller, env, ctx);
  await waitOnExecutionContext(ctx);
}

let signer: Promise<Signer> | undefined;

/** Signs as Discord does, with the key pair whose public half the worker is configured with. */
export function sign(body: string, timestamp?: string) {
  signer ??= signerFromKeys(harness.signerKeys);
  return signer.then((s) => s.sign(body, timestamp));
}

/** POSTs raw bytes to /interactions with the given headers. */
export function postInteraction(
  body: string,
  headers: SignatureHeaders | Record<string, string>,
): Promise<Response> {
  return callWorker("/interactions", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });
}

async function controlJson<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(`${harness.controlUrl}${path}`, init);
  const body = (await response.json()) as T & { error?: string };
  if (!response.ok) throw new Error(`control ${path}: ${response.status} ${body.error}`);
  return body;
}

/** The fake Discord, the Upstash bridge and Postgres, as seen from inside workerd. */
export const control = {
  /** A fresh interaction token the fake Discord knows (follow-ups with it succeed). */
  issueToken: () =>
    controlJson<{ token: string }>("/discord/interaction-tokens", { method: "POST" }).then(
      (r) => r.token,
    ),
  /** Commands the bridge ran on Redis, from index `after`; `total` is the next index. */
  upstashCommands: (after = 0) =>
    controlJson<{ requests: number; total: number; commands: string[][] }>(
      `/upstash/commands?after=${after}`,
    ),
  /** A read-only query on the run's database, over node-postgres. */
  query: <Row>(text: string, values: unknown[] = []) =>
    controlJson<{ rows: Row[] }>("/postgres/query", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text, values }),
    }).then((r) => r.rows),
};

/** The answer to one signed interaction. */
export interface Answer {
  status: number;
  body: APIInteractionResponse;
  token: string;
}

/** Signs and posts `payload` with a token issued by the fake Discord and the app's id. */
export async function interact(payload: object): Promise<Answer> {
  const token = await control.issueToken();
  const body = JSON.stringify({ ...payload, token, application_id: harness.applicationId });
  const response = await postInteraction(body, await sign(body));
  return { status: response.status, body: (await response.json()) as Answer["body"], token };
}

/** The first embed of a message response. */
export function firstEmbed(answer: Answer): APIEmbed {
  const data = "data" in answer.body ? (answer.body.data as { embeds?: APIEmbed[] }) : undefined;
  const embed = data?.embeds?.[0];
  if (!embed) throw new Error(`no embed in ${JSON.stringify(answer.body)}`);
  return embed;
}
