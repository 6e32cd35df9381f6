import { expect, test, type Page } from "@playwright/test";
import { DEMO, signIn, signOut, unique } from "./fixtures";

const today = () => new Date().toISOString().slice(0, 10);
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** The CMS row of a site's cadence block on /drills. */
async function cmsStatus(page: Page, site: string) {
  await page.goto("/drills");
  const region = page.getByRole("region", { name: `${site} exercise cadence` });
  await expect(region).toBeVisible();
  return region.getByRole("listitem").filter({ hasText: "CMS" });
}

test("a tabletop at Northshore: scheduled, conducted, rated, improved, approved by the CIO; CMS turns met; the IT lead closes the item with evidence", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const title = unique("Northshore ransomware tabletop");
  const action = unique("Add the infusion server VLAN to the isolation runbook");

  await signIn(page, DEMO.securityLead);
  // Before: Northshore has its functional exercise but no second exercise in the last 12 months.
  await expect(await cmsStatus(page, "Northshore Community Hospital")).toContainText("Overdue");

  // Schedule.
  const schedule = page.getByRole("form", { name: "Schedule a drill" });
  await schedule.getByLabel("Title").fill(title);
  await schedule.getByLabel("Exercise type").selectOption({ label: "Tabletop exercise" });
  await schedule.getByLabel("Site").selectOption({ label: "Northshore Community Hospital" });
  await schedule.getByLabel("Planned date").fill(today());
  await schedule.getByLabel("Scenario").fill("Ransomware encrypts the infusion pump server at Northshore.");
  await schedule.getByLabel("Objectives (one per line)").fill("Isolate the infusion server within 30 minutes\nNotify the OEM within 4 hours");
  await schedule.getByRole("checkbox", { name: "Priya Natarajan" }).check();
  await schedule.getByRole("button", { name: "Schedule drill" }).click();
  await page.waitForURL(/\/drills\/\d+$/);
  const drillUrl = page.url();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();

  // A future date is refused and nothing changes.
  const conduct = page.getByRole("form", { name: "Record as conducted" });
  await conduct.getByLabel("Start date").fill(inDays(3));
  await conduct.getByRole("button", { name: "Record as conducted" }).click();
  await expect(page.getByText(/cannot be recorded as conducted on a future date/)).toBeVisible();
  await page.reload();
  await expect(page.getByRole("form", { name: "Record as conducted" })).toBeVisible();

  // Conduct today.
  await page.getByRole("form", { name: "Record as conducted" }).getByLabel("Start date").fill(today());
  await page.getByRole("form", { name: "Record as conducted" }).getByRole("checkbox", { name: "Priya Natarajan" }).check();
  await page.getByRole("form", { name: "Record as conducted" }).getByRole("button", { name: "Record as conducted" }).click();
  await expect(page.getByLabel("Rating for objective 1")).toBeVisible();

  // Rate two objectives, one with major challenges.
  await page.getByLabel("Rating for objective 1").selectOption("P");
  await page.getByRole("button", { name: "Save rating for objective 1" }).click();
  await expect(page.getByText("Rating saved.")).toBeVisible();
  await page.getByLabel("Rating for objective 2").selectOption("M");
  await page.getByLabel("Note for objective 2").fill("Nobody knew who calls the OEM.");
  await page.getByRole("button", { name: "Save rating for objective 2" }).click();
  await expect(page.getByText("M — Performed with major challenges").first()).toBeVisible();

  // An area for improvement and its corrective action owned by IT Infrastructure.
  const finding = page.getByRole("form", { name: "Add a finding" });
  await finding.getByLabel("Kind").selectOption({ label: "Area for improvement" });
  await finding.getByLabel("Observation").fill("The isolation runbook does not list the infusion server VLAN.");
  await finding.getByLabel("Root cause").fill("The runbook predates the pump server migration.");
  await finding.getByLabel("Recommendation").fill("Add the VLAN and rehearse isolation.");
  await finding.getByRole("button", { name: "Add finding" }).click();
  await expect(page.getByText("The isolation runbook does not list the infusion server VLAN.").first()).toBeVisible();

  const item = page.getByRole("form", { name: "Add improvement item" }).first();
  await item.getByLabel("Corrective action").fill(action);
  await item.getByLabel("Capability element").selectOption({ label: "Planning" });
  await item.getByLabel("Owner party").selectOption({ label: "IT Infrastructure" });
  await item.getByLabel("Due date").fill(inDays(30));
  await item.getByRole("button", { name: "Add improvement item" }).click();
  await expect(page.getByRole("table", { name: "Improvement plan" })).toContainText(action);

  // The after-action report: overview, submit.
  await page.getByLabel("Overview of the after-action report").fill("Isolation worked; OEM notification had no owner.");
  await page.getByRole("button", { name: "Save overview" }).click();
  await expect(page.getByText("Overview saved.")).toBeVisible();
  await page.getByRole("button", { name: "Submit AAR for approval" }).click();
  await expect(page.getByText("After-action report in review").first()).toBeVisible();

  // Conducting the tabletop already counts: Northshore's CMS requirement is met.
  await expect(await cmsStatus(page, "Northshore Community Hospital")).toContainText("Met");
  await signOut(page);

  // The CIO approves the AAR with a password; a wrong one signs nothing.
  await signIn(page, DEMO.cio);
  await page.goto(drillUrl);
  await page.getByLabel("Password").fill("not-my-password-at-all");
  await page.getByRole("button", { name: "Sign and approve AAR" }).click();
  await expect(page.getByText("The password is incorrect. Nothing was signed.").first()).toBeVisible();
  await expect(page.getByText("After-action report in review").first()).toBeVisible();
  await page.getByLabel("Password").fill("lakeside-demo-2026");
  await page.getByRole("button", { name: "Sign and approve AAR" }).click();
  await expect(page.getByText("After-action report approved").first()).toBeVisible();
  await expect(page.getByText("Dana Whitfield").first()).toBeVisible();
  await signOut(page);

  // The IT lead sees the item, cannot close it without evidence, then closes it with evidence.
  await signIn(page, DEMO.itLead);
  await page.goto("/actions?status=not_closed");
  const update = page.getByRole("form", { name: `Update item ${action}` });
  await update.getByLabel("Status").selectOption({ label: "Closed" });
  await update.getByRole("button", { name: "Update" }).click();
  await expect(page.getByText(/Closing an item requires closure evidence/).first()).toBeVisible();
  await page.goto(drillUrl);
  await expect(page.getByRole("table", { name: "Improvement plan" })).toContainText("Open");

  await page.goto("/actions?status=not_closed");
  const again = page.getByRole("form", { name: `Update item ${action}` });
  await again.getByLabel("Status").selectOption({ label: "Closed" });
  await again.getByLabel("Closure evidence").fill("Runbook v4 lists VLAN 212; change CHG-4411 approved.");
  await again.getByRole("button", { name: "Update" }).click();
  await expect(page.getByRole("form", { name: `Update item ${action}` })).toHaveCount(0);

  // Every improvement item is closed, so the drill is closed.
  await page.goto(drillUrl);
  await expect(page.getByRole("table", { name: "Improvement plan" })).toContainText("Runbook v4 lists VLAN 212");
  await expect(page.getByText("Closed").first()).toBeVisible();
  await expect(page.locator("main")).toContainText(/Status:?\s*Closed/);
});
