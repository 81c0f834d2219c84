import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { LOOPBACK, startTracked } from "./tracked-server.ts";

/**
 * How the fake answers one request. Scripts are taken in order by the next chat requests;
 * without one the default answer streams at `defaultChunkDelayMs`.
 */
export interface AiScript {
  /** The answer text; default `Answer #<n>.` */
  answer?: string;
  /** Characters per streamed chunk; default 8. */
  chunkChars?: number;
  /** Wait before the first chunk (headers are sent at once). */
  firstDelayMs?: number;
  /** Wait between chunks. */
  chunkDelayMs?: number;
  /** Answer this status with a JSON error body instead (401, 429, 500, …). */
  status?: number;
  /** `Retry-After` seconds on a 429. */
  retryAfter?: number;
  /** Answer 200 with this content type and a plain body (not SSE). */
  notSse?: string;
  /** Answer a redirect to this URL. */
  redirectTo?: string;
  /**
   * Stop after this many content chunks: `close` ends the response cleanly without a finish
   * reason or `[DONE]`; `reset` destroys the socket.
   */
  cutAfterChunks?: { chunks: number; how: "close" | "reset" };
}

/** One request the fake received. */
export interface AiRequestRecord {
  readonly path: string;
  /** The bearer key presented (the fake is a test double: it may see keys). */
  readonly apiKey: string | null;
  readonly model: string | null;
  readonly stream: boolean;
  readonly maxTokens: number | null;
  readonly messages: readonly { role: string; content: string }[];
  /** Tokens of the prompt, counted the fake's own way (words and punctuation). */
  readonly promptTokens: number;
  /** Tokens it sent back. */
  completionTokens: number;
  /** HTTP status it answered. */
  status: number;
  readonly at: number;
}

/** Options of {@link startFakeAiProvider}. */
export interface FakeAiOptions {
  /** Keys it accepts; any other bearer gets 401. Default: one random key. */
  keys?: string[];
  /** Models it serves; any other gets 404. Default: `fake-model`, `guild-model`. */
  models?: string[];
  /** Largest prompt accepted (tokens); more is a 400 as real providers do. Default 8000. */
  contextTokens?: number;
  defaultChunkDelayMs?: number;
}

/** A running fake OpenAI-compatible Chat Completions server. */
export interface FakeAiProvider {
  /** `http://127.0.0.1:<port>/v1`: the base URL to configure. */
  readonly baseUrl: string;
  readonly origin: string;
  /** The first accepted key. */
  readonly key: string;
  readonly keys: string[];
  readonly requests: AiRequestRecord[];
  /** Queues scripts for the next chat requests, in order. */
  script(...scripts: AiScript[]): void;
  /** Resolves when `count` chat requests have arrived. */
  waitForRequests(count: number): Promise<void>;
  close(): Promise<void>;
}

/** Counts tokens the way this fake bills them: words and punctuation marks. */
export function countTokens(text: string): number {
  return text.match(/[\p{L}\p{N}_]+|[^\s\p{L}\p{N}_]/gu)?.length ?? 0;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function sendJson(response: ServerResponse, status: number, body: unknown, headers = {}): void {
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(JSON.stringify(body));
}

function chunksOf(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/**
 * A fake OpenAI-compatible provider over real HTTP: `POST /v1/chat/completions` streams
 * real SSE (`data: {chunk}` … `data: [DONE]`) or answers JSON, with delays, errors (401,
 * 404, 429 with Retry-After, 500), non-SSE bodies, redirects and streams cut mid-answer,
 * and counts tokens of every prompt and answer. `GET /v1/models` lists its models.
 */
export async function startFakeAiProvider(options: FakeAiOptions = {}): Promise<FakeAiProvider> {
  const keys = options.keys ?? [`sk-fake-${randomUUID()}`];
  const models = options.models ?? ["fake-model", "guild-model"];
  const contextTokens = options.contextTokens ?? 8000;
  const scripts: AiScript[] = [];
  const requests: AiRequestRecord[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  let served = 0;

  const notify = () => {
    const chats = requests.filter((r) => r.path.endsWith("/chat/completions")).length;
    for (const waiter of [...waiters]) {
      if (chats >= waiter.count) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  };

  const stream = async (
    response: ServerResponse,
    record: AiRequestRecord,
    script: AiScript,
    answer: string,
  ) => {
    const id = `chatcmpl-${randomUUID()}`;
    const frame = (delta: Record<string, unknown>, finish: string | null, extra = {}) =>
      `data: ${JSON.stringify({
        id,
        object: "chat.completion.chunk",
        created: Math.floor(Date.now() / 1000),
        model: record.model,
        choices: [{ index: 0, delta, finish_reason: finish }],
        ...extra,
      })}\n\n`;
    response.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache",
    });
    response.flushHeaders();
    if (script.firstDelayMs) await sleep(script.firstDelayMs);
    response.write(frame({ role: "assistant", content: "" }, null));
    const pieces = chunksOf(answer, script.chunkChars ?? 8);
    for (const [index, piece] of pieces.entries()) {
      if (response.destroyed) return;
      if (script.cutAfterChunks && index >= script.cutAfterChunks.chunks) {
        if (script.cutAfterChunks.how === "reset") response.socket?.destroy();
        else response.end();
        return;
      }
      response.write(frame({ content: piece }, null));
      record.completionTokens += countTokens(piece);
      const delay = script.chunkDelayMs ?? options.defaultChunkDelayMs ?? 5;
      if (delay > 0 && index < pieces.length - 1) await sleep(delay);
    }
    response.write(
      frame({}, "stop", {
        usage: {
          prompt_tokens: record.promptTokens,
          completion_tokens: record.completionTokens,
          total_tokens: record.promptTokens + record.completionTokens,
        },
      }),
    );
    response.end("data: [DONE]\n\n");
  };

  const handleChat = async (request: IncomingMessage, response: ServerResponse, path: string) => {
    const auth = /^Bearer (.+)$/.exec(request.headers.authorization ?? "")?.[1] ?? null;
    let body: {
      model?: unknown;
      messages?: unknown;
      stream?: unknown;
      max_tokens?: unknown;
    };
    try {
      body = JSON.parse(await readBody(request));
    } catch {
      return sendJson(response, 400, { error: { message: "invalid JSON" } });
    }
    const messages = Array.isArray(body.messages)
      ? (body.messages as { role: string; content: string }[])
      : [];
    const record: AiRequestRecord = {
      path,
      apiKey: auth,
      model: typeof body.model === "string" ? body.model : null,
      stream: body.stream === true,
      maxTokens: typeof body.max_tokens === "number" ? body.max_tokens : null,
      messages,
      promptTokens: messages.reduce((sum, m) => sum + countTokens(String(m.content ?? "")), 0),
      completionTokens: 0,
      status: 200,
      at: Date.now(),
    };
    requests.push(record);
    notify();
    const script = scripts.shift() ?? {};
    const fail = (status: number, message: string, headers = {}) => {
      record.status = status;
      // A body that names the key, as some providers do: the bot must never show it.
      sendJson(
        response,
        status,
        { error: { message: `${message} (key ${auth ?? "none"})` } },
        headers,
      );
    };
    if (!auth || !keys.includes(auth)) return fail(401, "Incorrect API key provided");
    if (script.status === 429) {
      return fail(429, "Rate limit reached", { "retry-after": String(script.retryAfter ?? 20) });
    }
    if (script.status) return fail(script.status, "The server had an error");
    if (!record.model || !models.includes(record.model)) {
      return fail(404, `The model ${record.model} does not exist`);
    }
    if (messages.length === 0) return fail(400, "messages is required");
    if (record.promptTokens > contextTokens) return fail(400, "context length exceeded");
    if (script.redirectTo) {
      record.status = 307;
      response.writeHead(307, { location: script.redirectTo });
      return response.end();
    }
    if (script.notSse) {
      response.writeHead(200, { "content-type": script.notSse });
      return response.end("<html>this is not an event stream</html>");
    }
    served++;
    const answer = script.answer ?? `Answer #${served}.`;
    if (!record.stream) {
      const text = answer.slice(0, Math.max(1, (record.maxTokens ?? 1000) * 4));
      record.completionTokens = countTokens(text);
      return sendJson(response, 200, {
        id: `chatcmpl-${randomUUID()}`,
        object: "chat.completion",
        model: record.model,
        choices: [
          { index: 0, message: { role: "assistant", content: text }, finish_reason: "stop" },
        ],
        usage: {
          prompt_tokens: record.promptTokens,
          completion_tokens: record.completionTokens,
          total_tokens: record.promptTokens + record.completionTokens,
        },
      });
    }
    await stream(response, record, script, answer);
  };

  const server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://fake").pathname;
    const respond = async () => {
      if (request.method === "POST" && path === "/v1/chat/completions") {
        return handleChat(request, response, path);
      }
      if (request.method === "GET" && path === "/v1/models") {
        return sendJson(response, 200, {
          object: "list",
          data: models.map((id) => ({ id, object: "model" })),
        });
      }
      sendJson(response, 404, { error: { message: "not found" } });
    };
    respond().catch(() => response.destroy());
  });
  const tracked = await startTracked(server);
  const origin = `http://${LOOPBACK}:${tracked.port}`;
  return {
    baseUrl: `${origin}/v1`,
    origin,
    key: keys[0] as string,
    keys,
    requests,
    script: (...more) => {
      scripts.push(...more);
    },
    waitForRequests: (count) =>
      new Promise((resolve) => {
        waiters.push({ count, resolve });
        notify();
      }),
    close: () => tracked.stop(),
  };
}
