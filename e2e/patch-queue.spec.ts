import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./fixtures";

const CSAF = path.join(__dirname, "..", "db", "seed", "data", "csaf");

/**
 * Issue #13's flow: import an advisory file, confirm a possible match, record the OEM's validated patch, see the
 * devices in the Responsible party lead's queue, record a patch with a work order, see the device's history and the
 * dashboard figure change. The advisory is GE's ICSMA-19-190-01 under a new tracking id, so it is a new advisory
 * whose "Aisys CS2" anesthesia workstations are possible matches (Anesthesia workstations: signed RACI, Clinical
 * Engineering Responsible for patching, IT Infrastructure Accountable).
 */
test("from an advisory file to a patched device, routed to the Responsible party's lead", async ({ page }) => {
  const trackingId = `ICSMA-99-${Date.now().toString().slice(-6)}-01`;
  const doc = JSON.parse(fs.readFileSync(path.join(CSAF, "icsma-19-190-01.json"), "utf8")) as { document: { tracking: { id: string }; title: string } };
  doc.document.tracking.id = trackingId;
  doc.document.title = `${doc.document.title} (e2e ${trackingId})`;

  await signIn(page, DEMO.ceLead);
  // The dashboard figure before: "Applied within policy (x of N)".
  await page.goto("/dashboard");
  const appliedTile = page.getByRole("list", { name: "Patch figures" }).getByRole("link").first();
  const appliedBefore = Number((await appliedTile.innerText()).match(/of (\d+)\)/)![1]);

  // 1. Import the advisory file.
  await page.goto("/advisories");
  const upload = page.getByRole("form", { name: "Import advisories" });
  await upload
    .getByLabel("CSAF 2.0 advisory files")
    .setInputFiles([{ name: `${trackingId}.json`, mimeType: "application/json", buffer: Buffer.from(JSON.stringify(doc)) }]);
  await upload.getByRole("button", { name: "Import advisories" }).click();
  await expect(page.getByText(/1 new/)).toBeVisible();
  await page.getByRole("link", { name: trackingId }).click();
  await expect(page.getByRole("heading", { level: 1, name: trackingId })).toBeVisible();
  const advisoryId = Number(new URL(page.url()).pathname.split("/").pop());

  // 2. Confirm the possible matches of the Aisys CS2 (checked on site).
  const model = page.getByRole("listitem", { name: "Model Aisys CS2" });
  const details = model.getByText("Record the OEM's answer or review Aisys CS2");
  await details.click();
  const review = model.getByRole("form", { name: /Review all \d+ possible matches of Aisys CS2/ });
  await review.getByLabel("Decision").selectOption("confirmed");
  await review.getByLabel("Reason").fill("Software version read from the service menu on site.");
  await review.getByRole("button", { name: "Save review" }).click();
  await expect(review).toHaveCount(0);

  // 3. Record the OEM's validated patch for the model.
  const oem = page.getByRole("form", { name: "OEM position for Aisys CS2" });
  if (!(await oem.isVisible())) await details.click();
  await oem.getByLabel("OEM position").selectOption("patch_available");
  await oem.getByLabel("Bulletin reference").fill("GE Healthcare PSN 2019-190");
  await oem.getByLabel("Validated version").fill("11.2 SP1");
  await oem.getByLabel("Date validated").fill(new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10));
  await oem.getByRole("button", { name: "Record OEM position" }).click();
  await expect(oem.getByText(/OEM position recorded: OEM-validated patch available/)).toBeVisible();

  // 4. The devices are in the Clinical Engineering lead's queue.
  await page.goto(`/patches?advisory=${advisoryId}`);
  const filter = page.getByRole("search", { name: "Filter the patch queue" });
  await filter.getByLabel("Party (Responsible or Accountable)").selectOption({ label: "Clinical Engineering" });
  await filter.getByRole("button", { name: "Filter" }).click();
  const queue = page.getByRole("table", { name: "Patch queue" });
  await expect(queue.getByRole("link", { name: trackingId }).first()).toBeVisible();
  const rows = await queue.getByRole("link", { name: trackingId }).count();
  expect(rows).toBeGreaterThan(0);
  await expect(queue.getByText("R: Clinical Engineering (Carlos Estrada)").first()).toBeVisible();
  await expect(queue.getByText("A: IT Infrastructure (Priya Natarajan)").first()).toBeVisible();

  // 5. Record the patch with a work order.
  const summary = queue.locator("summary", { hasText: `for ${trackingId}` }).first();
  const assetTag = (await summary.innerText()).match(/Record work on (\S+) for/)![1]!;
  const deviceHref = (await queue.getByRole("link", { name: assetTag, exact: true }).first().getAttribute("href"))!;
  await summary.click();
  const form = page.getByRole("form", { name: `Record patch applied on ${assetTag} for ${trackingId}` });
  await form.getByLabel("CMMS work order").fill("WO-E2E-4711");
  await form.getByRole("button", { name: "Record applied" }).click();
  // Applied: it leaves the open queue (the form's confirmation goes with its row) and shows under "Applied".
  await expect(queue.locator("summary", { hasText: `Record work on ${assetTag} for` })).toHaveCount(0);
  await page.goto(`/patches?advisory=${advisoryId}&status=applied`);
  await expect(page.getByRole("table", { name: "Patch queue" }).getByText(/WO WO-E2E-4711/)).toBeVisible();

  // 6. The device's history of work shows it, with the work order.
  await page.goto(deviceHref);
  await expect(page.getByRole("heading", { level: 1, name: `Device ${assetTag}` })).toBeVisible();
  const history = page.getByRole("listitem").filter({ hasText: "Patch applied" }).filter({ hasText: trackingId });
  await expect(history.first()).toBeVisible();
  await expect(page.getByText("WO-E2E-4711").first()).toBeVisible();

  // 7. The dashboard figure changed: at least one more patch applied (e2e/api.spec.ts may record others on the same
  // server at the same time, so "exactly one more" would race it).
  await page.goto("/dashboard");
  const appliedAfter = Number((await page.getByRole("list", { name: "Patch figures" }).getByRole("link").first().innerText()).match(/of (\d+)\)/)![1]);
  expect(appliedAfter).toBeGreaterThanOrEqual(appliedBefore + 1);
});

test("an auditor reads the queue but is offered no recording, no import and no policy form", async ({ page }) => {
  await signIn(page, DEMO.auditor);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Patches" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Patch queue" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Patch queue" })).toBeVisible();
  await expect(page.locator("summary", { hasText: "Record work on" })).toHaveCount(0);
  await expect(page.getByRole("form", { name: "Import completed patches" })).toHaveCount(0);
  await expect(page.getByRole("form", { name: "Patch policy" })).toHaveCount(0);
  // Items with no signed owner say so.
  await page.goto("/patches?party=none&status=all");
  await expect(page.getByRole("table", { name: "Patch queue" }).getByText("No signed owner").first()).toBeVisible();
});
