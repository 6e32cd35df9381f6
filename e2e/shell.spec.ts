import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./fixtures";

// The signed-in shell's links are plain <a> elements under one client-side click handler (decision 0044). What a
// person relies on must hold: the current page is marked for assistive technology, a click stays in the document,
// the keyboard reaches every link with a visible focus, and Account security and Home still work.
test("the navigation marks the current page, follows links in the same document and is keyboard reachable", async ({ page }) => {
  await signIn(page, DEMO.cio);
  await page.goto("/raci");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Responsibilities" })).toHaveAttribute("aria-current", "page");
  await expect(nav.locator('[aria-current="page"]')).toHaveCount(1);

  // A plain click is a client-side navigation: a mark left on the window survives it, and the mark moves.
  await page.evaluate(() => Object.assign(window, { sameDocument: true }));
  await nav.getByRole("link", { name: "Inventory" }).click();
  await expect(page).toHaveURL(/\/inventory$/);
  await expect(nav.getByRole("link", { name: "Inventory" })).toHaveAttribute("aria-current", "page");
  await expect(nav.getByRole("link", { name: "Responsibilities" })).not.toHaveAttribute("aria-current", "page");
  await expect(nav.locator('[aria-current="page"]')).toHaveCount(1);
  expect(await page.evaluate(() => (window as { sameDocument?: boolean }).sameDocument)).toBe(true);

  // A page below an entry marks that entry; Home is marked only on the home page.
  await page.goto("/raci/1");
  await expect(nav.getByRole("link", { name: "Responsibilities" })).toHaveAttribute("aria-current", "page");
  await expect(nav.getByRole("link", { name: "Home" })).not.toHaveAttribute("aria-current", "page");

  // Keyboard: from the skip link, Tab reaches the home link and then the navigation, each with a visible focus ring.
  await page.goto("/help");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Clearline", exact: true })).toBeFocused();
  await page.keyboard.press("Tab");
  const first = nav.getByRole("link", { name: "Home" });
  await expect(first).toBeFocused();
  const outline = await first.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe("none");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/$/);
  await expect(nav.getByRole("link", { name: "Home" })).toHaveAttribute("aria-current", "page");

  // The header's other links still lead where they say, in the same document.
  await page.goto("/help");
  await page.evaluate(() => Object.assign(window, { sameDocument: true }));
  await page.getByRole("link", { name: "Account security" }).click();
  await expect(page).toHaveURL(/\/account\/security$/);
  expect(await page.evaluate(() => (window as { sameDocument?: boolean }).sameDocument)).toBe(true);
});

test("the help page's fixed cards read as before", async ({ page }) => {
  await signIn(page, DEMO.auditor);
  await page.goto("/help");
  await expect(page.getByRole("heading", { level: 1, name: "Help" })).toBeVisible();
  for (const card of ["RACI letters", "CSF 2.0 scores", "Exercise ratings (HSEEP)", "Exercise cadence"])
    await expect(page.getByRole("heading", { level: 2, name: card })).toBeVisible();
  // The term and its meaning stay separated by a space, as the JSX had them.
  await expect(page.getByText("A — Accountable: owns the outcome and signs")).toBeVisible();
});
