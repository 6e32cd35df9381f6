import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";

/**
 * Security floors (npm audit cannot reach its service here): the installed versions and the exact pins
 * in package.json must not fall below the versions that fixed known vulnerabilities.
 */
const FLOORS: Record<string, string> = { next: "16.4.1", react: "19.2.9", "react-dom": "19.2.9", "drizzle-orm": "0.45.2" };

function cmp(a: string, b: string): number {
  const pa = a.split(/[.-]/).map((x) => Number.parseInt(x, 10) || 0);
  const pb = b.split(/[.-]/).map((x) => Number.parseInt(x, 10) || 0);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

const root = path.resolve(__dirname, "..");
const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const lock = JSON.parse(fs.readFileSync(path.join(root, "package-lock.json"), "utf8")) as { packages: Record<string, { version: string }> };

describe("dependency security floors", () => {
  test.each(Object.entries(FLOORS))("%s is pinned exactly, locked and installed at >= %s", (name, floor) => {
    const pinned = pkg.dependencies[name];
    expect(pinned, `${name} must be a dependency`).toBeDefined();
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    expect(cmp(pinned!, floor)).toBeGreaterThanOrEqual(0);
    const locked = lock.packages[`node_modules/${name}`]?.version;
    expect(locked).toBe(pinned);
    const installed = JSON.parse(fs.readFileSync(path.join(root, "node_modules", name, "package.json"), "utf8")).version as string;
    expect(cmp(installed, floor)).toBeGreaterThanOrEqual(0);
  });

  test("every dependency is pinned to an exact version", () => {
    for (const [name, v] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies })) {
      expect(v, name).toMatch(/^\d+\.\d+\.\d+(-[\w.]+)?$/);
    }
  });

  test("the comparison itself catches a version below the floor", () => {
    expect(cmp("16.4.0", "16.4.1")).toBeLessThan(0);
    expect(cmp("19.2.10", "19.2.9")).toBeGreaterThan(0);
  });
});
