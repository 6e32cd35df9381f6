import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./fixtures";

const id = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`.toUpperCase();

test("the CE lead imports a CMMS export: corrects one mapping, sees row errors, commits, finds the devices, and the same file again changes nothing", async ({
  page,
}) => {
  const run = id();
  const source = `E2E CMMS ${run}`;
  const csv = [
    "Code,Serial Number,Manufacturer,Model,Facility,Department,IP Address",
    `E2E-${run}-1,SN-${run}-1,Baxter,Sigma Spectrum,LMH,ICU,10.77.0.1`,
    `E2E-${run}-2,SN-${run}-2,Philipps,IntelliVue MX450,NCH,Emergency,10.77.0.2`,
    `E2E-${run}-3,SN-${run}-3,GE Healthcare,CARESCAPE B650,LMH,PACU,`,
    `E2E-${run}-4,SN-${run}-4,Baxter,Sigma Spectrum,LMH,ICU,10.77.0.300`,
    `,SN-${run}-5,Baxter,Sigma Spectrum,LMH,ICU,`,
  ].join("\r\n");
  const file = { name: `cmms-${run}.csv`, mimeType: "text/csv", buffer: Buffer.from(csv) };

  await signIn(page, DEMO.ceLead);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Inventory" }).click();
  await page.getByRole("link", { name: "Import from the CMMS" }).click();
  await page.getByLabel("CMMS export file (CSV or XLSX)").setInputFiles(file);
  await page.getByLabel("CMMS it comes from").fill(source);
  await page.getByLabel("Save this mapping as (optional)").fill(`E2E mapping ${run}`);
  await page.getByRole("button", { name: "Preview", exact: true }).click();

  // "Code" is not a header Clearline recognises: it says so, and the person maps it.
  await expect(page.getByText("No column is mapped to Asset tag: choose the column that holds each device's asset tag.")).toBeVisible();
  await expect(page.getByLabel("Column “Manufacturer”")).toHaveValue("manufacturer");
  await page.getByLabel("Column “Code”").selectOption({ label: "Asset tag" });
  await page.getByRole("button", { name: "Preview again" }).click();

  await expect(page.getByRole("table", { name: "Rows with errors" })).toBeVisible();
  const errors = page.getByRole("table", { name: "Rows with errors" });
  await expect(errors.getByRole("row", { name: /5 IP Address "10\.77\.0\.300" is not an IP address\./ })).toBeVisible();
  await expect(errors.getByRole("row", { name: /6 Code The asset tag is missing: every device needs one\./ })).toBeVisible();
  await expect(page.getByText(`Mapping saved as "E2E mapping ${run}".`)).toBeVisible();
  // The progress bar ends on the server's own count of rows read.
  await expect(page.getByRole("progressbar", { name: "Preview ready 5 of 5 rows" })).toBeVisible();
  // "Philipps" is one typo from Philips: proposed, and the person keeps the proposal.
  await expect(page.getByLabel(/“Philipps” \(1 rows\) — looks like Philips/)).toHaveValue(/\d+/);
  await page.getByRole("button", { name: "Commit 3 new, 0 changed, 0 retired" }).click();
  await expect(page.getByText("Imported: 3 new, 0 changed, 0 retired; 2 rows with errors were skipped.")).toBeVisible();
  await expect(page.getByRole("progressbar", { name: "Import committed 5 of 5 rows" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Import history" }).getByRole("row", { name: new RegExp(`cmms-${run}\\.csv`) })).toBeVisible();

  // The devices are in the inventory.
  await page.goto("/inventory");
  await page.getByLabel("Search asset tag, serial, hostname or IP").fill(`E2E-${run}`);
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByRole("heading", { name: "Devices (3)" })).toBeVisible();
  await page.getByRole("link", { name: `E2E-${run}-2` }).click();
  await expect(page.getByRole("heading", { name: `Device E2E-${run}-2` })).toBeVisible();
  await expect(page.getByText("Philips · IntelliVue MX450")).toBeVisible();
  await expect(page.getByText("Imported", { exact: true })).toBeVisible();

  // Re-import the same file with the saved mapping: 0 changes, nothing written.
  await page.goto("/inventory/import");
  await page.getByLabel("CMMS export file (CSV or XLSX)").setInputFiles(file);
  await page.getByLabel("CMMS it comes from").fill(source);
  await page.getByLabel("Saved mapping").selectOption({ label: `E2E mapping ${run}` });
  await page.getByRole("button", { name: "Preview", exact: true }).click();
  await expect(page.locator("dt", { hasText: "Unchanged devices" }).locator("+ dd")).toHaveText("3");
  await expect(page.locator("dt", { hasText: "New devices" }).locator("+ dd")).toHaveText("0");
  await page.getByRole("button", { name: "Commit (no changes)" }).click();
  await expect(page.getByText("No changes: the inventory already matches this file, so nothing was written.")).toBeVisible();
  await expect(page.getByRole("table", { name: "Import history" }).getByRole("row", { name: new RegExp(`cmms-${run}\\.csv`) })).toHaveCount(1);
});

test("a device page shows its class's signed RACI: who is accountable and responsible, with the leads' names", async ({ page }) => {
  await signIn(page, DEMO.auditor);
  await page.goto("/inventory");
  await page.getByLabel("Device class (with its subclasses)").selectOption({ label: "Ventilators" });
  await page.getByRole("button", { name: "Filter" }).click();
  await page.getByRole("table", { name: "Devices" }).getByRole("row").nth(1).getByRole("link").first().click();
  await expect(page.getByText(/From the signed RACI of Ventilators, version \d+/)).toBeVisible();
  const duties = page.getByRole("table", { name: "Signed responsibilities for this device" });
  await expect(duties.getByRole("row", { name: /Patching .* IT Infrastructure \(Priya Natarajan\) Clinical Engineering \(Carlos Estrada\)/ })).toBeVisible();
  await expect(duties.getByRole("row", { name: /Recalls .* Clinical Engineering \(Carlos Estrada\)/ })).toBeVisible();
  // An auditor reads; the edit forms are not offered.
  await expect(page.getByRole("form", { name: "Edit device" })).toHaveCount(0);

  // "Who owns this?" from the device's asset tag.
  const tag = (await page.getByRole("heading", { level: 1 }).textContent())!.replace("Device ", "").trim();
  await page.goto("/raci/who-owns");
  await page.getByLabel("Device (asset tag, serial, hostname or IP)").fill(tag.toLowerCase());
  await page.getByLabel("Activity").selectOption({ label: "Obtain OEM-validated patch, schedule downtime, deploy, verify" });
  await page.getByRole("button", { name: "Show owners" }).click();
  await expect(page.getByRole("heading", { name: `Device ${tag}: Ventilators — Obtain OEM-validated patch, schedule downtime, deploy, verify` })).toBeVisible();
  await expect(page.getByText("IT Infrastructure — lead: Priya Natarajan")).toBeVisible();
});

test("a preview and a commit of the demo's sample CMMS export show a progress bar with rows processed that completes", async ({ page }) => {
  await signIn(page, DEMO.ceLead);
  await page.goto("/inventory/import");
  const sample = await page.request.get("/api/inventory/sample");
  expect(sample.ok()).toBe(true);
  const body = await sample.body();
  const rows =
    body
      .toString("utf8")
      .split(/\r?\n/)
      .filter((l) => l.trim() !== "").length - 1;
  expect(rows).toBeGreaterThan(1000);
  const total = rows.toLocaleString("en-US");
  await page.getByLabel("CMMS export file (CSV or XLSX)").setInputFiles({ name: "sample.csv", mimeType: "text/csv", buffer: body });
  await page.getByLabel("CMMS it comes from").fill("Lakeside CMMS");
  await page.getByRole("button", { name: "Preview", exact: true }).click();
  // The bar appears as soon as the file is sent, then reports rows until the preview is ready.
  await expect(page.getByRole("progressbar")).toBeVisible();
  const ready = page.getByRole("progressbar", { name: `Preview ready ${total} of ${total} rows` });
  await expect(ready).toBeVisible({ timeout: 60_000 });
  await expect(ready).toHaveJSProperty("value", rows);
  await expect(ready).toHaveJSProperty("max", rows);
  await expect(page.getByRole("heading", { name: /Preview of sample\.csv/ })).toBeVisible();

  // The sample is the demo inventory itself: nothing to change, and the commit writes nothing.
  await expect(page.locator("dt", { hasText: "Unchanged devices" }).locator("+ dd")).toHaveText(total);
  await page.getByRole("button", { name: "Commit (no changes)" }).click();
  await expect(page.getByRole("progressbar")).toBeVisible();
  const committed = page.getByRole("progressbar", { name: `Import committed ${total} of ${total} rows` });
  await expect(committed).toBeVisible({ timeout: 60_000 });
  await expect(committed).toHaveJSProperty("value", rows);
});

test("a 5,000-row export (written by the import's worker thread while it is checked) commits whole and its devices are listed", async ({ page }) => {
  const run = id();
  const header = "Asset Tag,Serial Number,Manufacturer,Model,Site,Department,IP Address,Hostname,Last Inventory Date";
  const lines = Array.from(
    { length: 5000 },
    (_, i) =>
      `BIG-${run}-${String(i).padStart(5, "0")},SN-${run}-${i},Baxter,Sigma Spectrum,${i % 2 ? "LMH" : "NCH"},Ward ${i % 30},10.${90 + (i >> 16)}.${(i >> 8) & 255}.${i & 255},big-${run.toLowerCase()}-${i},2026-11-0${1 + (i % 9)}`,
  );
  const buffer = Buffer.from([header, ...lines].join("\r\n"));
  // Over 256 KiB: the commit writes through the worker's transaction (decision 0046).
  expect(buffer.length).toBeGreaterThan(256 * 1024);

  await signIn(page, DEMO.ceLead);
  await page.goto("/inventory/import");
  await page.getByLabel("CMMS export file (CSV or XLSX)").setInputFiles({ name: `big-${run}.csv`, mimeType: "text/csv", buffer });
  await page.getByLabel("CMMS it comes from").fill(`E2E big ${run}`);
  await page.getByRole("button", { name: "Preview", exact: true }).click();
  await expect(page.locator("dt", { hasText: "New devices" }).locator("+ dd")).toHaveText("5,000", { timeout: 60_000 });
  await page.getByRole("button", { name: "Commit 5000 new, 0 changed, 0 retired" }).click();
  await expect(page.getByText("Imported: 5000 new, 0 changed, 0 retired; 0 rows with errors were skipped.")).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole("progressbar", { name: "Import committed 5,000 of 5,000 rows" })).toBeVisible();

  await page.goto(`/inventory?q=BIG-${run}`);
  await expect(page.getByRole("heading", { name: "Devices (5,000)" })).toBeVisible();
  await page.goto(`/inventory?q=BIG-${run}-04999`);
  await page.getByRole("link", { name: `BIG-${run}-04999` }).click();
  await expect(page.getByRole("heading", { name: `Device BIG-${run}-04999` })).toBeVisible();
  await expect(page.getByText("Imported", { exact: true })).toBeVisible();
});
