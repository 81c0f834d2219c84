import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import { parseDocument } from "yaml";
import { InterpolationError, interpolateDocument } from "./compose-interpolate.ts";

type Env = Readonly<Record<string, string | undefined>>;
type Json = Record<string, unknown>;

/** The compose-spec JSON schema, as the maintained dclint package ships it. */
function composeSchema(): Json {
  const dclint = dirname(createRequire(import.meta.url).resolve("dclint/package.json"));
  const schema = JSON.parse(readFileSync(join(dclint, "schemas", "compose.schema.json"), "utf8"));
  // It names draft-07 by an https URL Ajv does not register; Ajv's default dialect is draft-07.
  delete schema.$schema;
  return schema as Json;
}

let compiled: ValidateFunction | undefined;

/** The schema compiled once per process (compiling takes a few hundred milliseconds). */
function composeValidator(): ValidateFunction {
  compiled ??= new Ajv({ allErrors: true, strict: false }).compile(composeSchema());
  return compiled;
}

const asObject = (value: unknown): Json =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Json) : {};

/** What the project asks of its compose file beyond the spec (each a line of a problem). */
export function policyProblems(raw: Json, resolved: Json): string[] {
  const problems: string[] = [];
  const services = asObject(resolved.services);
  const rawServices = asObject(raw.services);
  const namedVolumes = new Set(Object.keys(asObject(resolved.volumes)));
  for (const [name, value] of Object.entries(services)) {
    const service = asObject(value);
    const image = typeof service.image === "string" ? service.image : undefined;
    if (!service.build && (!image || !/:[\w.-]+$/.test(image) || image.endsWith(":latest"))) {
      problems.push(`services.${name}.image must name a tag other than latest (got ${image})`);
    }
    for (const [dependency, condition] of Object.entries(asObject(service.depends_on))) {
      if (asObject(condition).condition !== "service_healthy") {
        problems.push(`services.${name}.depends_on.${dependency} must wait for service_healthy`);
      }
      const target = asObject(services[dependency]);
      if (!target.healthcheck && !target.build) {
        problems.push(`services.${dependency} needs a healthcheck (${name} waits for it)`);
      }
    }
    for (const mount of Array.isArray(service.volumes) ? service.volumes : []) {
      const [source = "", , mode = ""] = String(mount).split(":");
      if (/^[./~]/.test(source) ? mode !== "ro" : !namedVolumes.has(source)) {
        problems.push(
          `services.${name}.volumes "${String(mount)}": data in named volumes, bind mounts read-only`,
        );
      }
    }
    const environment = asObject(asObject(rawServices[name]).environment);
    for (const [key, literal] of Object.entries(environment)) {
      if (/(TOKEN|SECRET|PASSWORD|_KEY|KEYS)$/.test(key) && !String(literal).includes("${")) {
        problems.push(`services.${name}.environment.${key}: secrets come from .env, not the file`);
      }
    }
  }
  return problems;
}

/** The outcome of {@link checkCompose}: empty `problems` means valid. */
export interface ComposeCheck {
  problems: string[];
  /** Variables read but unset (compose would warn and use ""). */
  unset: string[];
  services: string[];
}

/**
 * Checks a compose file as `docker compose config` would, where no compose engine exists:
 * YAML (duplicate keys are errors), interpolation with `env`, the compose-spec JSON schema,
 * and the project's own rules ({@link policyProblems}).
 */
export function checkCompose(source: string, env: Env): ComposeCheck {
  const document = parseDocument(source, { uniqueKeys: true, merge: true });
  if (document.errors.length > 0) {
    return { problems: document.errors.map((e) => `YAML: ${e.message}`), unset: [], services: [] };
  }
  const raw = asObject(document.toJS());
  const report = { unset: new Set<string>() };
  let resolved: Json;
  try {
    resolved = asObject(interpolateDocument(raw, env, report));
  } catch (error) {
    if (error instanceof InterpolationError) {
      return { problems: [error.message], unset: [], services: [] };
    }
    throw error;
  }
  const validate = composeValidator();
  const problems = validate(resolved)
    ? []
    : (validate.errors ?? []).map(
        (e) =>
          `schema: ${e.instancePath || "/"} ${e.message ?? "is invalid"} ${JSON.stringify(e.params)}`,
      );
  problems.push(...policyProblems(raw, resolved));
  for (const name of report.unset) problems.push(`variable ${name} is not set (give it a default)`);
  return { problems, unset: [...report.unset], services: Object.keys(asObject(resolved.services)) };
}
