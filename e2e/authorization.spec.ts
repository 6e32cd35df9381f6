import { expect, test, type Page, type Request } from "@playwright/test";
import { DEMO, signIn, unique } from "./fixtures";

/** Submits the "Add a site" form as the current user and returns the server action request it sent. */
async function captureCreateSite(page: Page, name: string, code: string): Promise<Request> {
  await page.goto("/organization");
  await page.getByText("Add a site").click();
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Add site" }) });
  await form.getByLabel("Site name").fill(name);
  await form.getByLabel("Code").fill(code);
  const [req] = await Promise.all([
    page.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"])),
    form.getByRole("button", { name: "Add site" }).click(),
  ]);
  return req;
}

test("a direct POST of an admin action by a contributor is refused and changes nothing", async ({ page, browser, baseURL }) => {
  await signIn(page, DEMO.admin);
  const first = unique("Westfield Clinic");
  const req = await captureCreateSite(page, first, `W${Date.now().toString(36).slice(-5)}`);
  await expect(page.getByText(`Site "${first}" added.`)).toBeVisible();

  // Replay the same action, with a different site name, as the contributor.
  const other = await browser.newContext();
  const contributor = await other.newPage();
  await signIn(contributor, DEMO.assessor);
  const forged = unique("Forged Site");
  const body = req.postData()!.replace(first, forged);
  const res = await contributor.request.post(req.url(), {
    headers: {
      "next-action": req.headers()["next-action"]!,
      "content-type": req.headers()["content-type"]!,
      accept: "text/x-component",
      origin: baseURL!,
    },
    data: body,
  });
  expect(await res.text()).toContain("You don't have permission to do this.");

  await contributor.goto("/organization");
  await expect(contributor.getByRole("cell", { name: first })).toBeVisible();
  await expect(contributor.getByRole("cell", { name: forged })).toHaveCount(0);
  await other.close();
});

test("a server action from a foreign origin is refused and changes nothing", async ({ page }) => {
  await signIn(page, DEMO.admin);
  const first = unique("Harbor Clinic");
  const req = await captureCreateSite(page, first, `H${Date.now().toString(36).slice(-5)}`);
  await expect(page.getByText(`Site "${first}" added.`)).toBeVisible();
  const forged = unique("Cross Origin Site");
  for (const origin of ["https://evil.example", "null"]) {
    const res = await page.request.post(req.url(), {
      headers: { "next-action": req.headers()["next-action"]!, "content-type": req.headers()["content-type"]!, accept: "text/x-component", origin },
      data: req.postData()!.replace(first, forged),
    });
    expect(res.status() >= 400 || (await res.text()).includes("refused")).toBeTruthy();
  }
  await page.goto("/organization");
  await expect(page.getByRole("cell", { name: forged })).toHaveCount(0);
});

test("pages outside a role's reach answer not found", async ({ page }) => {
  await signIn(page, DEMO.assessor);
  for (const path of ["/admin/users", "/audit", "/admin/users/1"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  }
  await page.goto("/organization/device-classes/999999");
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
});
