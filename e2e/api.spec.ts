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

test("every example request of the OpenAPI document succeeds against the running server with a token of the right scopes", async ({ page, request }) => {
  await signIn(page, DEMO.admin);
  await page.goto("/admin/tokens");
  const name = unique("Device platform");
  const form = page.getByRole("form", { name: "Create API token" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel(/^write:inventory/).check();
  await form.getByLabel(/^write:advisories/).check();
  await form.getByRole("button", { name: "Create token" }).click();
  const token = await form.getByLabel("New token (shown once)").inputValue();
  expect(token).toMatch(/^clt_/);

  type Op = { parameters?: { name: string; in: string; example?: string }[]; requestBody?: { content: Record<string, { example?: unknown }> }; responses: Record<string, unknown> };
  const doc = (await (await request.get("/api/v1/openapi.json")).json()) as { paths: Record<string, Record<string, Op>> };
  const tried: string[] = [];
  for (const [p, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const params = op.parameters ?? [];
      const url = p.replace(/\{(\w+)\}/g, (_m, k: string) => encodeURIComponent(params.find((x) => x.in === "path" && x.name === k)!.example!));
      const qs = new URLSearchParams(params.filter((x) => x.in === "query" && x.example !== undefined).map((x) => [x.name, x.example!])).toString();
      const body = op.requestBody?.content["application/json"]?.example;
      const res = await request.fetch(`${url}${qs ? `?${qs}` : ""}`, { method: method.toUpperCase(), headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) }, data: body === undefined ? undefined : JSON.stringify(body) });
      const success = Object.keys(op.responses).find((c) => c.startsWith("2"))!;
      expect(`${method.toUpperCase()} ${p} → ${res.status()}`, await res.text()).toBe(`${method.toUpperCase()} ${p} → ${success}`);
      tried.push(`${method.toUpperCase()} ${p}`);
    }
  }
  expect(tried.length).toBeGreaterThanOrEqual(14);

  // The device the example created is readable; the example's work event is in device 1's history on its page.
  const device = await request.get("/api/v1/devices/by-asset-tag/API-EXAMPLE-1", { headers: { authorization: `Bearer ${token}` } });
  expect(await device.json()).toMatchObject({ assetTag: "API-EXAMPLE-1", site: "Lakeside Main Hospital", connected: true });
  await page.goto("/inventory/devices/1");
  await expect(page.getByText(new RegExp(`${name}.*work order WO-2026-0042`)).first()).toBeVisible();
  await expect(page.getByText("Preventive maintenance; firmware checked.").first()).toBeVisible();

  // The reference page lists the new endpoints from the same document.
  await page.goto("/help/api");
  await expect(page.getByRole("heading", { level: 2, name: "POST /api/v1/devices/bulk", exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "GET /api/v1/who-owns", exact: true })).toBeVisible();
});
