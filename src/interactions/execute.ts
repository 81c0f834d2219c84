import {
  type APIInteraction,
  type APIInteractionResponse,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
} from "discord-api-types/v10";
import type { CommandOutcome, Deps, MessageBody } from "../ports/index.ts";
import { type Failure, toFailure } from "./boundary.ts";
import type { Route } from "./registry.ts";
import { clampMessage, ephemeral } from "./responses.ts";
import type { DeferredWork, HandlerResult, Progress } from "./types.ts";

/** Discord allows 3 s; anything still running at 2.5 s is deferred and finished with an edit. */
export const WATCHDOG_MS = 2500;

type Settled =
  | { kind: "response"; response: APIInteractionResponse }
  | { kind: "deferred"; work: DeferredWork }
  | { kind: "failed"; failure: Failure };

/** How the interaction was acknowledged when we deferred. */
type Ack = { type: "message"; ephemeral: boolean } | { type: "update" };

const TIMED_OUT = Symbol("timed out");

/**
 * Runs a routed handler so Discord always gets an answer in time: immediate results are
 * returned, slow ones are deferred by the watchdog, and deferred work finishes in the
 * background with edits of the original response. Every path records the outcome once.
 */
export async function execute(
  interaction: APIInteraction & { token: string },
  route: Route,
  deps: Deps,
  watchdogMs = WATCHDOG_MS,
): Promise<APIInteractionResponse> {
  const started = deps.clock.now();
  const command = route.module.name;
  const done = (outcome: CommandOutcome) =>
    deps.metrics.observeCommand(command, outcome, deps.clock.now() - started);
  const settled = settle(route, interaction, deps);

  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), watchdogMs);
  });
  const first = await Promise.race([settled, timeout]);
  clearTimeout(timer);

  if (first === TIMED_OUT) {
    if (route.kind === "autocomplete") {
      deps.background.run("interaction.autocomplete_late", async () =>
        done(outcomeOf(await settled)),
      );
      return {
        type: InteractionResponseType.ApplicationCommandAutocompleteResult,
        data: { choices: [] },
      };
    }
    const ack = ackFor(interaction, route.module.deferEphemeral ?? true);
    deps.background.run("interaction.late", async () => {
      done(await deliverLate(await settled, ack, interaction, deps, command));
    });
    return deferResponse(ack);
  }

  switch (first.kind) {
    case "response":
      done("ok");
      return first.response;
    case "failed":
      done(first.failure.outcome);
      return ephemeral(first.failure.body);
    case "deferred": {
      const ack = ackFor(interaction, first.work.ephemeral);
      deps.background.run("interaction.deferred", async () => {
        done(await runDeferred(first.work, ack, interaction, deps, command));
      });
      return deferResponse(ack);
    }
  }
}

async function settle(route: Route, interaction: APIInteraction, deps: Deps): Promise<Settled> {
  try {
    const result: HandlerResult = await route.run(deps);
    return "kind" in result
      ? { kind: "deferred", work: result }
      : { kind: "response", response: result };
  } catch (error) {
    return { kind: "failed", failure: toFailure(error, interaction, route.module.name, deps.log) };
  }
}

function outcomeOf(settled: Settled): CommandOutcome {
  return settled.kind === "failed" ? settled.failure.outcome : "ok";
}

/** Components keep their message (type 6); commands and modals get a "thinking…" message (type 5). */
function ackFor(interaction: APIInteraction, ephemeralDefer: boolean): Ack {
  const onMessage =
    interaction.type === InteractionType.MessageComponent ||
    (interaction.type === InteractionType.ModalSubmit && interaction.message !== undefined);
  return onMessage ? { type: "update" } : { type: "message", ephemeral: ephemeralDefer };
}

function deferResponse(ack: Ack): APIInteractionResponse {
  if (ack.type === "update") return { type: InteractionResponseType.DeferredMessageUpdate };
  return {
    type: InteractionResponseType.DeferredChannelMessageWithSource,
    ...(ack.ephemeral ? { data: { flags: MessageFlags.Ephemeral } } : {}),
  };
}

/** Turns a result that arrived after the watchdog deferred into the matching webhook call. */
async function deliverLate(
  settled: Settled,
  ack: Ack,
  interaction: APIInteraction & { token: string },
  deps: Deps,
  command: string,
): Promise<CommandOutcome> {
  const hooks = deps.discord.interactions;
  if (settled.kind === "deferred")
    return runDeferred(settled.work, ack, interaction, deps, command);
  if (settled.kind === "failed") {
    await deliverFailure(settled.failure.body, ack, interaction, deps);
    return settled.failure.outcome;
  }
  const { response } = settled;
  if (response.type === InteractionResponseType.UpdateMessage && response.data) {
    await hooks.editOriginal(interaction.token, clampMessage(response.data));
  } else if (response.type === InteractionResponseType.ChannelMessageWithSource && response.data) {
    if (ack.type === "update") await hooks.followUp(interaction.token, clampMessage(response.data));
    else await hooks.editOriginal(interaction.token, clampMessage(response.data));
  } else {
    await deliverFailure(
      { content: "That took too long to open. Please try again." },
      ack,
      interaction,
      deps,
    );
    return "error";
  }
  return "ok";
}

async function runDeferred(
  deferred: DeferredWork,
  ack: Ack,
  interaction: APIInteraction & { token: string },
  deps: Deps,
  command: string,
): Promise<CommandOutcome> {
  const hooks = deps.discord.interactions;
  const progress: Progress = {
    edit: (body) => hooks.editOriginal(interaction.token, clampMessage(body)),
    followUp: (body) => hooks.followUp(interaction.token, clampMessage(body)),
    editFollowUp: (id, body) => hooks.editMessage(interaction.token, id, clampMessage(body)),
  };
  try {
    const final = await deferred.work(progress);
    if (final) await hooks.editOriginal(interaction.token, clampMessage(final));
    return "ok";
  } catch (error) {
    const failure = toFailure(error, interaction, command, deps.log);
    await deliverFailure(failure.body, ack, interaction, deps);
    return failure.outcome;
  }
}

/**
 * Shows a failure privately: an ephemeral placeholder is edited in place; a public one is
 * removed and replaced by an ephemeral follow-up; a component's message is left alone.
 */
async function deliverFailure(
  body: MessageBody,
  ack: Ack,
  interaction: APIInteraction & { token: string },
  deps: Deps,
): Promise<void> {
  const hooks = deps.discord.interactions;
  const privateBody = clampMessage({ ...body, flags: MessageFlags.Ephemeral });
  if (ack.type === "message" && ack.ephemeral) {
    await hooks.editOriginal(interaction.token, privateBody);
    return;
  }
  await hooks.followUp(interaction.token, privateBody);
  if (ack.type === "message") await hooks.deleteOriginal(interaction.token);
}
