import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "node",
          include: ["test/**/*.test.ts"],
          exclude: [...configDefaults.exclude, "test/worker/**"],
          globalSetup: ["test/support/global-setup.ts"],
        },
      },
      {
        // src/worker.ts inside workerd (the Workers runtime), against the real Postgres and
        // Redis through the Neon WebSocket proxy and the Upstash REST bridge.
        plugins: [
          cloudflareTest(({ inject }) => ({
            main: "./src/worker.ts",
            wrangler: { configPath: "./wrangler.toml" },
            miniflare: { bindings: inject("workerHarness").bindings },
          })),
        ],
        test: {
          name: "workers",
          include: ["test/worker/**/*.test.ts"],
          globalSetup: ["test/support/worker-global-setup.ts"],
          setupFiles: ["test/worker/load-worker.ts"],
          deps: {
            // discord-api-types is CommonJS re-exporting through helpers Vite cannot see
            // through: without pre-bundling, its enums and `Routes` are undefined in workerd.
            // The rest are pre-bundled for speed: the pool inlines every dependency, and one
            // file per package loads the worker in ~1 s instead of ~3 s.
            optimizer: {
              ssr: {
                enabled: true,
                include: [
                  "discord-api-types/v10",
                  "@discordjs/rest",
                  "@neondatabase/serverless",
                  "@upstash/redis",
                  "@upstash/ratelimit",
                  "drizzle-orm",
                  "drizzle-orm/neon-serverless",
                  "drizzle-orm/pg-core",
                  "drizzle-orm/errors",
                  "hono",
                  "zod/mini",
                ],
              },
            },
          },
        },
      },
    ],
  },
});
