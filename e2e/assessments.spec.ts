import { expect, test } from "@playwright/test";
import { DEMO, signIn, signOut, unique } from "./fixtures";

test("the security lead starts an assessment; the assessor answers Identify with the keyboard and the progress moves", async ({ page }) => {
  const name = unique("FY27 device CSF");
  await signIn(page, DEMO.securityLead);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Assessments" }).click();
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Start assessment" }) });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Due date").fill("2027-03-31");
  await form.getByLabel("Identify (ID)").selectOption({ label: "Party: Clinical Engineering" });
  await form.getByRole("button", { name: "Start assessment" }).click();
  await expect(page.getByRole("link", { name })).toBeVisible();
  await signOut(page);

  await signIn(page, DEMO.assessor);
  await page.goto("/assessments");
  await page.getByRole("link", { name }).click();
  await expect(page.getByText("Your remaining items: Identify 21.")).toBeVisible();
  await page.getByRole("link", { name: "2. Identify (ID)" }).click();
  const progress = page.getByRole("progressbar", { name: "Identify progress" });
  await expect(progress).toHaveAttribute("aria-valuenow", "0");

  // Keyboard only: focus the first score, choose with the keyboard, tab to save.
  const current = page.getByLabel("Current score for ID.AM-01");
  await current.focus();
  await current.selectOption("1");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Target score for ID.AM-01")).toBeFocused();
  await page.getByLabel("Target score for ID.AM-01").selectOption("3");
  await expect(page.getByText("Some practices exist but are informal").first()).toBeVisible();
  await page.getByRole("button", { name: "Save ID.AM-01" }).focus();
  await page.keyboard.press("Enter");
  await expect(progress).toHaveAttribute("aria-valuenow", "1");

  // N/A without a reason is refused with a message; with a reason it counts.
  await page.getByLabel("ID.AM-04 does not apply (N/A)").check();
  await page.getByRole("button", { name: "Save ID.AM-04" }).click();
  await expect(page.getByText("Say why this subcategory does not apply.").first()).toBeVisible();
  await expect(progress).toHaveAttribute("aria-valuenow", "1");
  await page.getByLabel("Why it does not apply").fill("No external services in scope for these devices");
  await page.getByRole("button", { name: "Save ID.AM-04" }).click();
  await expect(progress).toHaveAttribute("aria-valuenow", "2");

  // Protect is not assigned to the assessor: read-only.
  await page.getByRole("link", { name: "3. Protect" }).click();
  await expect(page.getByText("You can read this step; its assignees answer it.")).toBeVisible();
  await expect(page.getByRole("button", { name: /^Save PR\./ })).toHaveCount(0);
});
