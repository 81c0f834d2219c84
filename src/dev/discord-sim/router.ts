import type { SimIdentity } from "./objects.ts";
import type { SimState } from "./state.ts";

/** How a route authenticates: bot token, interaction webhook token, or interaction callback. */
export type RouteAuth = "bot" | "webhook" | "callback";

/** A file part of a multipart request. */
export interface UploadedFile {
  field: string;
  name: string;
  contentType: string;
  size: number;
}

/** What a handler gets from the request. */
export interface RouteRequest {
  params: Record<string, string>;
  body: unknown;
  files: UploadedFile[];
  query: URLSearchParams;
  /** `X-Audit-Log-Reason`, URL-decoded. */
  auditLogReason: string | undefined;
}

/** What a handler gets from the simulator. */
export interface RouteContext {
  state: SimState;
  identity: SimIdentity;
  /** The injectable clock (ms). */
  now(): number;
}

/** A handler's answer; errors are thrown as `DiscordHttpError`. */
export interface RouteResult {
  status: number;
  body?: unknown;
}

/** One row of the route table. */
export interface RouteDef {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Path after `/api/v10`, with `:name` parameters, e.g. `/guilds/:id/bulk-ban`. */
  pattern: string;
  auth: RouteAuth;
  handle(request: RouteRequest, context: RouteContext): RouteResult;
}

/** Result of matching a path against the table. */
export type RouteMatch =
  | { kind: "found"; route: RouteDef; params: Record<string, string> }
  | { kind: "wrong-method"; pattern: string }
  | { kind: "none" };

function matchPattern(pattern: string, segments: string[]): Record<string, string> | null {
  const parts = pattern.split("/").filter(Boolean);
  if (parts.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (const [index, part] of parts.entries()) {
    const segment = segments[index] ?? "";
    if (part.startsWith(":")) params[part.slice(1)] = segment;
    else if (part !== segment) return null;
  }
  return params;
}

/** Finds the first route whose pattern matches the decoded `path` (literal rows go first). */
export function matchRoute(routes: readonly RouteDef[], method: string, path: string): RouteMatch {
  const segments = path.split("/").filter(Boolean);
  let wrongMethod: string | undefined;
  for (const route of routes) {
    const params = matchPattern(route.pattern, segments);
    if (!params) continue;
    if (route.method === method) return { kind: "found", route, params };
    wrongMethod ??= route.pattern;
  }
  return wrongMethod ? { kind: "wrong-method", pattern: wrongMethod } : { kind: "none" };
}

/** Shorthand for a JSON reply. */
export const json = (body: unknown, status = 200): RouteResult => ({ status, body });

/** Shorthand for 204 No Content. */
export const noContent = (): RouteResult => ({ status: 204 });
