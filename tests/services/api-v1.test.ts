import { Validator } from "@seriousme/openapi-schema-validator";
import { sql } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, test } from "vitest";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { getAdvisoryRoute, listAdvisoriesRoute, raciCoverageRoute, V1_ROUTES } from "@/lib/api/v1-routes";
import type { Actor } from "@/lib/auth/permissions";
import { clock } from "@/lib/clock";
import { rateDecision } from "@/lib/rules/api-token";
import { handleApi, type ApiRouteDef } from "@/lib/server/api-route";
import { openApiDocument } from "@/lib/server/openapi";
import { authenticateApiToken, takeApiRate } from "@/lib/services/api/authenticate-api-token";
import { createApiToken } from "@/lib/services/api/create-api-token";
import { listApiTokens } from "@/lib/services/api/list-api-tokens";
import { revokeApiToken } from "@/lib/services/api/revoke-api-token";
import { loadActor } from "@/lib/services/auth/load-actor";
import { eq } from "drizzle-orm";
import { demoDb } from "../test-db";

let db: Db;
const who: Record<string, Actor> = {};
const inAYear = () => new Date(clock.ms() + 300 * 86_400_000).toISOString().slice(0, 10);
const tokens = () => db.all<Record<string, unknown>>(sql`select * from api_tokens order by id`);

beforeEach(async () => {
  db = (await demoDb()).db;
  for (const u of db.select().from(users).all()) {
    const { active: _a, ...actor } = loadActor(db, u.id)!;
    who[u.email.split("@")[0]!] = actor;
  }
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const call = async (def: ApiRouteDef<any, any>, path: string, token: string | null, params: Record<string, string> = {}) => {
  const res = await handleApi(db, new Request(`http://localhost${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} }), params, def);
  return {
    status: res.status,
    type: res.headers.get("content-type"),
    headers: res.headers,
    body: (await res.json()) as Record<string, unknown> & { type?: string },
  };
};

describe("service tokens", () => {
  test("an admin creates a token whose secret is shown once and stored only as a digest; it is listed with its state", () => {
    const t = createApiToken(db, who["admin"]!, { name: "Lakeside CMMS", scopes: ["read", "write:inventory"], siteId: null, expiresOn: inAYear() });
    expect(t.token).toMatch(/^clt_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    const stored = JSON.stringify(tokens());
    // The secret is everything after "clt_<prefix>_" (its base64url alphabet has "_" too, so not the last "_" piece).
    expect(stored).not.toContain(t.token.slice("clt_00000000_".length));
    // Newest first; the demo's own token comes after.
    expect(listApiTokens(db, who["admin"]!)).toMatchObject([
      { name: "Lakeside CMMS", prefix: t.prefix, scopes: ["read", "write:inventory"], state: "active", lastUsedAt: null },
      { name: "Lakeside CMMS nightly sync", state: "active" },
    ]);
    expect(db.get<{ action: string }>(sql`select action from audit_log order by seq desc limit 1`)!.action).toBe("API_TOKEN_CREATED");
  });

  test.each(["cio", "it.lead", "auditor", "assessor"])("%s may not create, list or revoke tokens; nothing changes", (name) => {
    const t = createApiToken(db, who["admin"]!, { name: "CMMS", scopes: ["read"], siteId: null, expiresOn: inAYear() });
    const before = tokens();
    expect(() => createApiToken(db, who[name]!, { name: "Mine", scopes: ["read"], siteId: null, expiresOn: inAYear() })).toThrow(
      expect.objectContaining({ code: "FORBIDDEN" }),
    );
    expect(() => listApiTokens(db, who[name]!)).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
    expect(() => revokeApiToken(db, who[name]!, t.id)).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
    expect(tokens()).toEqual(before);
  });

  test("expiry in the past or beyond a year, an unknown site and a duplicate name are refused with a sentence", () => {
    const admin = who["admin"]!;
    const yesterday = new Date(clock.ms() - 86_400_000).toISOString().slice(0, 10);
    const tooLate = new Date(clock.ms() + 400 * 86_400_000).toISOString().slice(0, 10);
    expect(() => createApiToken(db, admin, { name: "A", scopes: ["read"], siteId: null, expiresOn: yesterday })).toThrow(/in the past/);
    expect(() => createApiToken(db, admin, { name: "A", scopes: ["read"], siteId: null, expiresOn: tooLate })).toThrow(/at most a year/);
    expect(() => createApiToken(db, admin, { name: "A", scopes: ["read"], siteId: 999, expiresOn: inAYear() })).toThrow(/Choose a site/);
    createApiToken(db, admin, { name: "A", scopes: ["read"], siteId: null, expiresOn: inAYear() });
    expect(() => createApiToken(db, admin, { name: "a", scopes: ["read"], siteId: null, expiresOn: inAYear() })).toThrow(/already exists/);
    expect(tokens().map((t) => t.name)).toEqual(["Lakeside CMMS nightly sync", "A"]);
  });

  test("a revoked token, an expired one and one whose creator was deactivated stop working at once", () => {
    const admin = who["admin"]!;
    const a = createApiToken(db, admin, { name: "A", scopes: ["read"], siteId: null, expiresOn: inAYear() });
    expect(authenticateApiToken(db, a.token).ok).toBe(true);
    revokeApiToken(db, admin, a.id);
    expect(authenticateApiToken(db, a.token)).toEqual({ ok: false, reason: "revoked" });
    expect(() => revokeApiToken(db, admin, a.id)).toThrow(/already revoked/);

    const b = createApiToken(db, admin, { name: "B", scopes: ["read"], siteId: null, expiresOn: clock.today() });
    expect(authenticateApiToken(db, b.token).ok).toBe(true);
    expect(authenticateApiToken(db, b.token, new Date(clock.ms() + 86_400_000))).toEqual({ ok: false, reason: "expired" });

    const c = createApiToken(db, admin, { name: "C", scopes: ["read"], siteId: null, expiresOn: inAYear() });
    db.update(users).set({ active: false }).where(eq(users.id, admin.id)).run();
    expect(authenticateApiToken(db, c.token)).toEqual({ ok: false, reason: "creator_inactive" });
    // A token with the right prefix but another secret is unknown.
    expect(authenticateApiToken(db, `clt_${c.prefix}_${"A".repeat(43)}`)).toEqual({ ok: false, reason: "unknown" });
  });
});

describe("/api/v1", () => {
  let read: string;
  beforeEach(() => {
    read = createApiToken(db, who["admin"]!, { name: `Reader ${Math.random()}`, scopes: ["read"], siteId: null, expiresOn: inAYear() }).token;
  });

  test.each<[string, string | null, number, string]>([
    ["no token", null, 401, "token-missing"],
    ["not a Clearline token", "abc", 401, "token-invalid"],
    ["an unknown token", `clt_00000000_${"x".repeat(43)}`, 401, "token-invalid"],
  ])("%s (%j) → %i %s, as problem+json", async (_n, token, status, type) => {
    const r = await call(listAdvisoriesRoute, "/api/v1/advisories", token);
    expect(r).toMatchObject({ status, type: "application/problem+json", body: { type: `/api/v1/problems#${type}`, status } });
    expect(r.headers.get("www-authenticate")).toMatch(/^Bearer/);
  });

  test("a token without the scope → 403 insufficient-scope", async () => {
    const w = createApiToken(db, who["admin"]!, { name: "Writer", scopes: ["write:inventory"], siteId: null, expiresOn: inAYear() }).token;
    expect(await call(listAdvisoriesRoute, "/api/v1/advisories", w)).toMatchObject({
      status: 403,
      body: { type: "/api/v1/problems#insufficient-scope", detail: expect.stringMatching(/needs the “read” scope/) },
    });
  });

  test("cursor pagination walks every advisory once, newest first", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const r = await call(listAdvisoriesRoute, `/api/v1/advisories?limit=5${cursor ? `&cursor=${cursor}` : ""}`, read);
      expect(r.status).toBe(200);
      const body = r.body as unknown as { items: { trackingId: string; initialReleaseDate: string }[]; nextCursor: string | null };
      expect(body.items.length).toBeLessThanOrEqual(5);
      seen.push(...body.items.map((i) => i.trackingId));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(22);
    expect(new Set(seen).size).toBe(22);
    expect((await call(listAdvisoriesRoute, "/api/v1/advisories?knownExploited=true", read)).body.items).toHaveLength(3);
  });

  test.each<[string, string, Record<string, string>, RegExp]>([
    ["limit 0", "/api/v1/advisories?limit=0", {}, /query\.limit/],
    ["limit words", "/api/v1/advisories?limit=many", {}, /query\.limit/],
    ["an unknown parameter", "/api/v1/advisories?color=red", {}, /query/],
    ["a parameter twice", "/api/v1/advisories?q=a&q=b", {}, /query\.q/],
    ["a forged cursor", "/api/v1/advisories?cursor=bm90LWpzb24", {}, /cursor/],
    ["a path id that is not a number", "/api/v1/advisories/x", { id: "1; drop table" }, /path\.id/],
  ])("%s → 422 with the field named", async (_n, path, params, field) => {
    const def = path.startsWith("/api/v1/advisories/") ? getAdvisoryRoute : listAdvisoriesRoute;
    const r = await call(def, path, read, params);
    expect(r).toMatchObject({ status: 422, body: { type: "/api/v1/problems#validation-failed" } });
    expect(JSON.stringify(r.body.errors)).toMatch(field);
  });

  test("one advisory with its KEV status; a missing one is 404", async () => {
    const id = db.get<{ id: number }>(sql`select id from advisories where tracking_id = 'ICSMA-20-049-01'`)!.id;
    const r = await call(getAdvisoryRoute, `/api/v1/advisories/${id}`, read, { id: String(id) });
    expect(r.status).toBe(200);
    expect(
      (r.body as unknown as { vulnerabilities: { cve: string; knownExploited: unknown }[] }).vulnerabilities.find((v) => v.cve === "CVE-2019-0708")!
        .knownExploited,
    ).toEqual({ dateAdded: "2021-11-03", dueDate: "2022-05-03" });
    expect(await call(getAdvisoryRoute, "/api/v1/advisories/999999", read, { id: "999999" })).toMatchObject({
      status: 404,
      body: { type: "/api/v1/problems#not-found" },
    });
  });

  test("RACI coverage reads as an auditor would", async () => {
    const r = await call(raciCoverageRoute, "/api/v1/raci/coverage", read);
    const rows = r.body as unknown as { name: string; status: string }[];
    expect(rows.find((x) => x.name === "Ventilators")!.status).toBe("effective");
    expect(rows.find((x) => x.name === "PCA pumps")!.status).toBe("in_review");
  });

  test("the rate window: the 601st request in a minute is refused with Retry-After, the next minute is fresh", () => {
    const t0 = 1_000_000;
    let d = { windowStartMs: t0, count: 0 };
    for (let i = 0; i < 600; i++) {
      const r = rateDecision(d.windowStartMs, d.count, t0 + i);
      expect(r.allowed).toBe(true);
      d = r;
    }
    expect(rateDecision(d.windowStartMs, d.count, t0 + 30_000)).toMatchObject({ allowed: false, retryAfterSeconds: 30 });
    expect(rateDecision(d.windowStartMs, d.count, t0 + 60_000)).toMatchObject({ allowed: true, count: 1 });
    expect(takeApiRate(424242, t0, 2).allowed).toBe(true);
    expect(takeApiRate(424242, t0 + 1, 2).allowed).toBe(true);
    expect(takeApiRate(424242, t0 + 2, 2)).toMatchObject({ allowed: false, retryAfterSeconds: 60 });
  });
});

describe("the OpenAPI document", () => {
  let doc: ReturnType<typeof openApiDocument>;
  beforeAll(() => {
    doc = openApiDocument();
  });

  test("is valid OpenAPI 3.1 by a validator library and describes every endpoint", async () => {
    const result = await new Validator().validate(JSON.parse(JSON.stringify(doc)));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(Object.keys(doc.paths ?? {}).sort()).toEqual([...new Set(V1_ROUTES.map((r) => r.path))].sort());
    // Counted (21 paths after the patch-queue and recall endpoints), so a route dropped from V1_ROUTES by mistake fails here.
    expect(Object.keys(doc.paths ?? {})).toHaveLength(21);
  });

  test("its parameters are the ones the server accepts (generated from the same schemas)", () => {
    const params = (doc.paths!["/api/v1/advisories"]!.get!.parameters ?? []) as { name: string }[];
    expect(params.map((p) => p.name).sort()).toEqual(["cursor", "knownExploited", "limit", "q"]);
  });
});
