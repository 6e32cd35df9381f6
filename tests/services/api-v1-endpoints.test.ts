/**
 * The /api/v1 endpoints of issue #14 item 3, called through the one door (handleApi) on a fresh copy of the demo
 * organization: every endpoint × no token / expired / revoked / wrong scope / other site / right token, with every
 * table unchanged after each refusal; every example of the OpenAPI document replayed; the bulk upsert's rules
 * (all or nothing, 422 naming row and field, 413, Idempotency-Key); and a CMMS round trip.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, test } from "vitest";
import {
  V1_ROUTES,
  listAdvisoriesRoute,
  listDevicesRoute,
  upsertDevicesRoute,
  getDeviceByTagRoute,
  deviceHistoryRoute,
  recordDeviceWorkRoute,
  uploadAdvisoryRoute,
  getDeviceRoute,
} from "@/lib/api/v1-routes";
import { clock } from "@/lib/clock";
import { API_SCOPES, type ApiScope } from "@/lib/rules/api-token";
import { openApiDocument } from "@/lib/server/openapi";
import { createApiToken } from "@/lib/services/api/create-api-token";
import { revokeApiToken } from "@/lib/services/api/revoke-api-token";
import { call, digest, fresh, inDays, one, token, type AnyRoute, type Req } from "./api-v1-helpers";

const key = (r: AnyRoute) => `${r.method} ${r.path}`;

/**
 * For each endpoint, a request about a record of site A and what a token limited to site B must get: 404 for a
 * record (as if it did not exist), or only its own site's records in a list. Set-up done here is before the digest.
 */
type OtherSite = { req: Req; expect: 404 } | { req: Req; expect: 200; check: (body: Record<string, unknown>, own: number, sqlite: Database.Database) => void };
const OTHER_SITE: Record<string, (sqlite: Database.Database, siteA: number) => OtherSite> = {
  "GET /api/v1/devices": () => ({
    req: { query: { limit: "500" } },
    expect: 200,
    check: (b, own, sqlite) => {
      const items = b.items as { site: string }[];
      const name = one<{ name: string }>(sqlite, "select name from sites where id = ?", own).name;
      expect(items.length).toBeGreaterThan(0);
      expect(items.every((i) => i.site === name)).toBe(true);
    },
  }),
  "GET /api/v1/devices/{id}": (sqlite, a) => ({
    req: { params: { id: String(one<{ id: number }>(sqlite, "select id from devices where site_id = ? order by id limit 1", a).id) } },
    expect: 404,
  }),
  "GET /api/v1/devices/by-asset-tag/{assetTag}": (sqlite, a) => ({
    req: { params: { assetTag: one<{ t: string }>(sqlite, "select asset_tag as t from devices where site_id = ? order by id limit 1", a).t } },
    expect: 404,
  }),
  "POST /api/v1/devices/bulk": (sqlite, a) => ({
    req: {
      body: {
        source: "Maximo",
        devices: [
          {
            assetTag: one<{ t: string }>(sqlite, "select asset_tag as t from devices where site_id = ? order by id limit 1", a).t,
            location: "Moved by another site",
          },
        ],
      },
    },
    expect: 404,
  }),
  "GET /api/v1/devices/{id}/history": (sqlite, a) => ({
    req: { params: { id: String(one<{ id: number }>(sqlite, "select id from devices where site_id = ? order by id limit 1", a).id) } },
    expect: 404,
  }),
  "POST /api/v1/devices/{id}/history": (sqlite, a) => ({
    req: {
      params: { id: String(one<{ id: number }>(sqlite, "select id from devices where site_id = ? order by id limit 1", a).id) },
      body: { workOrder: "WO-1", note: "Not mine" },
    },
    expect: 404,
  }),
  // Advisories and RACI belong to the organization, not a site: a site-limited token reads them all.
  "GET /api/v1/advisories": () => ({ req: {}, expect: 200, check: (b) => expect((b.items as unknown[]).length).toBeGreaterThan(0) }),
  "POST /api/v1/advisories": () => ({
    req: { body: uploadAdvisoryRoute.doc.example.body },
    expect: 200,
    check: (b) => expect(b).toMatchObject({ created: 1 }),
  }),
  "GET /api/v1/advisories/{id}": () => ({ req: { params: { id: "1" } }, expect: 200, check: (b) => expect(b.advisory).toBeTruthy() }),
  "GET /api/v1/who-owns": (sqlite, a) => ({
    req: {
      query: {
        device: String(
          one<{ id: number }>(
            sqlite,
            "select d.id from devices d join device_models m on m.id = d.model_id where d.site_id = ? and m.device_class_id is not null order by d.id limit 1",
            a,
          ).id,
        ),
      },
    },
    expect: 404,
  }),
  "GET /api/v1/raci/coverage": () => ({ req: {}, expect: 200, check: (b) => expect((b as unknown as unknown[]).length).toBeGreaterThan(0) }),
  "GET /api/v1/dashboard": (_s, a) => ({ req: { query: { site: String(a) } }, expect: 404 }),
  "GET /api/v1/assessments": () => ({
    req: {},
    expect: 200,
    check: (b, own) => {
      const items = b.items as { siteId: number | null; name: string }[];
      expect(items.some((i) => i.name === "Site A review")).toBe(false);
      expect(items.every((i) => i.siteId == null || i.siteId === own)).toBe(true);
    },
  }),
  "GET /api/v1/advisories/{id}/devices": () => ({
    req: { params: { id: "20" }, query: { limit: "500" } },
    expect: 200,
    check: (b, own) => {
      const items = b.items as { siteId: number }[];
      expect(items.length).toBeGreaterThan(0);
      expect(items.every((i) => i.siteId === own)).toBe(true);
    },
  }),
  // The patch queue: a site-B token lists only its site's items; naming a site-A device is 404 and writes nothing.
  "GET /api/v1/patches": () => ({
    req: { query: { status: "all", limit: "500" } },
    expect: 200,
    check: (b, own) => {
      const items = b.items as { siteId: number }[];
      expect(items.length).toBeGreaterThan(0);
      expect(items.every((i) => i.siteId === own)).toBe(true);
    },
  }),
  "POST /api/v1/patches/applied": () => ({ req: { body: { assetTag: "LMH-10042", advisory: "ICSMA-23-194-01", workOrder: "WO-X" } }, expect: 404 }),
  "POST /api/v1/patches/not-applicable": () => ({ req: { body: { assetTag: "LMH-10042", advisory: "ICSMA-23-194-01", reason: "Not mine" } }, expect: 404 }),
  "POST /api/v1/patches/deferral-requests": () => ({
    req: { body: { assetTag: "LMH-10042", advisory: "ICSMA-23-194-01", reason: "Not mine", deferUntil: inDays(30) } },
    expect: 404,
  }),
  "POST /api/v1/patches/completions": () => ({
    req: { body: { source: "Maximo", completions: [{ assetTag: "LMH-10042", advisory: "ICSMA-23-194-01", workOrder: "WO-X", appliedOn: inDays(0) }] } },
    expect: 404,
  }),
  // Recalls belong to the organization; their devices to a site: a site-B token sees only site B's devices.
  "GET /api/v1/recalls": () => ({ req: {}, expect: 200, check: (b) => expect((b.items as unknown[]).length).toBeGreaterThan(0) }),
  "GET /api/v1/recalls/{id}": () => ({
    req: { params: { id: "1" } },
    expect: 200,
    check: (b, own) => {
      const devices = b.devices as { siteId: number; assetTag: string }[];
      expect(devices.map((d) => d.assetTag)).toEqual(["NCH-ARW-001"]);
      expect(devices.every((d) => d.siteId === own)).toBe(true);
    },
  }),
  "POST /api/v1/recalls/{id}/actions": () => ({
    req: { params: { id: "1" }, body: { assetTag: "LMH-ARW-001", state: "done", workOrder: "WO-X", actionOn: inDays(0) } },
    expect: 404,
  }),
  "GET /api/v1/assessments/{id}": (sqlite) => ({
    req: { params: { id: String(one<{ id: number }>(sqlite, "select id from assessments where name = 'Site A review'").id) } },
    expect: 404,
  }),
};

describe("every endpoint × every kind of token", () => {
  test("every declared endpoint has an other-site row", () => {
    expect(V1_ROUTES.map(key).filter((k) => !(k in OTHER_SITE))).toEqual([]);
  });

  for (const route of V1_ROUTES as AnyRoute[]) {
    test(`${key(route)}: no token, expired, revoked, wrong scope and other site are refused and change nothing; the right token succeeds`, async () => {
      const { db, sqlite, admin } = await fresh();
      try {
        const siteA = one<{ id: number }>(sqlite, "select id from sites where code = 'LMH'").id;
        const siteB = one<{ id: number }>(sqlite, "select id from sites where code = 'NCH'").id;
        sqlite
          .prepare(
            "insert into assessments (name, scope_type, site_id, due_date, status, created_by, created_at, updated_at) values ('Site A review', 'site', ?, ?, 'in_progress', ?, ?, ?)",
          )
          .run(siteA, inDays(30), admin.id, clock.now().toISOString(), clock.now().toISOString());
        const wrongScope: ApiScope[] = API_SCOPES.filter((s) => s !== route.scope);
        const right = token(db, admin, [route.scope]);
        const wrong = token(db, admin, wrongScope);
        const other = token(db, admin, [route.scope], siteB);
        const expired = createApiToken(db, admin, { name: "expired", scopes: [route.scope], siteId: null, expiresOn: inDays(1) });
        sqlite.prepare("update api_tokens set expires_on = ? where id = ?").run(inDays(-1), expired.id);
        const revoked = createApiToken(db, admin, { name: "revoked", scopes: [route.scope], siteId: null, expiresOn: inDays(30) });
        revokeApiToken(db, admin, revoked.id);
        const example = route.doc.example as Req;
        const os = OTHER_SITE[key(route)]!(sqlite, siteA);

        const before = digest(sqlite);
        const refusals: [string, string | null, Req, number, string][] = [
          ["no token", null, example, 401, "token-missing"],
          ["expired", expired.token, example, 401, "token-expired"],
          ["revoked", revoked.token, example, 401, "token-revoked"],
          ["wrong scope", wrong, example, 403, "insufficient-scope"],
        ];
        if (os.expect === 404) refusals.push(["other site", other, os.req, 404, "not-found"]);
        for (const [name, t, req, status, type] of refusals) {
          const r = await call(db, route, t, req);
          expect({ name, status: r.status, type: r.body.type }, r.text).toEqual({ name, status, type: `/api/v1/problems#${type}` });
          expect(r.headers.get("content-type")).toBe("application/problem+json");
        }
        expect(digest(sqlite), "nothing changed after the refusals").toBe(before);
        if (os.expect === 200) {
          const r = await call(db, route, other, os.req);
          expect(r.status, r.text).toBe(200);
          os.check(r.body, siteB, sqlite);
        }
        const ok = await call(db, route, right, example);
        expect(ok.status, ok.text).toBe(route.status ?? 200);
        if (route.method === "GET") expect(digest(sqlite), "a read changes nothing").toBe(before);
      } finally {
        sqlite.close();
      }
    });
  }
});

describe("the OpenAPI document", () => {
  test("lists every declared endpoint, each with an example that the handlers answer with success", async () => {
    const doc = openApiDocument();
    const { db, sqlite, admin } = await fresh();
    try {
      const all = token(db, admin, [...API_SCOPES]);
      for (const route of V1_ROUTES as AnyRoute[]) {
        const op = (
          doc.paths![route.path] as Record<
            string,
            { parameters?: { name: string; in: string; example?: string }[]; requestBody?: { content: Record<string, { example?: unknown }> } }
          >
        )[route.method.toLowerCase()]!;
        expect(op, key(route)).toBeTruthy();
        // The request is rebuilt from the document alone, not from the declaration.
        const req: Req = { query: {}, params: {} };
        for (const p of op.parameters ?? [])
          if (p.example !== undefined) (p.in === "path" ? req.params! : p.in === "query" ? req.query! : {})[p.name] = p.example;
        for (const m of route.path.matchAll(/\{(\w+)\}/g)) expect(req.params![m[1]!], `${key(route)}: example for {${m[1]}}`).toBeDefined();
        if (route.body) {
          req.body = op.requestBody!.content["application/json"]!.example;
          expect(req.body, `${key(route)}: example body`).toBeDefined();
        }
        const r = await call(db, route, all, req);
        expect(r.status, `${key(route)}: ${r.text}`).toBe(route.status ?? 200);
      }
    } finally {
      sqlite.close();
    }
  });
});

describe("bulk upsert (POST /api/v1/devices/bulk)", () => {
  const devicesOf = (sqlite: Database.Database) => one<{ n: number }>(sqlite, "select count(*) as n from devices").n;

  test("all or nothing: one bad record refuses the call with 422 naming its index and field; nothing is written", async () => {
    const { db, sqlite, admin } = await fresh();
    try {
      const t = token(db, admin, ["write:inventory"]);
      const before = digest(sqlite);
      const r = await call(db, upsertDevicesRoute, t, {
        body: {
          source: "Maximo",
          devices: [
            { assetTag: "API-1", site: "LMH" },
            { assetTag: "API-2", site: "LMH", ipAddress: "999.1.1.1" },
            { assetTag: "API-3", site: "Atlantis" },
          ],
        },
      });
      expect(r.status, r.text).toBe(422);
      expect(r.body.type).toBe("/api/v1/problems#validation-failed");
      expect(r.body.errors).toEqual(
        expect.arrayContaining([
          { field: "body.devices.1.ipAddress", message: expect.stringMatching(/999\.1\.1\.1.*not an IP address/) },
          { field: "body.devices.2.site", message: expect.stringMatching(/Atlantis/) },
        ]),
      );
      // A schema error (wrong type) names its index and field too.
      const s = await call(db, upsertDevicesRoute, t, {
        body: { source: "Maximo", devices: [{ assetTag: "API-1" }, { assetTag: "API-4", connected: "often" }] },
      });
      expect(s.status).toBe(422);
      expect(s.body.errors!.map((e) => e.field)).toEqual(["body.devices.1.connected"]);
      const u = await call(db, upsertDevicesRoute, t, { body: { source: "Maximo", devices: [{ assetTag: "API-1", site: "LMH", colour: "red" }] } });
      expect(u.status).toBe(422);
      expect(digest(sqlite)).toBe(before);
    } finally {
      sqlite.close();
    }
  });

  test("an asset tag of only spaces or a tab, a date after today, control characters: 422 naming the field, never a 500 (found by a probe); nothing is written", async () => {
    const { db, sqlite, admin } = await fresh();
    try {
      const t = token(db, admin, ["write:inventory"]);
      const before = digest(sqlite);
      for (const devices of [
        [{ assetTag: "   " }],
        [{ assetTag: "\t" }],
        [
          { assetTag: "API-OK", site: "LMH" },
          { assetTag: " ", site: "LMH", serialNumber: "S1" },
        ],
      ]) {
        const r = await call(db, upsertDevicesRoute, t, { body: { source: "Maximo", devices } });
        expect(r.status, r.text).toBe(422);
        const index = devices.length - 1;
        expect(r.body.errors).toEqual([{ field: `body.devices.${index}.assetTag`, message: expect.stringMatching(/asset tag/i) }]);
      }
      // A date after today is refused as the file import refuses it; a control character anywhere in the body is refused
      // before the records are read, naming its field.
      const future = await call(db, upsertDevicesRoute, t, {
        body: { source: "Maximo", devices: [{ assetTag: "API-F", site: "LMH", lastInventoriedOn: "2199-01-01" }] },
      });
      expect(future.status, future.text).toBe(422);
      expect(future.body.errors).toEqual([{ field: "body.devices.0.lastInventoriedOn", message: expect.stringMatching(/2199-01-01 is in the future/) }]);
      const control = await call(db, upsertDevicesRoute, t, {
        body: {
          source: "Maximo",
          devices: [
            { assetTag: "API-F", site: "LMH" },
            { assetTag: "P-\u0000-\u0007", site: "LMH" },
          ],
        },
      });
      expect(control.status, control.text).toBe(422);
      expect(control.body.errors).toEqual([{ field: "body.devices.1.assetTag", message: expect.stringMatching(/control characters/) }]);
      // Two records with one asset tag: named as devices of this request, not rows of a file.
      const twice = await call(db, upsertDevicesRoute, t, {
        body: {
          source: "Maximo",
          devices: [
            { assetTag: "API-D", site: "LMH" },
            { assetTag: "API-D", site: "LMH" },
          ],
        },
      });
      expect(twice.status).toBe(422);
      expect(twice.body.errors!.map((e) => e.message)).toEqual([
        "Asset tag API-D appears 2 times in this request (devices 0, 1): keep one record per device.",
        "Asset tag API-D appears 2 times in this request (devices 0, 1): keep one record per device.",
      ]);
      expect(digest(sqlite)).toBe(before);
    } finally {
      sqlite.close();
    }
  });

  test("over 5,000 devices or over the byte limit is 413, not JSON is 422; nothing is written", async () => {
    const { db, sqlite, admin } = await fresh();
    try {
      const t = token(db, admin, ["write:inventory"]);
      const before = digest(sqlite);
      const many = Array.from({ length: 5001 }, (_, i) => ({ assetTag: `BULK-${i}`, site: "LMH" }));
      const r = await call(db, upsertDevicesRoute, t, { body: { source: "Maximo", devices: many } });
      expect(r.status).toBe(413);
      expect(r.body.type).toBe("/api/v1/problems#payload-too-large");
      expect(r.body.detail).toMatch(/5,001.*at most 5,000/);
      const huge = await call(db, upsertDevicesRoute, t, {
        body: `{"source":"x","devices":[${'{"assetTag":"A","description":"'.concat("x".repeat(1000), '"},').repeat(17_000)}]}`,
      });
      expect(huge.status).toBe(413);
      const bad = await call(db, upsertDevicesRoute, t, { body: "{not json" });
      expect(bad).toMatchObject({ status: 422, body: { errors: [{ field: "body" }] } });
      expect(digest(sqlite)).toBe(before);
    } finally {
      sqlite.close();
    }
  });

  test("5,000 devices in one call: created with a history row each and one audit entry under the token's name", async () => {
    const { db, sqlite, admin } = await fresh();
    try {
      const t = createApiToken(db, admin, { name: "Lakeside CMMS", scopes: ["write:inventory"], siteId: null, expiresOn: inDays(30) }).token;
      const n0 = devicesOf(sqlite);
      const audit0 = one<{ n: number }>(sqlite, "select count(*) as n from audit_log").n;
      const devices = Array.from({ length: 5000 }, (_, i) => ({
        assetTag: `BULK-${String(i).padStart(4, "0")}`,
        cmmsId: `MX${i}`,
        site: i % 2 ? "LMH" : "NCH",
        manufacturer: "Baxter",
        model: "Sigma Spectrum",
        connected: i % 3 === 0,
        storesPhi: false,
        status: "in_service" as const,
      }));
      const started = performance.now();
      const r = await call(db, upsertDevicesRoute, t, { body: { source: "Maximo", devices } });
      const ms = performance.now() - started;
      expect(r.status, r.text).toBe(200);
      expect(r.body.counts).toMatchObject({ rows: 5000, new: 5000, changed: 0, errors: 0 });
      expect(devicesOf(sqlite)).toBe(n0 + 5000);
      expect(
        one<{ n: number }>(
          sqlite,
          "select count(*) as n from device_events e join devices d on d.id = e.device_id where d.asset_tag like 'BULK-%' and e.kind = 'imported'",
        ).n,
      ).toBe(5000);
      const audits = sqlite
        .prepare("select action, actor_label as actor from audit_log order by seq desc limit ?")
        .all(one<{ n: number }>(sqlite, "select count(*) as n from audit_log").n - audit0) as { action: string; actor: string }[];
      expect(audits.filter((a) => a.action === "INVENTORY_IMPORTED")).toEqual([
        { action: "INVENTORY_IMPORTED", actor: expect.stringContaining("API token “Lakeside CMMS”") },
      ]);
      console.info(`[api] bulk upsert of 5,000 new devices: ${ms.toFixed(0)} ms`);
      // The same records again change nothing and write nothing.
      const again = await call(db, upsertDevicesRoute, t, { body: { source: "Maximo", devices } });
      expect(again.body).toMatchObject({ importId: null, counts: { unchanged: 5000 } });
    } finally {
      sqlite.close();
    }
  });

  test("Idempotency-Key: same key and body replays the stored response; same key, other body is 409; kept 24 hours", async () => {
    const { db, sqlite, admin } = await fresh();
    try {
      const t = token(db, admin, ["write:inventory"]);
      const body = { source: "Maximo", devices: [{ assetTag: "IDEM-1", site: "LMH", location: "ICU" }] };
      const first = await call(db, upsertDevicesRoute, t, { body, headers: { "idempotency-key": "abc-123" } });
      expect(first.status, first.text).toBe(200);
      expect(first.body.counts).toMatchObject({ new: 1 });
      const after = digest(sqlite);
      const replay = await call(db, upsertDevicesRoute, t, { body, headers: { "idempotency-key": "abc-123" } });
      expect(replay.status).toBe(200);
      expect(replay.text).toBe(first.text);
      expect(replay.headers.get("idempotent-replayed")).toBe("true");
      const conflict = await call(db, upsertDevicesRoute, t, {
        body: { ...body, devices: [{ ...body.devices[0]!, location: "ER" }] },
        headers: { "idempotency-key": "abc-123" },
      });
      expect(conflict).toMatchObject({ status: 409, body: { type: "/api/v1/problems#idempotency-conflict" } });
      expect(digest(sqlite), "a replay and a conflict write nothing").toBe(after);
      // Another token's key is its own.
      const t2 = token(db, admin, ["write:inventory"]);
      const other = await call(db, upsertDevicesRoute, t2, {
        body: { ...body, devices: [{ ...body.devices[0]!, location: "ER" }] },
        headers: { "idempotency-key": "abc-123" },
      });
      expect(other.status).toBe(200);
      expect(other.body.counts).toMatchObject({ changed: 1 });
      // A refused request frees its key: corrected, it may be sent again with the same key.
      const refused = await call(db, upsertDevicesRoute, t, {
        body: { source: "Maximo", devices: [{ assetTag: "IDEM-2", site: "Atlantis" }] },
        headers: { "idempotency-key": "k2" },
      });
      expect(refused.status).toBe(422);
      const corrected = await call(db, upsertDevicesRoute, t, {
        body: { source: "Maximo", devices: [{ assetTag: "IDEM-2", site: "LMH" }] },
        headers: { "idempotency-key": "k2" },
      });
      expect(corrected.status).toBe(200);
      // Keys live 24 hours: a day-old key is purged when the next one is claimed, and may be reused.
      sqlite.prepare("update api_idempotency_keys set created_at = ? where key = 'abc-123'").run(new Date(clock.ms() - 25 * 3600_000).toISOString());
      await call(db, upsertDevicesRoute, t, { body, headers: { "idempotency-key": "k3" } });
      expect(one<{ n: number }>(sqlite, "select count(*) as n from api_idempotency_keys where key = 'abc-123'").n).toBe(0);
      expect(
        (
          await call(db, upsertDevicesRoute, t, {
            body: { ...body, devices: [{ ...body.devices[0]!, location: "OR" }] },
            headers: { "idempotency-key": "abc-123" },
          })
        ).status,
      ).toBe(200);
      expect(await call(db, upsertDevicesRoute, t, { body, headers: { "idempotency-key": "x".repeat(256) } })).toMatchObject({ status: 422 });
    } finally {
      sqlite.close();
    }
  });

  test("a site-limited token writes its own site's devices and cannot create one elsewhere", async () => {
    const { db, sqlite, admin } = await fresh();
    try {
      const nch = one<{ id: number }>(sqlite, "select id from sites where code = 'NCH'").id;
      const t = token(db, admin, ["write:inventory"], nch);
      const before = digest(sqlite);
      const elsewhere = await call(db, upsertDevicesRoute, t, {
        body: {
          source: "Maximo",
          devices: [
            { assetTag: "SITE-1", site: "NCH" },
            { assetTag: "SITE-2", site: "LMH" },
          ],
        },
      });
      expect(elsewhere.status, elsewhere.text).toBe(404);
      expect(digest(sqlite)).toBe(before);
      const own = await call(db, upsertDevicesRoute, t, { body: { source: "Maximo", devices: [{ assetTag: "SITE-1", site: "NCH" }] } });
      expect(own.status, own.text).toBe(200);
      expect(one<{ s: number }>(sqlite, "select site_id as s from devices where asset_tag = 'SITE-1'").s).toBe(nch);
    } finally {
      sqlite.close();
    }
  });
});

describe("a CMMS round trip", () => {
  test("bulk upsert devices, read them back, append a work event, see it in the device's history", async () => {
    const { db, sqlite, admin } = await fresh();
    try {
      const t = createApiToken(db, admin, { name: "Eastgate CMMS", scopes: ["read", "write:inventory"], siteId: null, expiresOn: inDays(30) }).token;
      const up = await call(db, upsertDevicesRoute, t, {
        body: {
          source: "AIMS",
          devices: [
            {
              assetTag: "RT-0001",
              cmmsId: "A1",
              site: "EOC",
              manufacturer: "GE Healthcare",
              model: "CARESCAPE B450",
              serialNumber: "SN-RT-1",
              connected: true,
              ipAddress: "10.9.8.7",
              lastInventoriedOn: "2026-03-01",
            },
            {
              assetTag: "RT-0002",
              cmmsId: "A2",
              site: "EOC",
              manufacturer: "GE Healthcare",
              model: "CARESCAPE B450",
              serialNumber: "SN-RT-2",
              status: "in_storage",
            },
          ],
        },
      });
      expect(up.status, up.text).toBe(200);
      expect(up.body.counts).toMatchObject({ new: 2 });

      const list = await call(db, listDevicesRoute, t, { query: { q: "RT-", limit: "10" } });
      expect((list.body.items as { assetTag: string }[]).map((d) => d.assetTag)).toEqual(["RT-0001", "RT-0002"]);
      expect((await call(db, listDevicesRoute, t, { query: { q: "RT-", status: "in_storage" } })).body.items).toMatchObject([{ assetTag: "RT-0002" }]);
      const one1 = await call(db, getDeviceByTagRoute, t, { params: { assetTag: "RT-0001" } });
      expect(one1.body).toMatchObject({
        assetTag: "RT-0001",
        manufacturer: "GE Healthcare",
        ipAddress: "10.9.8.7",
        connected: true,
        cmmsSource: "AIMS",
        cmmsId: "A1",
        lastInventoriedOn: "2026-03-01",
      });
      const id = String(one1.body.id);

      // The CMMS changes one field: only that field's history row is added.
      const change = await call(db, upsertDevicesRoute, t, {
        body: { source: "AIMS", devices: [{ assetTag: "RT-0001", cmmsId: "A1", location: "Radiology" }] },
      });
      expect(change.body.counts).toMatchObject({ changed: 1, new: 0 });

      const work = await call(db, recordDeviceWorkRoute, t, { params: { id }, body: { workOrder: "WO-77", note: "Annual PM done; firmware 3.1 verified." } });
      expect(work.status, work.text).toBe(201);
      const history = await call(db, deviceHistoryRoute, t, { params: { id } });
      expect(history.body.items).toMatchObject([
        { kind: "note", workOrder: "WO-77", note: "Annual PM done; firmware 3.1 verified.", actor: "API token “Eastgate CMMS”" },
        { kind: "changed", changes: { location: { old: null, new: "Radiology" } } },
        { kind: "imported" },
      ]);
      const audit = one<{ action: string; actor: string }>(sqlite, "select action, actor_label as actor from audit_log order by seq desc limit 1");
      expect(audit).toEqual({ action: "DEVICE_WORK_RECORDED", actor: expect.stringContaining("API token “Eastgate CMMS”") });
      // The history pages with a cursor, newest first.
      const p1 = await call(db, deviceHistoryRoute, t, { params: { id }, query: { limit: "2" } });
      const p2 = await call(db, deviceHistoryRoute, t, { params: { id }, query: { limit: "2", cursor: p1.body.nextCursor as string } });
      expect([...(p1.body.items as { id: number }[]), ...(p2.body.items as { id: number }[])].map((e) => e.id)).toEqual(
        (history.body.items as { id: number }[]).map((e) => e.id),
      );
      expect(p2.body.nextCursor).toBeNull();
      // A work event for a device that does not exist is 404 and writes nothing.
      const before = digest(sqlite);
      expect((await call(db, recordDeviceWorkRoute, t, { params: { id: "99999999" }, body: { workOrder: "WO-1", note: "x" } })).status).toBe(404);
      expect((await call(db, recordDeviceWorkRoute, t, { params: { id }, body: { workOrder: "", note: "x" } })).body.errors).toMatchObject([
        { field: "body.workOrder" },
      ]);
      expect(digest(sqlite)).toBe(before);
    } finally {
      sqlite.close();
    }
  });
});

describe("lists page in SQL", () => {
  test("devices: the cursor walks a filtered list once, in asset-tag order, and agrees with the count", async () => {
    const { db, sqlite, admin } = await fresh();
    try {
      const t = token(db, admin, ["read"]);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const r = await call(db, listDevicesRoute, t, { query: { connected: "yes", limit: "137", ...(cursor ? { cursor } : {}) } });
        expect(r.status, r.text).toBe(200);
        seen.push(...(r.body.items as { assetTag: string }[]).map((d) => d.assetTag));
        cursor = r.body.nextCursor as string | null;
      } while (cursor);
      const expected = (
        sqlite.prepare("select asset_tag as t from devices where connected = 1 and status <> 'retired' order by asset_tag").all() as { t: string }[]
      ).map((x) => x.t);
      expect(seen).toEqual(expected);
      expect(await call(db, listDevicesRoute, t, { query: { support: "sometimes" } })).toMatchObject({
        status: 422,
        body: { errors: [{ field: "query.support" }] },
      });
      expect(await call(db, listDevicesRoute, t, { query: { cursor: Buffer.from("42").toString("base64url") } })).toMatchObject({ status: 422 });
    } finally {
      sqlite.close();
    }
  });

  test("advisories: pages and the known-exploited filter come from SQL and agree with the whole list", async () => {
    const { db, sqlite, admin } = await fresh();
    try {
      const t = token(db, admin, ["read"]);
      const walk = async (query: Record<string, string>) => {
        const out: string[] = [];
        let cursor: string | null = null;
        do {
          const r = await call(db, listAdvisoriesRoute, t, { query: { ...query, limit: "4", ...(cursor ? { cursor } : {}) } });
          out.push(...(r.body.items as { trackingId: string }[]).map((a) => a.trackingId));
          cursor = r.body.nextCursor as string | null;
        } while (cursor);
        return out;
      };
      const all = (sqlite.prepare("select tracking_id as t from advisories order by initial_release_date desc, tracking_id desc").all() as { t: string }[]).map(
        (x) => x.t,
      );
      expect(await walk({})).toEqual(all);
      const kev = await walk({ knownExploited: "true" });
      expect(kev.length).toBe(3);
      expect(kev).toEqual(all.filter((x) => kev.includes(x)));
    } finally {
      sqlite.close();
    }
  });
});

describe("CSAF upload (POST /api/v1/advisories)", () => {
  test("a real ICSMA advisory is stored and audited under the token's name; an invalid document is 422 and stores nothing", async () => {
    const { db, sqlite, admin } = await fresh();
    try {
      const t = createApiToken(db, admin, {
        name: "Device security platform",
        scopes: ["write:advisories", "read"],
        siteId: null,
        expiresOn: inDays(30),
      }).token;
      const before = digest(sqlite);
      const bad = await call(db, uploadAdvisoryRoute, t, { body: { document: { csaf_version: "1.2" } } });
      expect(bad).toMatchObject({ status: 422, body: { type: "/api/v1/problems#validation-failed", detail: expect.stringMatching(/CSAF 2\.0/) } });
      expect(digest(sqlite)).toBe(before);
      // A real ICSMA advisory under a tracking id the demo does not hold (the demo imports every sample file).
      const dir = path.join(process.cwd(), "..", "shared", "data", "csaf-icsma");
      const file = fs
        .readdirSync(dir)
        .filter((f) => f.endsWith(".json"))
        .sort()[0]!;
      const csaf = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as { document: { tracking: { id: string } } };
      csaf.document.tracking.id = `${csaf.document.tracking.id}-API`;
      const r = await call(db, uploadAdvisoryRoute, t, { body: csaf });
      expect(r.status, r.text).toBe(200);
      expect(r.body).toMatchObject({ created: 1 });
      expect(one<{ action: string; actor: string }>(sqlite, "select action, actor_label as actor from audit_log order by seq desc limit 1")).toEqual({
        action: "ADVISORIES_IMPORTED",
        actor: expect.stringContaining("API token “Device security platform”"),
      });
      expect(one<{ n: number }>(sqlite, "select count(*) as n from advisories where tracking_id = ?", csaf.document.tracking.id).n).toBe(1);
      const again = await call(db, uploadAdvisoryRoute, t, { body: csaf });
      expect(again.body).toMatchObject({ created: 0, unchanged: 1 });
    } finally {
      sqlite.close();
    }
  });
});

describe("who owns, dashboard, assessments", () => {
  test("who owns a device answers with its class's letters; a device and a class agree", async () => {
    const { db, sqlite, admin } = await fresh();
    try {
      const t = token(db, admin, ["read"]);
      const { whoOwnsRoute } = await import("@/lib/api/v1-routes");
      const d = one<{ id: number; classId: number }>(
        sqlite,
        "select d.id, m.device_class_id as classId from devices d join device_models m on m.id = d.model_id where m.device_class_id is not null order by d.id limit 1",
      );
      const byDevice = await call(db, whoOwnsRoute, t, { query: { device: String(d.id) } });
      const byClass = await call(db, whoOwnsRoute, t, { query: { deviceClass: String(d.classId) } });
      expect(byDevice.status, byDevice.text).toBe(200);
      expect(byDevice.body.activities).toEqual(byClass.body.activities);
      const acts = byClass.body.activities as { A: unknown[]; R: unknown[] }[];
      expect(acts.length).toBeGreaterThan(20);
      expect(acts.filter((a) => a.A.length === 1).length).toBeGreaterThan(0);
      expect(await call(db, whoOwnsRoute, t, { query: {} })).toMatchObject({ status: 422 });
      expect(await call(db, whoOwnsRoute, t, { query: { deviceClass: "99999" } })).toMatchObject({ status: 404 });
    } finally {
      sqlite.close();
    }
  });

  test("a site-limited token's dashboard is its site's; assessments come with their scores", async () => {
    const { db, sqlite, admin } = await fresh();
    try {
      const { dashboardRoute, getAssessmentRoute, listAssessmentsRoute } = await import("@/lib/api/v1-routes");
      const nch = one<{ id: number }>(sqlite, "select id from sites where code = 'NCH'").id;
      const t = token(db, admin, ["read"], nch);
      const d = await call(db, dashboardRoute, t);
      expect(d.body.scope).toEqual({ siteId: nch, siteName: "Northshore Community Hospital", locked: true });
      expect((await call(db, dashboardRoute, t, { query: { site: String(nch) } })).status).toBe(200);
      const list = await call(db, listAssessmentsRoute, t);
      const approved = (list.body.items as { id: number; status: string }[]).find((a) => a.status === "approved")!;
      const one1 = await call(db, getAssessmentRoute, t, { params: { id: String(approved.id) } });
      expect(one1.status, one1.text).toBe(200);
      const body = one1.body as unknown as { functions: { id: string; current: number | null }[]; answers: unknown[]; overall: { answered: number } };
      expect(body.functions.map((f) => f.id)).toEqual(["GV", "ID", "PR", "DE", "RS", "RC"]);
      expect(body.overall.answered).toBe(body.answers.length);
      expect(body.functions.some((f) => f.current !== null)).toBe(true);
    } finally {
      sqlite.close();
    }
  });
});

describe("rate limit", () => {
  test("the 601st request of a minute is 429 with Retry-After, as problem+json, and reads nothing", async () => {
    const { db, sqlite, admin } = await fresh();
    try {
      const t = token(db, admin, ["read"]);
      // Rate windows are per token id in the process; other tests' copies of the demo reuse ids, so take a fresh one.
      sqlite.prepare("update api_tokens set id = 770000 where id = (select max(id) from api_tokens)").run();
      for (let i = 0; i < 600; i++) expect((await call(db, getDeviceRoute, t, { params: { id: "1" } })).status).toBe(200);
      const r = await call(db, getDeviceRoute, t, { params: { id: "1" } });
      expect(r.status).toBe(429);
      expect(r.body.type).toBe("/api/v1/problems#rate-limited");
      expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
      // Another token has its own window.
      const t2 = token(db, admin, ["read"]); // id 770001: after the renumbered one
      expect((await call(db, getDeviceRoute, t2, { params: { id: "1" } })).status).toBe(200);
    } finally {
      sqlite.close();
    }
  });
});
