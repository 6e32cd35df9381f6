import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./fixtures";

const CSAF = path.join(__dirname, "..", "db", "seed", "data", "csaf");

/** A newer revision of the demo's Baxter advisory (ICSMA-20-170-04): an "updated" import that keeps the demo's 22 advisories. */
function newerBaxterRevision(run: string): Buffer {
  const doc = JSON.parse(fs.readFileSync(path.join(CSAF, "icsma-20-170-04.json"), "utf8"));
  // Later than every earlier run's revision: the clock's milliseconds as the CSAF integer version and the date.
  const now = Date.now();
  const version = String(now);
  const date = new Date(now).toISOString();
  doc.document.tracking.version = version;
  doc.document.tracking.current_release_date = date;
  doc.document.tracking.revision_history.push({ number: version, date, summary: `E2E revision ${run}` });
  return Buffer.from(JSON.stringify(doc));
}

test("the CE lead imports an advisory, sees its affected devices, confirms a possible match and records the OEM's validated patch", async ({ page }) => {
  const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
  await signIn(page, DEMO.ceLead);
  await page.goto("/advisories");
  const upload = page.getByRole("form", { name: "Import advisories" });
  await upload
    .getByLabel("CSAF 2.0 advisory files")
    .setInputFiles([{ name: "icsma-20-170-04.json", mimeType: "application/json", buffer: newerBaxterRevision(run) }]);
  await upload.getByRole("button", { name: "Import advisories" }).click();
  await expect(page.getByText("1 updated to a newer revision.")).toBeVisible();

  await page.getByRole("link", { name: "ICSMA-20-170-04" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "ICSMA-20-170-04" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Affected devices by site" })).toBeVisible();
  const model = page.getByRole("listitem", { name: "Model Sigma Spectrum" });
  await expect(model).toContainText('Possible match — confirm: Model "Sigma Spectrum" matches the advisory\'s product');

  // Confirm the first possible match with a reason: the device now counts as affected.
  const review = page.getByRole("table", { name: "Possible matches awaiting a Clinical Engineering review" });
  const firstLink = review.getByRole("row").nth(1).getByRole("link").first();
  const firstTag = (await firstLink.textContent())!;
  const deviceHref = (await firstLink.getAttribute("href"))!;
  const awaiting = Number(/\((\d+)\)/.exec((await page.getByRole("heading", { level: 2, name: /^Possible match — confirm/ }).textContent())!)![1]);
  const form = page.getByRole("form", { name: `Review ${firstTag}` });
  await form.getByLabel("Decision").selectOption({ label: "Confirm: affected" });
  await form.getByLabel("Reason").fill(`Label shows model 35700BAX2, firmware v8 (${run})`);
  await form.getByRole("button", { name: "Save review" }).click();
  // The reviewed match leaves the review list (its form, and the success message inside it, with it).
  await expect(page.getByRole("form", { name: `Review ${firstTag}` })).toHaveCount(0);
  await expect(page.getByRole("heading", { level: 2, name: `Possible match — confirm (${awaiting - 1})` })).toBeVisible();

  // The OEM's validated patch for the model: bulletin, version and the date it was validated.
  await model.getByText("Record the OEM's answer or review Sigma Spectrum").click();
  const oem = page.getByRole("form", { name: "OEM position for Sigma Spectrum" });
  await oem.getByLabel("OEM position").selectOption({ label: "OEM-validated patch available" });
  await oem.getByLabel("Bulletin reference").fill(`Baxter bulletin ${run}`);
  await oem.getByLabel("Validated version").fill("8.01.00");
  await oem.getByLabel("Date validated").fill("2024-06-03");
  await oem.getByRole("button", { name: "Record OEM position" }).click();
  await expect(page.getByText("OEM position recorded: OEM-validated patch available.")).toBeVisible();
  await expect(model.getByRole("heading", { level: 3 })).toContainText("OEM-validated patch available");
  await expect(model).toContainText(`Validated version 8.01.00 on 2024-06-03 · Baxter bulletin ${run}`);

  // The confirmed device lists the advisory as affecting it.
  await page.goto(deviceHref);
  await expect(page.getByRole("table", { name: "Advisories that match this device" }).getByRole("row", { name: /ICSMA-20-170-04.*Confirmed/ })).toBeVisible();
});
