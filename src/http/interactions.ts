import { InteractionType } from "discord-api-types/v10";
import type { Context, Hono, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { MalformedInteractionError } from "../interactions/errors.ts";
import { type Guard, handleInteraction } from "../interactions/handle.ts";
import { parseInteraction } from "../interactions/parse.ts";
import type { CommandRegistry } from "../interactions/registry.ts";
import { ephemeral, errorBody } from "../interactions/responses.ts";
import type { SignatureVerifier } from "../interactions/verify.ts";
import { describeError } from "../platform/logger.ts";
import type { OpenScope } from "./scope.ts";

/** Interactions are small; anything this large is not one. */
export const MAX_INTERACTION_BYTES = 1024 * 1024;

/**
 * Refuses bodies over `maxBytes` with 413. A declared Content-Length is checked directly;
 * hono's bodyLimit wraps the body in a counting stream, which costs more than half the
 * throughput on Node, so it is used only for bodies without a length (chunked).
 */
function limitBody(maxBytes: number): MiddlewareHandler {
  const streaming = bodyLimit({
    maxSize: maxBytes,
    onError: (c) => c.json({ error: "request body too large" }, 413),
  });
  return async function limitInteractionBody(c, next) {
    const declared = c.req.header("content-length");
    if (declared === undefined) return streaming(c, next);
    if (!/^\d+$/.test(declared)) return c.json({ error: "invalid content-length" }, 400);
    if (Number(declared) > maxBytes) return c.json({ error: "request body too large" }, 413);
    await next();
  };
}

/** Options for {@link mountInteractions}. */
export interface InteractionRouteOptions {
  registry: CommandRegistry;
  guards: readonly Guard[];
  verifier: (c: Context) => SignatureVerifier;
  openScope: OpenScope;
  watchdogMs?: number;
}

/**
 * `POST /interactions`: verify the signature before reading the body as JSON (401 otherwise),
 * reject malformed interactions with 400, answer PING, and hand the rest to the dispatcher.
 * A verified interaction never gets a 5xx.
 */
export function mountInteractions(app: Hono, options: InteractionRouteOptions): void {
  app.post("/interactions", limitBody(MAX_INTERACTION_BYTES), async (c) => {
    const body = new Uint8Array(await c.req.arrayBuffer());
    const failure = await options
      .verifier(c)
      .verify(
        body,
        c.req.header("x-signature-ed25519"),
        c.req.header("x-signature-timestamp"),
        Date.now(),
      );
    if (failure) return c.json({ error: "invalid request signature" }, 401);

    let interaction: ReturnType<typeof parseInteraction>;
    try {
      interaction = parseInteraction(body);
    } catch (error) {
      if (error instanceof MalformedInteractionError) return c.json({ error: error.message }, 400);
      throw error;
    }
    if (interaction.type === InteractionType.Ping) return c.json({ type: 1 });

    const verified = interaction;
    let scope: Awaited<ReturnType<OpenScope>> | undefined;
    try {
      scope = await options.openScope(c);
      return c.json(
        await handleInteraction(
          verified,
          scope.deps,
          options.registry,
          options.guards,
          options.watchdogMs,
        ),
      );
    } catch (error) {
      const log = scope?.deps.log;
      const fields = { interaction_id: verified.id, error: describeError(error) };
      if (log) log.error("interaction.unhandled", fields);
      else
        console.error(
          JSON.stringify({ level: "error", event: "interaction.unhandled", ...fields }),
        );
      return c.json(
        ephemeral(
          errorBody("Something went wrong", `Something went wrong (ref \`${verified.id}\`).`),
        ),
      );
    } finally {
      scope?.finish();
    }
  });
}
