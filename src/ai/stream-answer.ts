import { type ChatMessage, EditPacer, splitPages } from "../domain/ai/index.ts";
import { describeError } from "../platform/logger.ts";
import { AiProviderError, type ChatModel } from "../ports/ai.ts";
import type { Clock, Logger, MessageBody } from "../ports/index.ts";
import { PAGE_CHARS, type PageView, pageBody } from "./views.ts";

/** Where an answer is shown: the deferred response, then follow-ups for the overflow. */
export interface AnswerSink {
  edit(body: MessageBody): Promise<void>;
  followUp(body: MessageBody): Promise<string>;
  editFollowUp(messageId: string, body: MessageBody): Promise<void>;
}

/** The budgets one answer runs under. */
export interface StreamLimits {
  firstTokenMs: number;
  totalMs: number;
  /** Where the runtime cuts background work (Workers), or null. */
  cutAfterMs: number | null;
  editIntervalMs: number;
  maxTokens: number;
}

/** Why streaming stopped. */
export type StreamEnd =
  | { kind: "complete" }
  | { kind: "timeout"; phase: "first_token" | "total" }
  | { kind: "cut" }
  | { kind: "failed"; error: AiProviderError };

/** What arrived, how it ended, and when. */
export interface StreamResult {
  text: string;
  end: StreamEnd;
  firstTokenMs: number | null;
  durationMs: number;
  /** The final body of the original response (page 0); the overflow pages are already sent. */
  original: MessageBody;
}

type Stop = "first_token" | "total" | "cut";

/** The note under an answer that stopped early, or undefined for a complete one. */
export function noteFor(end: StreamEnd, limits: StreamLimits): string | undefined {
  switch (end.kind) {
    case "complete":
      return undefined;
    case "timeout":
      return end.phase === "first_token"
        ? `The model did not start answering within ${limits.firstTokenMs / 1000} s.`
        : `The answer took longer than ${limits.totalMs / 1000} s and was stopped; this is what arrived.`;
    case "cut":
      return `Cut at ${Math.round((limits.cutAfterMs ?? 0) / 1000)} s: this instance runs on a short-lived runtime and no long-lived worker was available to finish the answer. Ask for a shorter answer.`;
    case "failed":
      return `${end.error.message} This is what arrived.`;
  }
}

/**
 * Streams a model's answer into Discord: the deferred response is edited as tokens arrive
 * (at most once per `editIntervalMs`), text past one embed goes to follow-ups, and the
 * answer is stopped at the first-token, total or runtime limit, keeping what arrived.
 */
export async function streamAnswer(
  model: ChatModel,
  messages: readonly ChatMessage[],
  sink: AnswerSink,
  options: { limits: StreamLimits; clock: Clock; log: Logger; question?: string },
): Promise<StreamResult> {
  const { limits, clock, log } = options;
  const started = clock.now();
  const footer = model.model;
  const controller = new AbortController();
  let stop: Stop | null = null;
  let wake: () => void = () => {};
  const stopped = new Promise<void>((resolve) => {
    wake = resolve;
  });
  const halt = (reason: Stop) => {
    stop ??= reason;
    controller.abort();
    wake();
  };
  const deadline = Math.min(limits.totalMs, limits.cutAfterMs ?? Number.POSITIVE_INFINITY);
  const firstTimer = setTimeout(() => halt("first_token"), limits.firstTokenMs);
  const endTimer = setTimeout(
    () => halt(limits.cutAfterMs !== null && limits.cutAfterMs < limits.totalMs ? "cut" : "total"),
    deadline,
  );

  let text = "";
  let firstTokenMs: number | null = null;
  const shown: string[] = [];
  const followUps: string[] = [];
  const pacer = new EditPacer(limits.editIntervalMs);
  let inflight: Promise<void> | null = null;
  let pending: ReturnType<typeof setTimeout> | undefined;

  const view = (page: string, index: number, last: boolean, final: StreamEnd | null): PageView => ({
    text: page,
    question: index === 0 ? options.question : undefined,
    footer: last ? (final ? footer : `${footer} · writing…`) : undefined,
    streaming: last && !final,
    note: last && final ? noteFor(final, limits) : undefined,
  });

  /** Shows `pages`: page 0 in the original, the rest in follow-ups created on first need. */
  const show = async (pages: string[], final: StreamEnd | null, skipOriginal: boolean) => {
    for (const [index, page] of pages.entries()) {
      const body = pageBody(view(page, index, index === pages.length - 1, final));
      const key = JSON.stringify(body);
      if (shown[index] === key || (index === 0 && skipOriginal)) continue;
      shown[index] = key;
      if (index === 0) await sink.edit(body);
      else if (followUps[index - 1]) await sink.editFollowUp(followUps[index - 1] as string, body);
      else followUps[index - 1] = await sink.followUp(body);
    }
  };

  const render = () => {
    if (inflight || pending || stop) return;
    const wait = pacer.waitMs(clock.now());
    if (wait > 0) {
      pending = setTimeout(() => {
        pending = undefined;
        render();
      }, wait);
      return;
    }
    if (!pacer.take(text, clock.now())) return;
    const snapshot = text;
    inflight = show(splitPages(snapshot, PAGE_CHARS), null, false)
      .catch((error) => log.warn("ai.stream_edit_failed", { error: describeError(error) }))
      .finally(() => {
        pacer.finished(clock.now());
        inflight = null;
        if (text !== snapshot) render();
      });
  };

  let end: StreamEnd = { kind: "complete" };
  const iterator = model
    .stream(messages, { signal: controller.signal, maxTokens: limits.maxTokens })
    [Symbol.asyncIterator]();
  try {
    for (;;) {
      const next = await Promise.race([iterator.next(), stopped.then(() => null)]);
      if (next === null || next.done) break;
      if (firstTokenMs === null) {
        firstTokenMs = clock.now() - started;
        clearTimeout(firstTimer);
      }
      text += next.value;
      render();
    }
  } catch (error) {
    if (!stop) {
      end = {
        kind: "failed",
        error:
          error instanceof AiProviderError
            ? error
            : new AiProviderError("network", "The provider could not be reached."),
      };
    }
  } finally {
    clearTimeout(firstTimer);
    clearTimeout(endTimer);
    clearTimeout(pending);
    if (stop) void iterator.return?.(undefined)?.catch(() => undefined);
  }
  const reason = stop as Stop | null;
  if (reason === "cut") end = { kind: "cut" };
  else if (reason) end = { kind: "timeout", phase: reason };
  await inflight;

  const pages = splitPages(text, PAGE_CHARS);
  if (text) await show(pages, end, true);
  const original = pageBody(view(pages[0] ?? "", 0, pages.length === 1, end));
  return { text, end, firstTokenMs, durationMs: clock.now() - started, original };
}
