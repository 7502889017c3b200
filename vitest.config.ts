import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Starts one real MongoDB-wire server (MONGODB_URI, else FerretDB) for the whole run.
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Two cores: more workers only add contention on the shared database server.
    pool: "forks",
    maxWorkers: 2,
  },
});
