import { expect, test } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, signIn, unique } from "./fixtures";

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
  await form.getByLabel(/^write:patches/).check();
  await form.getByLabel(/^write:recalls/).check();
  await form.getByRole("button", { name: "Create token" }).click();
  const token = await form.getByLabel("New token (shown once)").inputValue();
  expect(token).toMatch(/^clt_/);

  type Op = {
    parameters?: { name: string; in: string; example?: string }[];
    requestBody?: { content: Record<string, { example?: unknown }> };
    responses: Record<string, unknown>;
  };
  const doc = (await (await request.get("/api/v1/openapi.json")).json()) as { paths: Record<string, Record<string, Op>> };
  const tried: string[] = [];
  for (const [p, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const params = op.parameters ?? [];
      const url = p.replace(/\{(\w+)\}/g, (_m, k: string) => encodeURIComponent(params.find((x) => x.in === "path" && x.name === k)!.example!));
      const qs = new URLSearchParams(params.filter((x) => x.in === "query" && x.example !== undefined).map((x) => [x.name, x.example!])).toString();
      const body = op.requestBody?.content["application/json"]?.example;
      const res = await request.fetch(`${url}${qs ? `?${qs}` : ""}`, {
        method: method.toUpperCase(),
        headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
        data: body === undefined ? undefined : JSON.stringify(body),
      });
      const success = Object.keys(op.responses).find((c) => c.startsWith("2"))!;
      expect(`${method.toUpperCase()} ${p} → ${res.status()}`, await res.text()).toBe(`${method.toUpperCase()} ${p} → ${success}`);
      tried.push(`${method.toUpperCase()} ${p}`);
    }
  }
  expect(tried.length).toBeGreaterThanOrEqual(22);
  expect(tried).toEqual(
    expect.arrayContaining(["GET /api/v1/patches", "POST /api/v1/patches/completions", "GET /api/v1/recalls/{id}", "POST /api/v1/recalls/{id}/actions"]),
  );

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

/** Creates a token through the admin page with the given write scopes (read is checked by default). */
async function createToken(page: import("@playwright/test").Page, name: string, writes: string[]): Promise<string> {
  await signIn(page, DEMO.admin);
  await page.goto("/admin/tokens");
  const form = page.getByRole("form", { name: "Create API token" });
  await form.getByLabel("Name").fill(name);
  for (const w of writes) await form.getByLabel(new RegExp(`^${w}`)).check();
  await form.getByRole("button", { name: "Create token" }).click();
  const token = await form.getByLabel("New token (shown once)").inputValue();
  expect(token).toMatch(/^clt_/);
  return token;
}

test("a CMMS round trip against the running server: bulk upsert devices, read the patch queue, post completions, see the device history", async ({
  page,
  request,
}) => {
  const name = unique("Eastgate CMMS");
  const token = await createToken(page, name, ["write:inventory", "write:patches"]);
  const auth = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  // Devices of a model and version the demo's advisory ICSMA-23-194-01 affects (read from the API itself).
  const like = (await (await request.get("/api/v1/devices/by-asset-tag/LMH-10035", { headers: auth })).json()) as {
    manufacturer: string;
    model: string;
    softwareVersion: string | null;
  };
  const tags = [unique("RT-A"), unique("RT-B")].map((t) => t.replace(/ /g, "-"));
  const up = await request.post("/api/v1/devices/bulk", {
    headers: { ...auth, "idempotency-key": unique("upsert").replace(/ /g, "-") },
    data: JSON.stringify({
      source: "AIMS",
      devices: tags.map((assetTag, i) => ({
        assetTag,
        cmmsId: `${assetTag}-${i}`,
        site: "EOC",
        manufacturer: like.manufacturer,
        model: like.model,
        softwareVersion: like.softwareVersion ?? undefined,
        connected: true,
      })),
    }),
  });
  expect(up.status(), await up.text()).toBe(200);

  const items: { assetTag: string; trackingId: string; deviceId: number; status: string }[] = [];
  for (const tag of tags) {
    const device = (await (await request.get(`/api/v1/devices/by-asset-tag/${encodeURIComponent(tag)}`, { headers: auth })).json()) as { id: number };
    const q = await request.get(`/api/v1/patches?device=${device.id}`, { headers: auth });
    expect(q.status()).toBe(200);
    const found = ((await q.json()) as { items: typeof items }).items;
    expect(found.map((i) => i.trackingId)).toEqual(["ICSMA-23-194-01"]);
    items.push(...found);
  }
  // The server's today (its clock may be set ahead in CI), from the dashboard figures.
  const { today } = (await (await request.get("/api/v1/dashboard", { headers: auth })).json()) as { today: string };
  const done = await request.post("/api/v1/patches/completions", {
    headers: auth,
    data: JSON.stringify({
      source: "AIMS",
      completions: items.map((i, n) => ({ assetTag: i.assetTag, advisory: i.trackingId, workOrder: `WO-RT-${n + 1}`, appliedOn: today })),
    }),
  });
  expect(done.status(), await done.text()).toBe(200);
  expect(await done.json()).toEqual({ recorded: 2 });

  const history = (await (await request.get(`/api/v1/devices/${items[0]!.deviceId}/history`, { headers: auth })).json()) as {
    items: { kind: string; workOrder: string | null; actor: string }[];
  };
  expect(history.items[0]).toMatchObject({ kind: "patch_applied", workOrder: "WO-RT-1", actor: `API token “${name}”` });
  // A person sees the same on the device's page: the queue item applied with its work order, and the history entry.
  await page.goto(`/inventory/devices/${items[0]!.deviceId}`);
  await expect(page.getByRole("table", { name: "Patch queue" })).toContainText("Applied");
  await expect(page.getByRole("table", { name: "Patch queue" })).toContainText("WO WO-RT-1");
  await expect(page.getByText(new RegExp(`${name}.*work order WO-RT-1`)).first()).toBeVisible();
});

test("a deferral asked for through the API waits for the Accountable lead, who accepts it with a signature", async ({ page, request, browser }) => {
  const name = unique("Maximo deferrals");
  const token = await createToken(page, name, ["write:patches"]);
  const auth = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const { today } = (await (await request.get("/api/v1/dashboard", { headers: auth })).json()) as { today: string };
  const until = new Date(Date.parse(today) + 60 * 86_400_000).toISOString().slice(0, 10);
  const r = await request.post("/api/v1/patches/deferral-requests", {
    headers: auth,
    data: JSON.stringify({ assetTag: "LMH-10060", advisory: "ICSMA-23-194-01", reason: "Spring downtime window only.", deferUntil: until }),
  });
  expect(r.status(), await r.text()).toBe(201);
  const { deviceId } = (await r.json()) as { deviceId: number };

  const it = await browser.newPage();
  await signIn(it, DEMO.itLead);
  await it.goto(`/patches?device=${deviceId}&status=all`);
  const table = it.getByRole("table", { name: "Patch queue" });
  await expect(table).toContainText("Deferral requested");
  await expect(table).toContainText("Open");
  await table.getByText("Record work on LMH-10060 for ICSMA-23-194-01").click();
  const form = it.getByRole("form", { name: "Defer patch on LMH-10060 for ICSMA-23-194-01" });
  await expect(form.getByLabel("Reason for deferring")).toHaveValue("Spring downtime window only.");
  await expect(form.getByLabel("Deferred until")).toHaveValue(until);
  await form.getByLabel("Your password").fill(DEMO_PASSWORD);
  await form.getByRole("button", { name: "Sign and accept the requested deferral" }).click();
  await expect(table).toContainText("Deferred");
  await expect(table).toContainText(`until ${until}`);
  await expect(table).not.toContainText("Deferral requested");
  await it.close();
});
