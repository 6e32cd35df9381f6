import { expect, test } from "@playwright/test";
import { DEMO, signIn, signOut } from "./fixtures";

test("the CE lead imports a recall, confirms a possible match, records the action with a work order and sees it in the device's history", async ({ page }) => {
  const number = `Z-${Date.now().toString().slice(-4)}-${Math.floor(Math.random() * 9000 + 1000)}`;
  const workOrder = `WO-${Date.now().toString(36)}`;
  const recall = {
    meta: { disclaimer: "test" },
    results: [
      {
        product_res_number: number,
        product_code: "FOZ",
        recalling_firm: "Arrow International Inc",
        product_description: "Central venous catheterization kits, all lots shipped in 2026",
        reason_for_recall: "Labeling error on the lidstock.",
        event_date_initiated: "2026-01-15",
        recall_status: "Ongoing",
      },
    ],
  };
  await signIn(page, DEMO.ceLead);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Recalls" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Recalls" })).toBeVisible();

  // A file without a product code is refused with a sentence, and nothing is stored.
  const upload = page.getByRole("form", { name: "Import recalls" });
  await upload
    .getByLabel("openFDA recall files")
    .setInputFiles([{ name: "no-code.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify({ results: [{ recall_number: number }] })) }]);
  await upload.getByRole("button", { name: "Import recalls" }).click();
  await expect(
    page.getByText(`Nothing was imported. no-code.json, record 1 (${number}) has no FDA product code, so it cannot be matched to device models.`),
  ).toBeVisible();
  await expect(page.getByRole("link", { name: number })).toHaveCount(0);

  await upload
    .getByLabel("openFDA recall files")
    .setInputFiles([{ name: "recall.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(recall)) }]);
  await upload.getByRole("button", { name: "Import recalls" }).click();
  await expect(page.getByText("1 recall read: 1 new, 0 updated, 0 unchanged; 2 new model matches.")).toBeVisible();
  await page.getByRole("link", { name: number }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Recall ${number}` })).toBeVisible();
  await expect(page.getByText("No device in service is of a model this recall applies to.")).toBeVisible();

  // The description names no model: a possible match a person confirms, with a reason.
  const review = page.getByRole("form", { name: "Review the match to Arrow International Pediatric Two-Lumen CVC Kit" });
  await review.getByLabel("Does the recall apply to Arrow International Pediatric Two-Lumen CVC Kit?").selectOption("confirmed");
  await review.getByLabel("Reason").fill("Arrow's letter lists our AK-25502 kits.");
  await review.getByRole("button", { name: "Save review" }).click();
  // The form gives way to the recorded verdict.
  await expect(page.getByText(/^Confirmed by Carlos Estrada on \d{4}-\d{2}-\d{2}: Arrow's letter lists our AK-25502 kits\.$/)).toBeVisible();
  const devices = page.getByRole("table", { name: "Devices this recall applies to" });
  await expect(devices.getByRole("link", { name: "NCH-ARW-001" })).toBeVisible();
  await expect(devices.getByText("No signed owner")).toHaveCount(3);

  // Recording the action needs a work order; with it, the device is no longer outstanding.
  const row = devices.getByRole("row").filter({ has: page.getByRole("link", { name: "NCH-ARW-001" }) });
  await row.getByText("Record the action").click();
  const form = page.getByRole("form", { name: "Record the recall action for NCH-ARW-001" });
  await form.getByRole("button", { name: "Record action for NCH-ARW-001" }).click();
  await expect(form.getByText("Work order is required.").first()).toBeVisible();
  await form.getByLabel("Work order").fill(workOrder);
  await form.getByLabel("Notes").fill("Notice placed with each kit in stock.");
  await form.getByRole("button", { name: "Record action for NCH-ARW-001" }).click();
  await expect(row.getByText(`work order ${workOrder}`)).toBeVisible();

  await devices.getByRole("link", { name: "NCH-ARW-001" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Device NCH-ARW-001" })).toBeVisible();
  await expect(page.getByText(new RegExp(`Recall action · .* · work order ${workOrder}`))).toBeVisible();
  await expect(
    page.getByText(new RegExp(`Recall ${number}: corrective action done on \\d{4}-\\d{2}-\\d{2}\\. Notice placed with each kit in stock\\.`)),
  ).toBeVisible();
  // The demo recall is still outstanding for this kit; the one just actioned is not listed.
  const outstanding = page.getByRole("link", { name: /^Recall Z-/ });
  await expect(outstanding).toHaveText(["Recall Z-0053-2020"]);
});

test("an auditor reads recalls but is offered no import, review or action", async ({ page }) => {
  await signIn(page, DEMO.auditor);
  await page.goto("/recalls");
  await page.getByRole("link", { name: "Z-0053-2020" }).click();
  await expect(page.getByText("Possible match — confirm")).toBeVisible();
  await expect(page.getByRole("form")).toHaveCount(0);
  await expect(page.getByText("Record the action")).toHaveCount(0);
  await page.goto("/recalls");
  await expect(page.getByRole("form", { name: "Import recalls" })).toHaveCount(0);
});

test("a lead records a mitigate decision for an unsupported model and leadership approves it with a signature", async ({ page }) => {
  const marker = `Matrix ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}: CT on the imaging VLAN, vendor VPN off.`;
  await signIn(page, DEMO.itLead);
  await page.goto("/inventory");
  await page.getByRole("link", { name: "Replace or mitigate" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Replace or mitigate" })).toBeVisible();
  // The demo: one approved mitigation, one approved replacement overdue for review.
  await expect(page.getByText("Review overdue")).toBeVisible();
  const form = page.getByRole("form", { name: "Record a replace-or-mitigate decision" });
  await form.getByLabel("Model").selectOption({ label: "Philips Brilliance 64" });
  await form.getByLabel("Decision").selectOption("mitigate");
  await form.getByRole("button", { name: "Record decision" }).click();
  await expect(form.getByText("Choose at least one compensating control.")).toBeVisible();
  await form.getByLabel("Network segmentation").check();
  await form.getByLabel("Remote access disabled").check();
  await form.getByLabel("Details").fill(marker);
  await form.getByLabel("Review date").fill(new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10));
  await form.getByRole("button", { name: "Record decision" }).click();
  await expect(page.getByText("Decision recorded. It takes effect when leadership approves it.")).toBeVisible();
  const mine = page.getByRole("listitem").filter({ hasText: marker });
  await expect(mine.getByText("Awaiting leadership approval")).toBeVisible();
  await expect(mine.getByRole("form")).toHaveCount(0);

  await signOut(page);
  await signIn(page, DEMO.cio);
  await page.goto("/inventory/decisions");
  const item = page.getByRole("listitem").filter({ hasText: marker });
  await item.getByLabel("Your password").fill("not my password");
  await item.getByRole("button", { name: "Approve and sign" }).click();
  await expect(item.getByText("The password is incorrect. Nothing was signed.").first()).toBeVisible();
  await expect(item.getByText("Awaiting leadership approval")).toBeVisible();
  await item.getByLabel("Your password").fill("lakeside-demo-2026");
  await item.getByRole("button", { name: "Approve and sign" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: marker }).getByText("Approved", { exact: true })).toBeVisible();
});
