/** What the repository offers, against which a runbook's commands are checked. */
export interface RepoFacts {
  npmScripts: Readonly<Record<string, string>>;
  /** Edge HTTP routes, e.g. `/health`, `/admin/scheduled`. */
  routes: ReadonlySet<string>;
  composeServices: ReadonlySet<string>;
  fileExists(path: string): boolean;
}

/** A command of the runbook with the flags it passes, for checking against the tool's help. */
export interface FlaggedCommand {
  /** `node scripts/check-token.mjs`, `npm run deploy-commands`, `npx wrangler tail`. */
  command: string;
  flags: string[];
}

/** The shell the runbook shows: lines of ```bash blocks and inline `code` spans. */
export function shellText(markdown: string): { lines: string[]; spans: string[] } {
  const lines: string[] = [];
  for (const block of markdown.matchAll(/```bash\n([\s\S]*?)```/g)) {
    for (const line of (block[1] ?? "").split("\n")) {
      // A comment starts at " #" outside quotes; the runbook's commands keep '#' out of them.
      const code = line.replace(/(^|\s)#\s.*$/, "").trim();
      if (code) lines.push(code);
    }
  }
  const prose = markdown.replace(/```[\s\S]*?```/g, "");
  const spans = [...prose.matchAll(/`([^`\n]+)`/g)].map((m) => m[1] ?? "");
  return { lines, spans };
}

const COMPOSE_FLAGS_WITH_VALUE = new Set(["--tail", "--since", "-u", "--user", "-e", "--env"]);
const COMPOSE_SERVICE_VERBS = new Set([
  "ps",
  "logs",
  "restart",
  "stop",
  "start",
  "up",
  "pull",
  "build",
  "exec",
  "run",
]);
const COMPOSE_VERBS = new Set([...COMPOSE_SERVICE_VERBS, "down", "config", "top", "images"]);

function composeProblems(command: string, services: ReadonlySet<string>): string[] {
  const words = command.split(/\s+/);
  const verb = words[0] ?? "";
  if (!COMPOSE_VERBS.has(verb)) return [`docker compose ${verb}: not a compose command`];
  if (!COMPOSE_SERVICE_VERBS.has(verb)) return [];
  const named: string[] = [];
  for (let i = 1; i < words.length; i++) {
    const word = words[i] ?? "";
    if (/^[;&|]/.test(word)) break;
    if (word.startsWith("-")) {
      if (COMPOSE_FLAGS_WITH_VALUE.has(word)) i++;
      continue;
    }
    named.push(word);
    // exec and run take one service, then the command to run in it.
    if (verb === "exec" || verb === "run") break;
  }
  return named
    .filter((name) => !services.has(name))
    .map((name) => `docker compose ${verb}: no service "${name}" in compose.yaml`);
}

/**
 * Everything the runbook names that does not exist: npm scripts, files, edge routes, compose
 * services and subcommands. One line per problem; empty when every command exists.
 */
export function missingCommands(markdown: string, facts: RepoFacts): string[] {
  const { lines, spans } = shellText(markdown);
  const text = [...lines, ...spans].join("\n");
  const problems = new Set<string>();
  for (const [, name] of text.matchAll(/\bnpm run ([\w:-]+)/g)) {
    if (name && !(name in facts.npmScripts)) problems.add(`npm run ${name}: no such script`);
  }
  for (const [path] of text.matchAll(/(?<![\w/.$-])(?:scripts|ops|src|docs|test)\/[\w./-]*\w/g)) {
    if (!facts.fileExists(path)) problems.add(`${path}: no such file`);
  }
  for (const [, route] of text.matchAll(/\$EDGE_URL(\/[\w/@.-]*)/g)) {
    if (route && !facts.routes.has(route)) problems.add(`${route}: no such route on the edge`);
  }
  for (const [, rest] of text.matchAll(/\bdocker compose ([^\n&|;]+)/g)) {
    for (const problem of composeProblems((rest ?? "").trim(), facts.composeServices)) {
      problems.add(problem);
    }
  }
  return [...problems];
}

/** The runbook's script and wrangler invocations with their flags, one entry per command. */
export function flaggedCommands(markdown: string): FlaggedCommand[] {
  const { lines, spans } = shellText(markdown);
  const found = new Map<string, Set<string>>();
  const add = (command: string, args: string) => {
    const flags = found.get(command) ?? new Set<string>();
    for (const [flag] of args.matchAll(/(?<=\s|^)--[\w-]+/g)) flags.add(flag);
    found.set(command, flags);
  };
  for (const line of [...lines, ...spans]) {
    for (const m of line.matchAll(/\bnode (scripts\/[\w.-]+\.mjs)([^;&|]*)/g)) {
      add(`node ${m[1]}`, m[2] ?? "");
    }
    for (const m of line.matchAll(/\bnpm run ([\w:-]+)(?: --([^;&|]*))?/g)) {
      add(`npm run ${m[1]}`, m[2] ?? "");
    }
    for (const m of line.matchAll(/\bnpx wrangler ([^;&|]*)/g)) {
      // Subcommand words (`deployments list`, `secret put`) run until a flag or an argument.
      const subcommand: string[] = [];
      for (const word of (m[1] ?? "").trim().split(/\s+/)) {
        if (!/^[a-z]+$/.test(word)) break;
        subcommand.push(word);
      }
      add(`npx wrangler ${subcommand.join(" ")}`, m[1] ?? "");
    }
  }
  return [...found].map(([command, flags]) => ({ command, flags: [...flags] }));
}
