// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are compose interpolation, not JS templates
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseEnv } from "node:util";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { checkCompose } from "../../scripts/lib/compose-check.ts";
import { InterpolationError, interpolate } from "../../scripts/lib/compose-interpolate.ts";
import { PRODUCTION_REQUIRED } from "../../src/config.ts";
import { ROOT, runScript, temporaryDirectory } from "../scripts/run-script.ts";

const read = (path: string) => readFileSync(join(ROOT, path), "utf8");
const compose = read("compose.yaml");
const ciEnv = parseEnv(read("ops/compose/ci.env"));
type Service = {
  image?: string;
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  env_file?: { path: string; required: boolean }[];
  healthcheck?: unknown;
  volumes?: string[];
};
const services = (parse(compose) as { services: Record<string, Service> }).services;

describe("compose interpolation", () => {
  const env = { SET: "value", EMPTY: "" };
  it.each([
    ["${SET}", "value"],
    ["$SET/x", "value/x"],
    ["${UNSET:-fallback}", "fallback"],
    ["${EMPTY:-fallback}", "fallback"],
    ["${EMPTY-fallback}", ""],
    ["${UNSET-${SET}}", "value"],
    ["${SET:+on}|${EMPTY:+on}|${EMPTY+on}", "on||on"],
    ["$$SET", "$SET"],
    ["${EMPTY?unused}", ""],
  ])("%s → %s", (text, expected) => {
    expect(interpolate(text, env)).toBe(expected);
  });

  it.each([
    [
      "${UNSET:?set UNSET in .env}",
      "required variable UNSET is missing a value: set UNSET in .env",
    ],
    ["${EMPTY:?needs a value}", "required variable EMPTY is missing a value: needs a value"],
    ["${UNSET?missing}", "required variable UNSET is missing a value: missing"],
    ["${1BAD}", 'invalid interpolation format "${1BAD}"'],
    ["${SET", 'unterminated "${"'],
  ])("refuses %s naming the problem", (text, message) => {
    expect(() => interpolate(text, env)).toThrow(InterpolationError);
    expect(() => interpolate(text, env)).toThrow(message);
  });
});

describe("compose.yaml", () => {
  it("validates against the compose spec and the project's rules with the CI env file", () => {
    const result = checkCompose(compose, ciEnv);
    expect(result.problems).toEqual([]);
    expect(result.services).toEqual(expect.arrayContaining(["postgres", "redis", "edge"]));
  });

  it("runs Postgres 17, Redis 7 and the edge, each waiting for what it needs to be healthy", () => {
    expect(services.postgres?.image).toBe("postgres:17");
    expect(services.redis?.image).toBe("redis:7");
    expect(services.postgres?.healthcheck).toBeDefined();
    expect(services.redis?.healthcheck).toBeDefined();
    expect(services.edge?.depends_on).toEqual({
      postgres: { condition: "service_healthy" },
      redis: { condition: "service_healthy" },
    });
    expect(services.edge?.environment).toMatchObject({
      DATABASE_URL: "postgres://postgres@postgres:5432/chopsticks",
      REDIS_URL: "redis://redis:6379",
    });
    expect(services.postgres?.volumes).toContain("postgres-data:/var/lib/postgresql/data");
  });

  it("takes every secret the edge requires from .env, and the example lists each one", () => {
    expect(services.edge?.env_file).toEqual([{ path: ".env", required: false }]);
    const example = parseEnv(read(".env.compose.example"));
    for (const name of PRODUCTION_REQUIRED) {
      expect(name in (services.edge?.environment ?? {}) || name in example, name).toBe(true);
      if (!(name in (services.edge?.environment ?? {}))) expect(example[name], name).toBe("");
    }
  });

  it.each([
    [
      "a misspelt key",
      ["      interval: 5s", "      intervall: 5s"],
      /additionalProperty.*intervall/,
    ],
    ["an untagged image", ["image: redis:7", "image: redis"], /redis.image must name a tag/],
    [
      "a start without waiting",
      ["condition: service_healthy", "condition: service_started"],
      /must wait for service_healthy/,
    ],
    [
      "a secret written in the file",
      ["      PORT: 8787", "      DISCORD_TOKEN: abc\n      PORT: 8787"],
      /DISCORD_TOKEN: secrets come from .env/,
    ],
    ["a bind mount for data", ["postgres-data:/var/lib", "./pgdata:/var/lib"], /named volumes/],
    [
      "a required variable without a value",
      ["PORT: 8787", "PORT: ${EDGE_PORT:?EDGE_PORT must be set}"],
      /required variable EDGE_PORT is missing a value: EDGE_PORT must be set/,
    ],
    [
      "a duplicate key",
      ["    restart: unless-stopped\n", "    restart: unless-stopped\n    restart: always\n"],
      /YAML: .*unique/i,
    ],
  ])("refuses %s", (_, [from, to], problem) => {
    expect(compose).toContain(from);
    const broken = compose.replace(from ?? "", to ?? "");
    expect(checkCompose(broken, ciEnv).problems.join("\n")).toMatch(problem);
  });

  it("is checked by npm run check-compose: exit 0 when valid, 1 with one line per problem", {
    timeout: 30_000,
  }, async () => {
    const valid = await runScript("check-compose", ["--env-file", "ops/compose/ci.env"], {
      cwd: ROOT,
      env: {},
    });
    expect(valid.status, valid.output).toBe(0);
    expect(valid.stdout).toMatch(/compose\.yaml: valid/);

    const dir = temporaryDirectory();
    try {
      const file = join(dir.path, "compose.yaml");
      const { writeFileSync } = await import("node:fs");
      writeFileSync(file, compose.replace("image: postgres:17", "image: postgres:latest"));
      const invalid = await runScript("check-compose", ["--file", file], { cwd: ROOT, env: {} });
      expect(invalid.status).toBe(1);
      expect(invalid.stdout.trim().split("\n")).toEqual([
        `${file}: services.postgres.image must name a tag other than latest (got postgres:latest)`,
      ]);
    } finally {
      dir.remove();
    }
  });
});
