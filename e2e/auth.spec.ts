import { expect, test } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, signIn } from "./fixtures";

const NAV: Record<keyof typeof DEMO, string[]> = {
  admin: [
    "Home",
    "Dashboard",
    "Inventory",
    "Responsibilities",
    "Assessments",
    "Response plans",
    "Drills",
    "Action items",
    "Advisories",
    "Patches",
    "Recalls",
    "Organization",
    "Users",
    "Single sign-on",
    "API tokens",
    "Webhooks",
    "Audit trail",
  ],
  cio: [
    "Home",
    "Dashboard",
    "Inventory",
    "Responsibilities",
    "Assessments",
    "Response plans",
    "Drills",
    "Action items",
    "Advisories",
    "Patches",
    "Recalls",
    "Organization",
  ],
  ceLead: [
    "Home",
    "Dashboard",
    "Inventory",
    "Responsibilities",
    "Assessments",
    "Response plans",
    "Drills",
    "Action items",
    "Advisories",
    "Patches",
    "Recalls",
    "Organization",
  ],
  itLead: [
    "Home",
    "Dashboard",
    "Inventory",
    "Responsibilities",
    "Assessments",
    "Response plans",
    "Drills",
    "Action items",
    "Advisories",
    "Patches",
    "Recalls",
    "Organization",
  ],
  securityLead: [
    "Home",
    "Dashboard",
    "Inventory",
    "Responsibilities",
    "Assessments",
    "Response plans",
    "Drills",
    "Action items",
    "Advisories",
    "Patches",
    "Recalls",
    "Organization",
  ],
  assessor: [
    "Home",
    "Dashboard",
    "Inventory",
    "Responsibilities",
    "Assessments",
    "Response plans",
    "Drills",
    "Action items",
    "Advisories",
    "Patches",
    "Recalls",
    "Organization",
  ],
  auditor: [
    "Home",
    "Dashboard",
    "Inventory",
    "Responsibilities",
    "Assessments",
    "Response plans",
    "Drills",
    "Action items",
    "Advisories",
    "Patches",
    "Recalls",
    "Organization",
    "Users",
    "Audit trail",
  ],
};

for (const [who, email] of Object.entries(DEMO) as [keyof typeof DEMO, string][]) {
  test(`${who} signs in and sees exactly the navigation the role allows`, async ({ page }) => {
    await signIn(page, email);
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link")).toHaveText(NAV[who]);
  });
}

test("a wrong password shows the message and does not sign in", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(DEMO.cio);
  await page.getByLabel("Password").fill("not the right password at all");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText("Email or password is incorrect.")).toBeVisible();
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("an unknown email gets the same message", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("nobody@lakeside.example");
  await page.getByLabel("Password").fill("whatever-password-123");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText("Email or password is incorrect.")).toBeVisible();
});

test("after sign-out the old session cookie is rejected", async ({ page, browser }) => {
  await signIn(page, DEMO.assessor);
  const cookies = await page.context().cookies();
  expect(cookies.find((c) => c.name.includes("session-token"))).toBeTruthy();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByText("You have signed out.")).toBeVisible();

  // Replay the old cookie in a fresh browser context: it must not open a session.
  const other = await browser.newContext();
  await other.addCookies(cookies);
  const p2 = await other.newPage();
  await p2.goto("/organization");
  await expect(p2).toHaveURL(/\/sign-in/);
  await other.close();
});

test("signed-out visitors are sent to sign-in", async ({ page }) => {
  await page.goto("/organization");
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
});

test("before the page's script has run, the sign-in button waits: Enter sends nothing and no password reaches the address", async ({ page }) => {
  // Hold the page's JavaScript: the form is the server's markup only, as on a slow connection.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route(/\/_next\/static\/chunks\/.*\.js(\?.*)?$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto("/sign-in", { waitUntil: "domcontentloaded" });
  const button = page.getByRole("button", { name: "Sign in", exact: true });
  await expect(button).toBeDisabled();
  await page.getByLabel("Email").fill(DEMO.auditor);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByLabel("Password").press("Enter");
  await page.waitForTimeout(500);
  expect(page.url()).not.toContain("password");
  expect(new URL(page.url()).search).toBe("");

  // Once the script runs, what was typed is still there and the button signs in.
  release();
  await expect(button).toBeEnabled();
  await expect(page.getByLabel("Password")).toHaveValue(DEMO_PASSWORD);
  await button.click();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
});
