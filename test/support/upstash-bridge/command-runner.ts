import type { RedisClient } from "../redis-client.ts";
import type { RedisReply } from "./reply-encoding.ts";
import { type ScriptRegistry, scriptSha } from "./script-rewriter.ts";

/** A command's reply or its error text, as one entry of an Upstash response. */
export type CommandOutcome = { result: RedisReply } | { error: string };

// Commands that would change or wedge the connection every request shares, or wipe a Redis that
// parallel test files share.
const REFUSED: Record<string, string> = {
  SUBSCRIBE: "subscriptions need a connection of their own",
  PSUBSCRIBE: "subscriptions need a connection of their own",
  SSUBSCRIBE: "subscriptions need a connection of their own",
  MONITOR: "it needs a connection of its own",
  SELECT: "it would switch the shared connection's database",
  QUIT: "it would close the shared connection",
  RESET: "it would reset the shared connection",
  MULTI: "use POST /multi-exec",
  EXEC: "use POST /multi-exec",
  DISCARD: "use POST /multi-exec",
  WATCH: "the REST protocol has no WATCH",
  FLUSHDB: "the Redis is shared by parallel tests",
  FLUSHALL: "the Redis is shared by parallel tests",
};
const BLOCKING = new Set([
  "BLPOP",
  "BRPOP",
  "BLMOVE",
  "BRPOPLPUSH",
  "BZPOPMIN",
  "BZPOPMAX",
  "BLMPOP",
]);

interface Translated {
  name: string;
  args: string[];
  /** For EVALSHA of a rewritten script: the EVAL to fall back on after NOSCRIPT. */
  fallback?: { name: string; args: string[] };
  /** For SCRIPT LOAD of a rewritten script: the SHA the client computed itself. */
  reportSha?: string;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs Upstash REST commands on ioredis, binary-safe (`callBuffer`), rewriting Lua shebangs
 * Redis 7.0 rejects. Command names go to ioredis upper-cased on purpose: its reply transformers
 * (which would turn HGETALL into an object) are keyed by lower-case names.
 */
export class CommandRunner {
  readonly #redis: RedisClient;
  readonly #scripts: ScriptRegistry;

  constructor(redis: RedisClient, scripts: ScriptRegistry) {
    this.#redis = redis;
    this.#scripts = scripts;
  }

  /**
   * Runs one command. It is sent before the first `await`, so calling `run` for each command of
   * a pipeline in order keeps their order on the connection.
   */
  async run(command: readonly string[]): Promise<CommandOutcome> {
    const name = (command[0] ?? "").toUpperCase();
    const refusal = REFUSED[name];
    if (refusal) return { error: `ERR ${name} is refused by the Upstash test bridge: ${refusal}` };
    const step = this.#translate(command);
    const sent = BLOCKING.has(name) ? this.#runIsolated(step) : this.#send(step.name, step.args);
    try {
      const result = await sent;
      return { result: step.reportSha ?? result };
    } catch (error) {
      if (step.fallback && errorText(error).startsWith("NOSCRIPT")) {
        return this.#settle(this.#send(step.fallback.name, step.fallback.args));
      }
      return { error: errorText(error) };
    }
  }

  /** Runs commands as one MULTI/EXEC; throws (EXECABORT …) when Redis discards the transaction. */
  async runTransaction(commands: readonly (readonly string[])[]): Promise<CommandOutcome[]> {
    const steps = commands.map((command) => this.#translate(command));
    for (const step of steps) {
      // EVALSHA cannot fall back inside a transaction: make sure the rewritten script is loaded.
      if (step.fallback) await this.#send("SCRIPT", ["LOAD", step.fallback.args[0] ?? ""]);
    }
    const transaction = this.#redis.multi();
    for (const step of steps) transaction.callBuffer(step.name, ...step.args);
    let replies: [Error | null, unknown][] | null;
    try {
      replies = await transaction.exec();
    } catch (error) {
      const previous = (error as { previousErrors?: Error[] }).previousErrors ?? [];
      throw new Error([errorText(error), ...previous.map(errorText)].join(" "));
    }
    if (replies === null) throw new Error("EXECABORT Transaction discarded");
    return replies.map(([error, result], index) =>
      error
        ? { error: errorText(error) }
        : { result: steps[index]?.reportSha ?? (result as RedisReply) },
    );
  }

  #translate(command: readonly string[]): Translated {
    const name = (command[0] ?? "").toUpperCase();
    const args = command.slice(1);
    const [first = "", second = ""] = args;
    if ((name === "EVAL" || name === "EVAL_RO") && args.length > 0) {
      return { name, args: [this.#scripts.accept(first), ...args.slice(1)] };
    }
    if (name === "EVALSHA" || name === "EVALSHA_RO") {
      const rewritten = this.#scripts.lookup(first);
      if (!rewritten) return { name, args };
      const rest = args.slice(1);
      const evalName = name === "EVALSHA" ? "EVAL" : "EVAL_RO";
      return {
        name,
        args: [rewritten.sha, ...rest],
        fallback: { name: evalName, args: [rewritten.script, ...rest] },
      };
    }
    if (name === "SCRIPT" && first.toUpperCase() === "LOAD") {
      const accepted = this.#scripts.accept(second);
      const reportSha = accepted === second ? undefined : scriptSha(second);
      return { name, args: [first, accepted], ...(reportSha ? { reportSha } : {}) };
    }
    if (name === "SCRIPT" && first.toUpperCase() === "EXISTS") {
      const shas = args.slice(1).map((sha) => this.#scripts.lookup(sha)?.sha ?? sha);
      return { name, args: [first, ...shas] };
    }
    return { name, args };
  }

  #send(name: string, args: readonly string[]): Promise<RedisReply> {
    return this.#redis.callBuffer(name, ...args) as Promise<RedisReply>;
  }

  async #settle(reply: Promise<RedisReply>): Promise<CommandOutcome> {
    try {
      return { result: await reply };
    } catch (error) {
      return { error: errorText(error) };
    }
  }

  // A blocking pop would stall every command queued behind it on the shared connection.
  async #runIsolated(step: Translated): Promise<RedisReply> {
    const connection = this.#redis.duplicate();
    try {
      return (await connection.callBuffer(step.name, ...step.args)) as RedisReply;
    } finally {
      connection.disconnect();
    }
  }
}
