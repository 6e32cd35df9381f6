import { expect, test } from "@playwright/test";
import { DEMO, signIn, unique } from "./fixtures";

test("an admin creates an API token, a CMMS reads with it, and once revoked it is refused", async ({ page, request }) => {
  await signIn(page, DEMO.admin);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API tokens" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "API tokens" })).toBeVisible();

  const name = unique("CMMS sync");
  const form = page.getByRole("form", { name: "Create API token" });
  await form.getByLabel("Name").fill(name);
  await form.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByText(/Token created\. Copy it now/)).toBeVisible();
  const token = await form.getByLabel("New token (shown once)").inputValue();
  expect(token).toMatch(/^clt_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
  await expect(page.getByRole("table", { name: "API tokens" }).getByRole("row", { name: new RegExp(name) })).toContainText("Active");

  const ok = await request.get("/api/v1/advisories?knownExploited=true", { headers: { authorization: `Bearer ${token}` } });
  expect(ok.status()).toBe(200);
  expect(((await ok.json()) as { items: unknown[] }).items).toHaveLength(3);

  const bad = await request.get("/api/v1/advisories?limit=0", { headers: { authorization: `Bearer ${token}` } });
  expect(bad.status()).toBe(422);
  expect(bad.headers()["content-type"]).toContain("application/problem+json");

  // After a reload the secret is gone from the page: it was shown once.
  await page.reload();
  await expect(page.getByText(token)).toHaveCount(0);
  await page.getByRole("button", { name: `Revoke ${name}` }).click();
  // The row itself is the confirmation: its revoke button gives way to who revoked it.
  await expect(page.getByRole("table", { name: "API tokens" }).getByRole("row", { name: new RegExp(name) })).toContainText("Revoked");

  const refused = await request.get("/api/v1/advisories", { headers: { authorization: `Bearer ${token}` } });
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toMatchObject({ type: "/api/v1/problems#token-revoked" });
  const spec = await request.get("/api/v1/openapi.json");
  expect(((await spec.json()) as { openapi: string }).openapi).toBe("3.1.0");

  // People read the same document on the reference page, with the problem types explained.
  await page.getByRole("link", { name: "API reference" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "GET /api/v1/advisories", exact: true })).toBeVisible();
  await expect(page.getByRole("table", { name: "Problem types" })).toContainText("/api/v1/problems#token-revoked");
});

test("an admin subscribes a receiver to events, sees the signing secret once, and disables it", async ({ page }) => {
  await signIn(page, DEMO.admin);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Webhooks" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Webhooks" })).toBeVisible();
  // The demo's retired subscription and the one event it received.
  await expect(page.getByRole("table", { name: "Webhook deliveries" })).toContainText("raci.awaiting_signature");

  const name = unique("Engine");
  const form = page.getByRole("form", { name: "Create webhook subscription" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Receiver URL").fill("ftp://engine.example/");
  await form.getByLabel(/raci\.awaiting_signature/).check();
  await form.getByRole("button", { name: "Create subscription" }).click();
  await expect(page.getByText(/must start with https:\/\//)).toBeVisible();
  await expect(page.getByRole("table", { name: "Webhook subscriptions" })).not.toContainText(name);

  await form.getByLabel("Receiver URL").fill("http://127.0.0.1:9/clearline");
  await form.getByRole("button", { name: "Create subscription" }).click();
  await expect(form.getByLabel("Signing secret (shown once)")).toHaveValue(/^whsec_[A-Za-z0-9_-]{43}$/);
  await page.getByRole("button", { name: `Disable ${name}` }).click();
  await expect(page.getByRole("table", { name: "Webhook subscriptions" }).getByRole("row", { name: new RegExp(name) })).toContainText("Disabled");
});
