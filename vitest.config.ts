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
    ],
  },
});
