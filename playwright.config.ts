import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { chromium } from "@playwright/test";

/**
 * Finds a Chromium: PLAYWRIGHT_CHROMIUM_PATH, Playwright's own browser, or Debian's /usr/bin/chromium.
 * Playwright cannot download browsers on this network, so CI installs Debian's `chromium` package.
 */
function chromiumPath(): string {
  const candidates = [process.env.PLAYWRIGHT_CHROMIUM_PATH, safe(() => chromium.executablePath()), "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  const found = candidates.find((p) => p && fs.existsSync(p));
  if (!found) {
    throw new Error(
      "No Chromium found for the browser tests. Install one (Debian/Ubuntu: `sudo apt-get install chromium`), " +
        "or set PLAYWRIGHT_CHROMIUM_PATH to a Chromium/Chrome executable, or run `npx playwright install chromium` where downloads are allowed.",
    );
  }
  return found;
}
function safe<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

const PORT = Number(process.env.E2E_PORT ?? 3310);
const DB_DIR = path.join(__dirname, ".e2e");
/** The OpenID provider the SSO spec signs in through (e2e/oidc-provider.mjs), on the next port. */
const OIDC_PORT = PORT + 1;

export default defineConfig({
  testDir: "./e2e",
  timeout: 90_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromiumPath(),
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: [
    {
      command: `node e2e/oidc-provider.mjs`,
      url: `http://127.0.0.1:${OIDC_PORT}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe",
      stderr: "pipe",
      env: { OIDC_PORT: String(OIDC_PORT), APP_URL: `http://localhost:${PORT}` },
    },
    {
      // A production build on its own database, never someone else's server on a common port.
      command: `node scripts/e2e-server.mjs`,
      url: `http://localhost:${PORT}/api/health`,
      reuseExistingServer: false,
      timeout: 600_000,
      stdout: "pipe",
      stderr: "pipe",
      env: {
        CLEARLINE_TEST_MODE: "1",
        PORT: String(PORT),
        DATABASE_PATH: path.join(DB_DIR, "clearline.db"),
        SEED_DEMO: "1",
        NEXTAUTH_URL: `http://localhost:${PORT}`,
        OIDC_ISSUER: `http://127.0.0.1:${OIDC_PORT}`,
        OIDC_CLIENT_ID: "clearline-e2e",
        OIDC_CLIENT_SECRET: "clearline-e2e-secret-0123456789abcdef",
        OIDC_DISPLAY_NAME: "Sign in with Lakeside SSO",
        OIDC_ALLOWED_DOMAINS: "lakeside.example",
        OIDC_SCOPE: "openid email profile groups",
      },
    },
  ],
});
