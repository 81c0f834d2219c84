import type { IncomingMessage, ServerResponse } from "node:http";
import { DiscordHttpError, methodNotAllowed, notFound, unauthorized } from "./errors.ts";
import type { Failures } from "./failures.ts";
import type { RateLimits } from "./rate-limits.ts";
import {
  matchRoute,
  type RouteContext,
  type RouteDef,
  type RouteRequest,
  type UploadedFile,
} from "./router.ts";
import { callbackRecord, webhookRecord } from "./routes-interactions.ts";

/** One request the fake Discord received, with what it answered. */
export interface RecordedCall {
  readonly method: string;
  /** Path after `/api/v10`, percent-decoded: `/webhooks/1/abc/messages/@original`. */
  readonly path: string;
  /** Matched route pattern, e.g. `/guilds/:id/bulk-ban`; `null` when nothing matched. */
  readonly route: string | null;
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  /** Request headers, lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  /** `X-Audit-Log-Reason`, URL-decoded. */
  readonly auditLogReason: string | undefined;
  /** Parsed JSON body (for multipart: the `payload_json` part). */
  readonly body: unknown;
  readonly files: readonly UploadedFile[];
  readonly status: number;
  readonly response: unknown;
  /** Fake-clock time (ms) at arrival. */
  readonly at: number;
}

/** What the dispatcher needs from the fake. */
export interface DispatchDeps {
  routes: readonly RouteDef[];
  context: RouteContext;
  botToken: string;
  rateLimits: RateLimits;
  /** Injected error answers; optional so existing callers need not pass one. */
  failures?: Failures;
  record(call: RecordedCall): void;
}

interface Reply {
  status: number;
  body?: unknown;
  headers: Record<string, string>;
}

const API_PREFIX = "/api/v10";

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function readAll(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

async function parseBody(raw: Buffer, contentType: string) {
  const files: UploadedFile[] = [];
  if (raw.length === 0) return { body: undefined as unknown, files };
  if (!contentType.startsWith("multipart/form-data")) {
    return { body: JSON.parse(raw.toString("utf8")) as unknown, files };
  }
  const form = await new Response(new Uint8Array(raw), {
    headers: { "content-type": contentType },
  }).formData();
  let body: unknown;
  for (const [field, value] of form.entries()) {
    if (typeof value === "string") {
      if (field === "payload_json") body = JSON.parse(value);
    } else {
      files.push({ field, name: value.name, contentType: value.type, size: value.size });
    }
  }
  return { body, files };
}

function authenticate(
  route: RouteDef,
  headers: Record<string, string>,
  request: RouteRequest,
  deps: DispatchDeps,
) {
  if (route.auth === "bot" && headers.authorization !== `Bot ${deps.botToken}`)
    throw unauthorized();
  if (route.auth === "webhook") webhookRecord(request, deps.context);
  if (route.auth === "callback") callbackRecord(request, deps.context);
}

function errorReply(error: unknown): Reply {
  if (error instanceof DiscordHttpError)
    return { status: error.status, body: error.body, headers: {} };
  if (error instanceof SyntaxError) {
    return {
      status: 400,
      body: { message: "The request body contains invalid JSON.", code: 50109 },
      headers: {},
    };
  }
  console.error("[fake-discord] handler crashed:", error);
  return { status: 500, body: { message: "500: Internal Server Error", code: 0 }, headers: {} };
}

/** Builds the node:http request listener of the fake Discord REST API. */
export function createDispatcher(deps: DispatchDeps) {
  return async function dispatch(
    incoming: IncomingMessage,
    outgoing: ServerResponse,
  ): Promise<void> {
    const at = deps.context.now();
    const method = (incoming.method ?? "GET").toUpperCase();
    const url = new URL(incoming.url ?? "/", "http://fake-discord");
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(incoming.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
    }
    const reason = headers["x-audit-log-reason"];
    const versioned = url.pathname.startsWith(`${API_PREFIX}/`);
    const rawPath = versioned ? url.pathname.slice(API_PREFIX.length) : url.pathname;
    const path = rawPath.split("/").map(decodeSegment).join("/");
    const request: RouteRequest = {
      params: {},
      body: undefined,
      files: [],
      query: url.searchParams,
      auditLogReason: reason === undefined ? undefined : decodeSegment(reason),
    };
    let route: string | null = null;
    let reply: Reply;
    try {
      Object.assign(
        request,
        await parseBody(await readAll(incoming), headers["content-type"] ?? ""),
      );
      const match = versioned ? matchRoute(deps.routes, method, path) : ({ kind: "none" } as const);
      if (match.kind === "none") throw notFound();
      route = match.kind === "found" ? match.route.pattern : match.pattern;
      if (match.kind === "wrong-method") throw methodNotAllowed();
      request.params = match.params;
      authenticate(match.route, headers, request, deps);
      const bucketKey = `${method} ${route}`;
      const limited = deps.rateLimits.take(method, route, bucketKey);
      if (limited) {
        reply = { status: 429, body: limited.body, headers: limited.headers };
      } else {
        const { id, app, token } = request.params;
        const major = id ?? (token ? `${app}/${token}` : "global");
        const rateHeaders =
          match.route.auth === "callback" ? {} : deps.rateLimits.headersFor(bucketKey, major);
        try {
          const injected = deps.failures?.take(method, route, request.params);
          if (injected) throw injected;
          reply = { ...match.route.handle(request, deps.context), headers: rateHeaders };
        } catch (error) {
          reply = { ...errorReply(error), headers: rateHeaders };
        }
      }
    } catch (error) {
      reply = errorReply(error);
    }

    deps.record({
      method,
      path,
      route,
      params: request.params,
      query: Object.fromEntries(url.searchParams),
      headers,
      auditLogReason: request.auditLogReason,
      body: request.body,
      files: request.files,
      status: reply.status,
      response: reply.body,
      at,
    });
    const hasBody = reply.status !== 204 && reply.body !== undefined;
    outgoing.writeHead(reply.status, {
      ...reply.headers,
      ...(hasBody ? { "content-type": "application/json" } : {}),
    });
    outgoing.end(hasBody ? JSON.stringify(reply.body) : undefined);
  };
}
