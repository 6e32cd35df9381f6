import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

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
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "Use clock.now() from @/lib/clock (the one clock that CLEARLINE_NOW moves)." },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: "Use clock.ms() from @/lib/clock (the one clock that CLEARLINE_NOW moves)." },
      ],
    },
  },
  globalIgnores([".next/**", "node_modules/**", "data/**", ".e2e/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "db/migrations/**"]),
]);
