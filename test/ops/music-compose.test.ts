import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseEnv } from "node:util";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { checkCompose } from "../../scripts/lib/compose-check.ts";
import { ROOT } from "../scripts/run-script.ts";

const read = (path: string) => readFileSync(join(ROOT, path), "utf8");
type Service = {
  image?: string;
  build?: { context: string; dockerfile: string };
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
  healthcheck?: unknown;
};
const compose = read("compose.yaml");
const services = (parse(compose) as { services: Record<string, Service> }).services;

describe("compose.yaml: the music stack", () => {
  it("adds Lavalink pinned at 4.2.2 (DAVE) and the voice-node, each waiting for what it needs", () => {
    expect(checkCompose(compose, parseEnv(read("ops/compose/ci.env"))).problems).toEqual([]);
    expect(services.lavalink?.image).toBe("ghcr.io/lavalink-devs/lavalink:4.2.2-alpine");
    expect(services.lavalink?.healthcheck).toBeDefined();
    expect(services.lavalink?.volumes).toContain(
      "./ops/lavalink/application.yml:/opt/Lavalink/application.yml:ro",
    );
    expect(services["voice-node"]?.build).toEqual({
      context: ".",
      dockerfile: "voice-node/Dockerfile",
    });
    expect(services["voice-node"]?.depends_on).toEqual({
      postgres: { condition: "service_healthy" },
      lavalink: { condition: "service_healthy" },
    });
    // A direct connection: the job runner needs LISTEN/NOTIFY.
    expect(services["voice-node"]?.environment?.DATABASE_URL).toBe(
      "postgres://postgres@postgres:5432/chopsticks",
    );
    expect(services["voice-node"]?.environment?.LAVALINK_NODES).toMatch(
      /^http:\/\/main:\$\{LAVALINK_PASSWORD:-\}@lavalink:2333$/,
    );
  });

  it("configures Lavalink with the YouTube plugin 1.18.2 and the built-in YouTube source off, no password in the file", () => {
    const config = parse(read("ops/lavalink/application.yml")) as {
      lavalink: {
        plugins: { dependency: string }[];
        server: { password: string; sources: Record<string, boolean> };
      };
      plugins: { youtube: { enabled: boolean } };
    };
    expect(config.lavalink.plugins.map((p) => p.dependency)).toContain(
      "dev.lavalink.youtube:youtube-plugin:1.18.2",
    );
    expect(config.lavalink.server.sources.youtube).toBe(false);
    expect(config.plugins.youtube.enabled).toBe(true);
    // Spring resolves it from the environment: no password in the file.
    expect(config.lavalink.server.password).toBe(["$", "{LAVALINK_SERVER_PASSWORD}"].join(""));
  });

  it("builds a slim, non-root voice-node image with a HEALTHCHECK", () => {
    const dockerfile = read("voice-node/Dockerfile");
    expect(dockerfile).toMatch(/^FROM node:20-bookworm-slim$/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK /m);
    expect(dockerfile).toContain("npm run -s voice-node:build");
    expect(dockerfile).toMatch(
      /^CMD \["node", "--max-semi-space-size=2", "voice-node\/dist\/bundle\/main.mjs"\]$/m,
    );
    expect(parseEnv(read(".env.compose.example")).LAVALINK_PASSWORD).toBe("");
  });
});
