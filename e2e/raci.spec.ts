import path from "node:path";
import Database from "better-sqlite3";
import { expect, test, type Page } from "@playwright/test";
import { DEMO, signIn, signOut } from "./fixtures";

const PATCH = "Obtain OEM-validated patch, schedule downtime, deploy, verify";
const RECALLS = "Handle recalls and field safety notices";

async function openClass(page: Page, name: string) {
  await page.goto("/raci");
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { name: `${name} — RACI` })).toBeVisible();
}

function cell(page: Page, party: string, activity: string) {
  return page.getByRole("gridcell", { name: new RegExp(`^${party} — ${activity.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}:`) });
}

async function signAs(page: Page, email: string, password = "lakeside-demo-2026") {
  await signIn(page, email);
  await openClass(page, "Syringe pumps");
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign", exact: true }).click();
}

test.describe.serial("Syringe pumps: edit, rules, sign-off, new version", () => {
  test("the IT lead edits with the keyboard; a violation blocks submission; a valid matrix is submitted", async ({ page }) => {
    await signIn(page, DEMO.itLead);
    await openClass(page, "Syringe pumps");
    await expect(page.getByText("Status:").locator("..")).toContainText("No matrix yet");

    // Keyboard only: focus the grid's first cell, then arrows to the IT column of the patch activity.
    const start = cell(page, "Clinical Engineering", "Approve device-security policy and risk acceptance criteria");
    await start.focus();
    await page.keyboard.press("ArrowRight");
    for (let i = 0; i < 12; i++) await page.keyboard.press("ArrowDown");
    const itPatch = cell(page, "IT Infrastructure", PATCH);
    await expect(itPatch).toBeFocused();
    await expect(itPatch).toHaveAccessibleName(`IT Infrastructure — ${PATCH}: Accountable, inherited from the template`);
    await page.keyboard.press("r");
    await expect(itPatch).toHaveAccessibleName(`IT Infrastructure — ${PATCH}: Responsible, overridden here`);
    await expect(page.getByText(`Saved: IT Infrastructure — ${PATCH}: Responsible.`)).toBeVisible();

    // Now nobody is Accountable for patching: shown live, and the server refuses to submit.
    const violations = page.getByRole("list", { name: "Rule violations" });
    await expect(violations).toContainText(`${PATCH}: no party is Accountable`);
    await page.getByRole("button", { name: "Submit for sign-off" }).click();
    await expect(page.getByText(`${PATCH}: no party is Accountable`).first()).toBeVisible();
    await expect(page.getByText("This matrix cannot be submitted until its rules are met")).toBeVisible();
    await page.reload();
    await expect(page.getByText("Never submitted.")).toBeVisible();

    // The IT lead cannot change another party's column.
    await cell(page, "Clinical Engineering", PATCH).focus();
    await page.keyboard.press("a");
    await expect(page.getByText("You can change only your own party's column, not Clinical Engineering's.")).toBeVisible();

    // Fix it and make a real change.
    await itPatch.focus();
    await page.keyboard.press("a");
    await expect(itPatch).toHaveAccessibleName(`IT Infrastructure — ${PATCH}: Accountable, overridden here`);
    const itRecalls = cell(page, "IT Infrastructure", RECALLS);
    await itRecalls.focus();
    await page.keyboard.press("c");
    await expect(itRecalls).toHaveAccessibleName(`IT Infrastructure — ${RECALLS}: Consulted, overridden here`);
    await expect(page.getByRole("heading", { name: "Rules: all met" })).toBeVisible();

    await page.getByRole("button", { name: "Submit for sign-off" }).click();
    await expect(page.getByRole("heading", { name: "Version 1: in review" })).toBeVisible();
    await expect(page.getByText("Status:").locator("..")).toContainText("In review");

    await page.goto("/raci");
    await expect(page.getByRole("row").filter({ has: page.getByRole("link", { name: "Syringe pumps", exact: true }) })).toContainText("In review");

    await page.getByRole("link", { name: "My responsibilities" }).click();
    await expect(page.getByRole("heading", { name: "My responsibilities" })).toBeVisible();
    const mine = page.getByRole("row").filter({ hasText: "Syringe pumps" }).filter({ hasText: PATCH });
    await expect(mine).toContainText("Accountable");
    await expect(mine).toContainText("Pending sign-off");
  });

  test("a wrong password signs nothing; CE lead, IT lead and CIO sign; version 1 becomes effective", async ({ page }) => {
    await signAs(page, DEMO.ceLead, "not my password at all");
    await expect(page.getByText("The password is incorrect. Nothing was signed.").first()).toBeVisible();
    await page.reload();
    await expect(page.getByRole("list", { name: "Required signers" })).not.toContainText("✓ Signed");

    await page.getByLabel("Password", { exact: true }).fill("lakeside-demo-2026");
    await page.getByRole("button", { name: "Sign", exact: true }).click();
    const signers = page.getByRole("list", { name: "Required signers" });
    await expect(signers.getByRole("listitem").filter({ hasText: "Carlos Estrada" })).toContainText("✓ Signed");
    await expect(signers.getByText("○ Awaiting")).toHaveCount(2);
    // One signature of three: the coverage view still shows it in review, with no signed date; the CE lead's duties are pending.
    const today = new Date().toISOString().slice(0, 10);
    await page.goto("/raci");
    const row = () => page.getByRole("row").filter({ has: page.getByRole("link", { name: "Syringe pumps", exact: true }) });
    await expect(row()).toContainText("In review");
    await expect(row()).not.toContainText(today);
    await page.goto("/raci/mine");
    await expect(page.getByRole("row").filter({ hasText: "Syringe pumps" }).first()).toContainText("Pending sign-off");

    await signOut(page);
    await signAs(page, DEMO.itLead);
    await expect(page.getByRole("list", { name: "Required signers" }).getByText("○ Awaiting")).toHaveCount(1);
    await page.goto("/raci");
    await expect(row()).toContainText("In review");
    await page.goto("/raci/mine");
    await expect(page.getByRole("row").filter({ hasText: "Syringe pumps" }).filter({ hasText: PATCH })).toContainText("Pending sign-off");

    await signOut(page);
    await signAs(page, DEMO.cio);
    await expect(page.getByRole("heading", { name: "Effective: version 1" })).toBeVisible();
    await expect(page.getByText("Status:").locator("..")).toContainText("Effective");
    const sigs = page.getByRole("list", { name: "Signatures" });
    await expect(sigs.getByRole("listitem")).toHaveCount(3);
    await expect(sigs).toContainText("Carlos Estrada");
    await expect(sigs).toContainText("Accepts accountability");
    await expect(sigs).toContainText("Dana Whitfield");
    await expect(sigs).toContainText("Approved");
    await expect(sigs.getByText("Signature valid")).toHaveCount(3);

    await page.goto("/raci");
    await expect(row()).toContainText("Effective");
    await expect(row()).toContainText(today);
    await expect(row()).not.toContainText("In review");

    await page.getByRole("link", { name: "Who owns this?" }).click();
    await expect(page.getByRole("heading", { name: "Who owns this?" })).toBeVisible();
    await page.getByLabel("Device class").selectOption({ label: "— Syringe pumps" });
    await page.getByLabel("Activity").selectOption({ label: PATCH });
    await page.getByRole("button", { name: "Show owners" }).click();
    const owners = page.getByRole("definition").filter({ hasText: "IT Infrastructure" });
    await expect(owners).toContainText("lead: Priya Natarajan");
    await expect(page.getByText("Signed in version 1")).toBeVisible();
  });

  test("an edit starts version 2 while version 1 stays effective", async ({ page }) => {
    await signIn(page, DEMO.itLead);
    await openClass(page, "Syringe pumps");
    const itRecalls = cell(page, "IT Infrastructure", RECALLS);
    await itRecalls.focus();
    await page.keyboard.press("i");
    await expect(itRecalls).toHaveAccessibleName(`IT Infrastructure — ${RECALLS}: Informed, overridden here`);
    await page.reload();
    await expect(page.getByText("Status:").locator("..")).toContainText("Draft");
    await expect(page.getByRole("heading", { name: "Effective: version 1" })).toBeVisible();
    await expect(page.getByText(`IT Infrastructure — ${RECALLS}: Consulted (C) → Informed (I)`)).toBeVisible();

    await page.getByRole("button", { name: "Submit for sign-off" }).click();
    await expect(page.getByRole("heading", { name: "Version 2: in review" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Effective: version 1" })).toBeVisible();

    await page.goto("/raci/mine");
    await expect(page.getByRole("row").filter({ hasText: "Syringe pumps" }).filter({ hasText: PATCH })).toContainText("Effective (signed)");

    await openClass(page, "Syringe pumps");
    await page.getByRole("link", { name: "Version 2", exact: true }).click();
    const changed = page.getByRole("table", { name: "Changed cells" });
    await expect(changed.getByRole("row").filter({ hasText: RECALLS })).toContainText("Consulted (C)");
    await expect(changed.getByRole("row").filter({ hasText: RECALLS })).toContainText("Informed (I)");
  });
});

test("concurrent edits: the second editor is told who changed the matrix, and nothing is overwritten", async ({ browser }) => {
  const a = await (await browser.newContext()).newPage();
  const b = await (await browser.newContext()).newPage();
  await signIn(a, DEMO.ceLead);
  await signIn(b, DEMO.admin);
  await openClass(a, "Blood gas analyzers");
  await openClass(b, "Blood gas analyzers");
  const activity = "Role-based training for HTM, IT and clinical staff";
  await cell(a, "Clinical Engineering", activity).focus();
  await a.keyboard.press("r");
  await expect(a.getByText(`Saved: Clinical Engineering — ${activity}: Responsible.`)).toBeVisible();
  await cell(b, "Clinical Engineering", activity).focus();
  await b.keyboard.press("c");
  await expect(b.getByText(/Carlos Estrada changed this matrix at .* after you opened it\. Your change was not saved/)).toBeVisible();
  await b.reload();
  await expect(cell(b, "Clinical Engineering", activity)).toHaveAccessibleName(`Clinical Engineering — ${activity}: Responsible, overridden here`);
});

test("a signed version whose content is changed directly in the database shows its signatures as invalid", async ({ page }) => {
  await signIn(page, DEMO.auditor);
  await openClass(page, "Anesthesia workstations");
  await page.getByRole("link", { name: "Version 1", exact: true }).click();
  await expect(page.getByText(/All 3 signatures verify/)).toBeVisible();

  // Someone with access to the database file rewrites a signed letter, bypassing the application.
  const db = new Database(path.join(__dirname, "..", ".e2e", "clearline.db"));
  db.pragma("busy_timeout = 5000");
  db.exec("DROP TRIGGER IF EXISTS raci_versions_content_immutable");
  const row = db
    .prepare("SELECT v.id, v.content FROM raci_versions v JOIN device_classes c ON c.id = v.device_class_id WHERE c.name = ? AND v.version_no = 1")
    .get("Anesthesia workstations") as { id: number; content: string };
  const snap = JSON.parse(row.content) as { cells: { letter: string }[] };
  snap.cells[0]!.letter = snap.cells[0]!.letter === "A" ? "C" : "A";
  db.prepare("UPDATE raci_versions SET content = ? WHERE id = ?").run(JSON.stringify(snap), row.id);
  db.close();

  await page.reload();
  await expect(page.getByText("Signature invalid: content does not match what was signed").first()).toBeVisible();
  await expect(page.getByText("Signature valid", { exact: true })).toHaveCount(0);
});

test("exports: the organization's matrix as CSV and XLSX, a class's as CSV with its signatures", async ({ page }) => {
  await signIn(page, DEMO.auditor);
  const csv = await page.request.get("/api/raci/export?format=csv");
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-disposition"]).toMatch(/attachment; filename="clearline-raci-organization-\d{4}-\d{2}-\d{2}\.csv"/);
  const text = await csv.text();
  expect(text.split("\r\n")[0]).toBe("Device class,Activity,CSF 2.0,Party,Letter,Meaning,Source,Class status");
  expect(text).toContain("PACS servers,Monitor device traffic for anomalies,DE.CM-01 DE.CM-09,Information Security,A,Accountable,overridden here");
  const xlsx = await page.request.get("/api/raci/export?format=xlsx");
  expect(xlsx.headers()["content-type"]).toContain("spreadsheetml");
  expect((await xlsx.body()).subarray(0, 2).toString()).toBe("PK");
  const bad = await page.request.get("/api/raci/export?format=pdf");
  expect(bad.status()).toBe(400);

  await openClass(page, "Ventilators");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "CSV" }).click()]);
  const body = await (await download.createReadStream()).toArray();
  const one = Buffer.concat(body).toString();
  expect(one).toContain("Dana Whitfield,Approved,signature");
  expect(one).not.toContain("PACS servers");
});
