import { expect, test, type Page } from "@playwright/test";
import { DEMO, signIn } from "./fixtures";

/**
 * Issue 10: what leadership and auditors must be able to trust, as a person sees it. Each test reads or refuses
 * without changing shared demo data that other specs rely on (the specs share one server and database).
 */

async function firstHref(page: Page, path: string, pattern: RegExp): Promise<string> {
  await page.goto(path);
  const hrefs = await page.locator("main a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  const found = hrefs.find((h) => pattern.test(h));
  if (!found) throw new Error(`No link matching ${pattern} on ${path}`);
  return found;
}

test("item 7: every main page fits a 390 px screen without sideways scrolling, and the menu folds", async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page, DEMO.admin);
  const detail = [
    await firstHref(page, "/raci", /^\/raci\/\d+$/),
    await firstHref(page, "/assessments", /^\/assessments\/\d+$/),
    await firstHref(page, "/plans", /^\/plans\/\d+$/),
    await firstHref(page, "/drills", /^\/drills\/\d+$/),
    await firstHref(page, "/organization", /^\/organization\/device-classes\/\d+$/),
    await firstHref(page, "/admin/users", /^\/admin\/users\/\d+$/),
  ];
  const pages = [
    "/",
    "/dashboard",
    "/dashboard/report",
    "/raci",
    "/raci/mine",
    "/raci/who-owns",
    "/raci/template",
    "/raci/activities",
    "/assessments",
    "/plans",
    "/drills",
    "/drills/calendar",
    "/actions",
    "/organization",
    "/audit",
    "/help",
    "/admin/users",
    ...detail,
    `${detail[1]}/results`,
    `${detail[1]}/GV`,
  ];
  await page.setViewportSize({ width: 390, height: 844 });
  const tooWide: string[] = [];
  for (const path of pages) {
    await page.goto(path);
    await expect(page.locator("main")).toBeVisible();
    const width = await page.evaluate(() => document.scrollingElement!.scrollWidth);
    if (width > 390) {
      // Name the widest element outside a scrollable box, so a failure says where to look.
      const culprit = await page.evaluate(() => {
        let worst = { right: 0, what: "" };
        for (const el of document.querySelectorAll("body *")) {
          const b = el.getBoundingClientRect();
          let p = el.parentElement;
          let boxed = false;
          for (; p; p = p.parentElement) if (["auto", "scroll"].includes(getComputedStyle(p).overflowX)) boxed = true;
          if (!boxed && b.right > worst.right) worst = { right: Math.round(b.right), what: `${el.tagName.toLowerCase()}.${String(el.className).slice(0, 60)}` };
        }
        return worst.what;
      });
      tooWide.push(`${path}: ${width} px (${culprit})`);
    }
  }
  expect(tooWide).toEqual([]);

  // The menu is one disclosure button until it is opened.
  await page.goto("/raci");
  const menu = page.getByRole("button", { name: "Menu" });
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  const header = await page.locator("header").boundingBox();
  expect(header!.height).toBeLessThan(120);
  await menu.click();
  await expect(page.getByRole("button", { name: "Close menu" })).toHaveAttribute("aria-expanded", "true");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Drills" }).click();
  await expect(page).toHaveURL(/\/drills$/);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
});

test("item 4: an impossible date in a query gets the page with a sentence, never a 500", async ({ page }) => {
  await signIn(page, DEMO.auditor);
  const res = await page.goto("/audit?to=2026-99-99");
  expect(res?.status()).toBe(200);
  await expect(page.getByText("To date 2026-99-99 is not a date on the calendar (check the day and month). The to date filter was ignored.")).toBeVisible();
  expect((await page.goto("/drills?year=abc&status=__proto__"))?.status()).toBe(200);
  await expect(page.getByText('Year "abc" must be a whole number from 2000 to 2100; it was ignored.')).toBeVisible();
  // A bad filter is named and the good ones still apply (recalls once fell back silently; inventory dropped every filter).
  expect((await page.goto("/recalls?class=IV&status=outstanding"))?.status()).toBe(200);
  await expect(page.getByText('Recall class "IV" is not one of the choices; it was ignored.')).toBeVisible();
  await expect(page.getByRole("form", { name: "Filter recalls" }).getByLabel("Status")).toHaveValue("outstanding");
  expect((await page.goto("/inventory?support=maybe&connected=yes"))?.status()).toBe(200);
  await expect(page.getByText('Support status "maybe" is not one of the choices; it was ignored.')).toBeVisible();
  await expect(page.getByRole("search", { name: "Filter devices" }).getByLabel("Connected")).toHaveValue("yes");
  expect((await page.goto("/raci/1e3"))?.status()).toBe(404);
});

test("item 13: the auditor reads the trail in words and exports it as CSV with the chain verdict", async ({ page }) => {
  await signIn(page, DEMO.auditor);
  await page.goto("/audit?entityType=drill");
  const table = page.getByRole("table", { name: "Audit entries, newest first" });
  await expect(table).toContainText("Drill AAR submitted");
  await expect(table).toContainText("After-action report in review");
  await expect(table).not.toContainText("Status: aar_review");
  await expect(table.getByRole("link", { name: "Vendor remote-access cut-off drill" }).first()).toBeVisible();
  const res = await page.request.get("/api/audit/export?entityType=drill");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("text/csv");
  const csv = await res.text();
  expect(csv).toMatch(/\r\nChain verification,Intact: all \d+ entries verified and the chain is complete\.\r\n/);
  expect(csv).toContain("Filters,entity drill");
  expect((await page.request.get("/api/audit/export?to=2026-99-99")).status()).toBe(400);
});

test("items 1 and 8: the CIO's My items lists the AAR to approve; the auditor is not asked to answer assessments", async ({ page }) => {
  await signIn(page, DEMO.cio);
  await page.goto("/dashboard");
  const approve = page.getByRole("list", { name: "Waiting for your approval" });
  await expect(approve).toContainText("Approve the after-action report Vendor remote-access cut-off drill");
  await expect(page.getByRole("list", { name: "Assessment functions you must answer" })).toHaveCount(0);
  await approve.getByRole("link", { name: "Vendor remote-access cut-off drill" }).click();
  await expect(page).toHaveURL(/\/drills\/\d+$/);
});

test("item 14: the auditor pressing a letter on the RACI grid is told the access is read-only", async ({ page }) => {
  await signIn(page, DEMO.auditor);
  await page.goto(await firstHref(page, "/raci", /^\/raci\/\d+$/));
  await page.getByRole("gridcell").first().focus();
  await page.keyboard.press("r");
  await expect(page.getByText("Your access is read-only: auditors review every matrix and change none.").first()).toBeVisible();
  await expect(page.getByText(/You can change only your own party's column/)).toHaveCount(0);
});

test("item 12: an empty sign-in form names what is missing, and an empty signature password says so once", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText("Enter your email address.")).toBeVisible();
  await expect(page.getByText("Enter your password.")).toBeVisible();
  await expect(page.getByText("Email or password is incorrect.")).toHaveCount(0);
  await expect(page.getByLabel("Email")).toBeFocused();

  await signIn(page, DEMO.cio);
  await page.goto(await firstHref(page, "/raci?status=in_review", /^\/raci\/\d+$/));
  const sign = page
    .locator("form")
    .filter({ has: page.getByRole("button", { name: /^Sign/ }) })
    .first();
  await sign.getByRole("button", { name: /^Sign/ }).click();
  await expect(sign.getByText("Enter your password to sign.")).toHaveCount(1);
});

test("item 3: deactivating a party lead says what it blocks and refuses without a confirmation", async ({ page }) => {
  await signIn(page, DEMO.admin);
  await page.goto("/admin/users");
  await page.getByRole("link", { name: "Priya Natarajan" }).click();
  await expect(page.getByText(/Deactivating this user blocks work: IT Infrastructure will have no active lead/).first()).toBeVisible();
  await page.getByRole("button", { name: "Deactivate user" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Deactivating this user blocks work" })).toBeVisible();
  await expect(page.getByText("Tick this box to deactivate the user anyway.")).toBeVisible();
  await page.reload();
  await expect(page.getByText("Deactivated", { exact: true })).toHaveCount(0);
  await expect(page.getByText(/Deactivating this user blocks work/).first()).toBeVisible();
});

test("item 5: ticking N/A without a reason says so and survives a reload", async ({ page }) => {
  await signIn(page, DEMO.assessor);
  await page.goto("/assessments");
  await page.getByRole("link", { name: "FY2027 medical device CSF assessment" }).click();
  await page
    .getByRole("link", { name: /Identify \(ID\)/ })
    .first()
    .click();
  const box = page.getByLabel("ID.RA-10 does not apply (N/A)");
  await box.check();
  await expect(page.getByText("N/A is not saved yet: say why ID.RA-10 does not apply.", { exact: false })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("ID.RA-10 does not apply (N/A)")).toBeChecked();
  await expect(page.getByText("N/A is not saved yet: say why ID.RA-10 does not apply.", { exact: false })).toBeVisible();
  // Unticking drops the kept draft: nothing was ever saved.
  await page.getByLabel("ID.RA-10 does not apply (N/A)").uncheck();
  await page.reload();
  await expect(page.getByLabel("ID.RA-10 does not apply (N/A)")).not.toBeChecked();
});
