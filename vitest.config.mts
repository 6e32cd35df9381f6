import os from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      "server-only": path.resolve(import.meta.dirname, "tests/server-only-stub.ts"),
    },
  },
  test: {
    environment: "node",
    include: ["lib/**/*.test.ts", "db/**/*.test.ts", "tests/**/*.test.ts"],
    // Generous: the demo seed (1,200 devices, 22 advisories, the KEV catalog) runs in many tests, on shared 2-core machines.
    testTimeout: 60_000,
    // Vitest's default is one worker fewer than the cores: on the 2-core machines of CI, a single worker, which
    // left a core idle for ~5 minutes per pass. Files share nothing (in-memory or temporary databases, port 0).
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    hookTimeout: 60_000,
  },
});
