import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./fixtures";

const numberOf = async (text: Promise<string>) => Number((await text).trim().replace(/,/g, ""));

// Other specs apply patches to their own fresh advisories (validated today, not known exploited) and record recall
// actions, so this spec follows figures they do not move: known-exploited devices not yet patched (the demo's KEV
// advisory) and IT Infrastructure's overdue backlog.
test("leadership follows two dashboard numbers to their lists, which show the same count", async ({ page }) => {
  await signIn(page, DEMO.cio);
  await page.goto("/dashboard");

  // 1. Known-exploited, not yet patched → the affected-devices list filtered the same way.
  const kevTile = page.getByRole("list", { name: "Advisory figures" }).getByRole("link", { name: /Known-exploited, not yet patched/ });
  await expect(kevTile).toHaveAttribute("href", "/advisories/devices?kev=1&unpatched=1");
  const kev = await numberOf(kevTile.locator("span").first().innerText());
  expect(kev).toBeGreaterThan(0);
  await kevTile.click();
  await expect(page).toHaveURL(/\/advisories\/devices\?kev=1&unpatched=1$/);
  await expect(page.getByRole("heading", { level: 1, name: "Devices affected by known-exploited vulnerabilities, not yet patched" })).toBeVisible();
  await expect(page.getByText(new RegExp(`^${kev} devices? in \\d+ rows?`))).toBeVisible();
  await expect(
    page.getByRole("table", { name: "Devices affected by known-exploited vulnerabilities, not yet patched" }).getByText("Known exploited").first(),
  ).toBeVisible();

  // 2. Backlog by Responsible party, IT Infrastructure's overdue number → the queue of what IT does, overdue.
  await page.goto("/dashboard");
  const it = page.getByRole("table", { name: "Backlog by Responsible party" }).getByRole("row", { name: /IT Infrastructure/ });
  const overdueLink = it.getByRole("link").nth(1);
  const overdue = await numberOf(overdueLink.innerText());
  expect(overdue).toBeGreaterThan(0);
  await overdueLink.click();
  await expect(page).toHaveURL(/\/patches\?status=overdue&party=\d+&role=responsible$/);
  await expect(page.getByRole("heading", { level: 2, name: `Items (${overdue})` })).toBeVisible();
  const filter = page.getByRole("search", { name: "Filter the patch queue" });
  await expect(filter.getByLabel("The party's role")).toHaveValue("responsible");
  await expect(filter.getByLabel("Status")).toHaveValue("overdue");
  // Dropping the role shows what IT answers for as Accountable too: more items than its own backlog.
  await filter.getByLabel("The party's role").selectOption({ label: "Responsible or Accountable" });
  await filter.getByLabel("Status").selectOption({ label: "Open (all not yet done)" });
  await filter.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/role=&/);
  const all = await numberOf(
    page
      .getByRole("heading", { level: 2, name: /^Items \(/ })
      .innerText()
      .then((t) => t.replace(/\D/g, "")),
  );
  expect(all).toBeGreaterThan(overdue);
});

test("a bad filter value on a list the dashboard links to gets a sentence, and the list still answers", async ({ page }) => {
  await signIn(page, DEMO.auditor);
  await page.goto("/recalls?class=IV&status=outstanding");
  await expect(page.getByText('Recall class "IV" is not one of the choices; it was ignored.')).toBeVisible();
  await expect(page.getByRole("form", { name: "Filter recalls" }).getByLabel("Status")).toHaveValue("outstanding");
  await page.goto("/advisories/oem-overdue?site=abc");
  await expect(page.getByText('Site "abc" is not a valid choice; it was ignored.')).toBeVisible();
  await expect(page.getByText(/^\d+ overdue answers?\.$/)).toBeVisible();
  await page.goto("/inventory/decisions?site=999999");
  await expect(page.getByText('Site "999999" is not one you can see; every site you may see is shown.')).toBeVisible();
  await page.goto("/patches?party=2&role=owner");
  await expect(page.getByText('Role "owner" is not one of the choices; it was ignored.')).toBeVisible();
});
