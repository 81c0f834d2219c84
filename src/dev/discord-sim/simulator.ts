import { ATTACHMENT_PATH, serveAttachment } from "./attachments.ts";
import { recordAuditedCall } from "./audit-log.ts";
import { DiscordHttpError, methodNotAllowed, notFound, unauthorized } from "./errors.ts";
import { GlobalLimit } from "./global-limit.ts";
import { InvalidRequests } from "./invalid-requests.ts";
import type { SimIdentity } from "./objects.ts";
import { type BucketRule, type RateLimitedReply, RateLimits, ROUTE_LIMITS } from "./rate-limits.ts";
import {
  matchRoute,
  type RouteContext,
  type RouteDef,
  type RouteRequest,
  type UploadedFile,
} from "./router.ts";
import { callbackRecord, webhookRecord } from "./routes/interactions.ts";
import type { SimState } from "./state.ts";

/** One request the simulator received, with what it answered. */
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
  /** Simulator-clock time (ms) at arrival. */
  readonly at: number;
}

/**
 * Test controls layered on top (test/support/fake-discord.ts): a 429 or an error answered
 * before a route runs. Both are consulted after authentication; a refused call changes nothing.
 */
export interface SimHooks {
  /** An injected 429 for this call, if one is pending. */
  rateLimited?(method: string, route: string, bucketKey: string): RateLimitedReply | undefined;
  /** An injected Discord error for this call, if one is pending. */
  failure?(
    method: string,
    route: string,
    params: Record<string, string>,
  ): DiscordHttpError | undefined;
  /** Sees every call with its answer (the tests' call log). */
  record?(call: RecordedCall): void;
}

/** Options of {@link createSimulator}. */
export interface SimulatorOptions {
  routes: readonly RouteDef[];
  state: SimState;
  identity: SimIdentity;
  botToken: string;
  /** The simulator's clock (ms), for interaction-token expiry; default real time. */
  now?: () => number;
  /** `X-RateLimit-Limit` of buckets without a rule of their own, per 1 s window; default 50. */
  rateLimitPerSecond?: number;
  /** Per-route rules by `METHOD pattern`; default {@link ROUTE_LIMITS} (Discord's). */
  routeLimits?: Readonly<Record<string, BucketRule>>;
  /** Discord's global limit per bot token; default 50 requests per second. */
  globalPerSecond?: number;
  /** Where the REST API is mounted, before `/v10`; default `/api`. */
  apiPath?: string;
  hooks?: SimHooks;
}

/** A simulated Discord REST API v10 as a fetch handler. */
export interface Simulator {
  readonly context: RouteContext;
  readonly rateLimits: RateLimits;
  readonly globalLimit: GlobalLimit;
  /** The invalid-request ledger (401, 403, 429) Discord bans clients by. */
  readonly invalidRequests: InvalidRequests;
  /** Answers one request as Discord would. */
  handle(request: Request): Promise<Response>;
}

interface Reply {
  status: number;
  body?: unknown;
  headers: Record<string, string>;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

async function parseBody(request: Request): Promise<{ body: unknown; files: UploadedFile[] }> {
  const files: UploadedFile[] = [];
  const contentType = request.headers.get("content-type") ?? "";
  if (contentType.startsWith("multipart/form-data")) {
    let body: unknown;
    for (const [field, value] of (await request.formData()).entries()) {
      if (typeof value === "string") {
        if (field === "payload_json") body = JSON.parse(value);
      } else {
        files.push({ field, name: value.name, contentType: value.type, size: value.size });
      }
    }
    return { body, files };
  }
  const text = await request.text();
  return { body: text.length === 0 ? undefined : (JSON.parse(text) as unknown), files };
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
  console.error("[discord-sim] handler crashed:", error);
  return { status: 500, body: { message: "500: Internal Server Error", code: 0 }, headers: {} };
}

/** What a client banned for too many invalid requests gets (Cloudflare's block, in JSON). */
function bannedReply(): Reply {
  return {
    status: 429,
    body: {
      message:
        "You are being blocked from accessing our API temporarily due to exceeding global rate limits.",
      code: 0,
      retry_after: 600,
      global: true,
    },
    headers: { "retry-after": "600", "x-ratelimit-global": "true", "x-ratelimit-scope": "global" },
  };
}

/** Builds the simulated REST API: routing, auth, rate limits, then the route's handler. */
export function createSimulator(options: SimulatorOptions): Simulator {
  const context: RouteContext = {
    state: options.state,
    identity: options.identity,
    now: options.now ?? Date.now,
  };
  const rateLimits = new RateLimits(
    options.rateLimitPerSecond ?? 50,
    options.routeLimits ?? ROUTE_LIMITS,
  );
  const globalLimit = new GlobalLimit(options.globalPerSecond ?? 50);
  const invalidRequests = new InvalidRequests();
  const apiPath = options.apiPath ?? "/api";
  const prefix = `${apiPath}/v10`;
  // Attachments ("the CDN") are served next to the API: `/api` → `/attachments/…`.
  const cdnPrefix = `${apiPath.replace(/\/api$/, "")}${ATTACHMENT_PATH}/`;
  const hooks = options.hooks ?? {};

  function authenticate(route: RouteDef, headers: Headers, request: RouteRequest): void {
    if (route.auth === "bot" && headers.get("authorization") !== `Bot ${options.botToken}`)
      throw unauthorized();
    if (route.auth === "webhook") webhookRecord(request, context);
    if (route.auth === "callback") callbackRecord(request, context);
  }

  async function answer(
    method: string,
    path: string | null,
    incoming: Request,
    request: RouteRequest,
  ): Promise<{ reply: Reply; route: string | null }> {
    let route: string | null = null;
    try {
      Object.assign(request, await parseBody(incoming));
      const match =
        path === null ? ({ kind: "none" } as const) : matchRoute(options.routes, method, path);
      if (match.kind === "none") throw notFound();
      route = match.kind === "found" ? match.route.pattern : match.pattern;
      if (match.kind === "wrong-method") throw methodNotAllowed();
      request.params = match.params;
      authenticate(match.route, incoming.headers, request);
      if (invalidRequests.banned) return { route, reply: bannedReply() };
      const bucketKey = `${method} ${route}`;
      const injected = hooks.rateLimited?.(method, route, bucketKey);
      if (injected) return { route, reply: { status: 429, ...injected } };
      // Interaction endpoints are not bound by the global limit.
      const global = match.route.auth === "bot" ? globalLimit.admit() : null;
      if (global) return { route, reply: { status: 429, ...global } };
      const { id, app, token } = request.params;
      const major = id ?? (token ? `${app}/${token}` : "global");
      let headers: Record<string, string> = {};
      // Interaction callbacks are not rate limited per route on Discord.
      if (match.route.auth !== "callback") {
        const admission = rateLimits.admit(bucketKey, major);
        if (admission.limited) return { route, reply: { status: 429, ...admission.reply } };
        headers = admission.headers;
      }
      try {
        const failure = hooks.failure?.(method, route, request.params);
        if (failure) throw failure;
        return { route, reply: { ...match.route.handle(request, context), headers } };
      } catch (error) {
        return { route, reply: { ...errorReply(error), headers } };
      }
    } catch (error) {
      return { route, reply: errorReply(error) };
    }
  }

  return {
    context,
    rateLimits,
    globalLimit,
    invalidRequests,
    async handle(incoming) {
      const at = context.now();
      const method = incoming.method.toUpperCase();
      const url = new URL(incoming.url);
      if (method === "GET" && url.pathname.startsWith(cdnPrefix))
        return serveAttachment(context.state, url.pathname.slice(cdnPrefix.length));
      const path = url.pathname.startsWith(`${prefix}/`)
        ? url.pathname.slice(prefix.length).split("/").map(decodeSegment).join("/")
        : null;
      const reason = incoming.headers.get("x-audit-log-reason");
      const request: RouteRequest = {
        params: {},
        body: undefined,
        files: [],
        query: url.searchParams,
        auditLogReason: reason === null ? undefined : decodeSegment(reason),
      };
      const { reply, route } = await answer(method, path, incoming, request);
      const call: RecordedCall = {
        method,
        path: path ?? url.pathname,
        route,
        params: request.params,
        query: Object.fromEntries(url.searchParams),
        headers: Object.fromEntries(incoming.headers),
        auditLogReason: request.auditLogReason,
        body: request.body,
        files: request.files,
        status: reply.status,
        response: reply.body,
        at,
      };
      invalidRequests.record(reply.status, reply.headers["x-ratelimit-scope"]);
      recordAuditedCall(context.state, call, context.identity.botUserId);
      hooks.record?.(call);
      const hasBody = reply.status !== 204 && reply.body !== undefined;
      return new Response(hasBody ? JSON.stringify(reply.body) : null, {
        status: reply.status,
        headers: { ...reply.headers, ...(hasBody ? { "content-type": "application/json" } : {}) },
      });
    },
  };
}
