import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import fs from "node:fs";

/** The areas of the signed-in app (app/(app)/<area>); `_shared` holds what more than one area uses. */
const AREAS = fs
  .readdirSync(new URL("./app/(app)", import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory() && !d.name.startsWith("_"))
  .map((d) => d.name);

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
    },
  },
  {
    // One clock (lib/clock.ts): CLEARLINE_NOW moves every "now" at once, so date-dependent code and tests are checked
    // on another day in CI. The browser suite and the plain .mjs scripts run on the real clock.
    files: ["**/*.ts", "**/*.tsx"],
    ignores: ["lib/clock.ts", "e2e/**", "*.config.ts", "*.config.mts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: "Use clock.now() from @/lib/clock (the one clock that CLEARLINE_NOW moves).",
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: "Use clock.ms() from @/lib/clock (the one clock that CLEARLINE_NOW moves).",
        },
      ],
    },
  },
  {
    // Issue #11: a route imports no other route's files. A page may use its own area's actions and components;
    // what two areas share lives in app/(app)/_shared (a private folder, no route) or in components/ and lib/.
    files: ["app/**/*.ts", "app/**/*.tsx"],
    rules: {
      "import/no-restricted-paths": [
        "error",
        {
          zones: [
            ...AREAS.map((area) => ({
              target: `./app/(app)/${area}`,
              from: "./app/(app)",
              except: [`./${area}`, "./_shared"],
              message: `app/(app)/${area} may not import another area's files: move what is shared to app/(app)/_shared, components/ or lib/.`,
            })),
            { target: "./app/api", from: "./app/(app)", message: "Route handlers may not import pages' files: share through lib/." },
          ],
        },
      ],
    },
  },
  {
    // Domain rules are pure (STYLE.md): no services, no database, no framework. Types from the schema are allowed.
    files: ["lib/rules/**/*.ts"],
    ignores: ["lib/rules/**/*.test.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/lib/services/*", "@/lib/server/*", "../services/*", "../server/*"],
              message: "lib/rules is pure: it may not call services or server code.",
            },
            { group: ["@/db/*", "../../db/*"], allowTypeImports: true, message: "lib/rules is pure: import only types from db/." },
            {
              group: ["next", "next/*", "next-auth", "next-auth/*", "react", "better-sqlite3", "drizzle-orm", "drizzle-orm/*", "node:fs", "fs"],
              message: "lib/rules is pure: no framework, database or file system.",
            },
          ],
        },
      ],
    },
  },
  globalIgnores([".next/**", "node_modules/**", "data/**", ".e2e/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "db/migrations/**"]),
]);
