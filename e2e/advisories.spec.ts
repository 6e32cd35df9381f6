import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./fixtures";

const CSAF = path.join(__dirname, "..", "db", "seed", "data", "csaf");

test("the security lead finds known exploited advisories, reads one, and an upload is all or nothing", async ({ page }) => {
  await signIn(page, DEMO.securityLead);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Advisories" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Advisories" })).toBeVisible();
  await expect(page.getByText(/^22 advisories\. KEV catalog: 1,404 entries, version 2025\.08\.25\.$/)).toBeVisible();

  // Only those with a CVE on CISA's KEV catalog: EternalBlue (ICSMA-18-058-02), BlueKeep (ICSMA-20-049-01), IIS (ICSMA-17-215-02).
  await page.getByLabel("Only with known exploited CVEs").check();
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByText(/^3 advisories match\./)).toBeVisible();
  const table = page.getByRole("table", { name: "Advisories, newest first" });
  await expect(table.getByRole("link")).toHaveText(["ICSMA-20-049-01", "ICSMA-18-058-02", "ICSMA-17-215-02"]);

  await table.getByRole("link", { name: "ICSMA-20-049-01" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "ICSMA-20-049-01" })).toBeVisible();
  await expect(page.getByText(/CVE-2019-0708 is on CISA's Known Exploited Vulnerabilities catalog/)).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: /CVE-2019-0708.*Known exploited since 2021-11-03/ })).toBeVisible();
  // Version text a person must confirm is said so, not silently matched or dropped.
  await expect(page.getByRole("table", { name: /Products the advisory names/ }).getByText("1.0.2")).toBeVisible();

  // A batch with one broken file stores nothing and says which file and why.
  await page.goto("/advisories");
  const upload = page.getByRole("form", { name: "Import advisories" });
  await upload.getByLabel("CSAF 2.0 advisory files").setInputFiles([
    { name: "icsma-24-200-01.json", mimeType: "application/json", buffer: fs.readFileSync(path.join(CSAF, "icsma-24-200-01.json")) },
    { name: "broken.json", mimeType: "application/json", buffer: Buffer.from('{"document": {"csaf_version": "2.0"}}') },
  ]);
  await upload.getByRole("button", { name: "Import advisories" }).click();
  await expect(page.getByText(/Nothing was imported\. broken\.json is not valid CSAF 2\.0: \/document must have required property/)).toBeVisible();

  // The same advisory again is recognised and changes nothing.
  await upload
    .getByLabel("CSAF 2.0 advisory files")
    .setInputFiles([{ name: "icsma-24-200-01.json", mimeType: "application/json", buffer: fs.readFileSync(path.join(CSAF, "icsma-24-200-01.json")) }]);
  await upload.getByRole("button", { name: "Import advisories" }).click();
  await expect(page.getByText("1 unchanged.")).toBeVisible();
  await expect(page.getByText(/^22 advisories\./)).toBeVisible();
});

test("an auditor reads advisories but is offered no import", async ({ page }) => {
  await signIn(page, DEMO.auditor);
  await page.goto("/advisories");
  await expect(page.getByRole("link", { name: "ICSMA-24-200-01" })).toBeVisible();
  await expect(page.getByRole("form", { name: "Import advisories" })).toHaveCount(0);
  await page.goto("/advisories/999999");
  await expect(page.getByText(/not found|could not be found/i).first()).toBeVisible();
});
