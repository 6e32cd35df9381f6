import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { registerSliceWriter, sqliteOf, type Db } from "@/db/client";
import { deviceClasses, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { clock } from "@/lib/clock";
import { nextAttempt, signatureHeader, verifySignature, webhookUrlProblem } from "@/lib/rules/webhook";
import { importKev } from "@/lib/services/advisories/import-kev";
import { loadActor } from "@/lib/services/auth/load-actor";
import { submitRaci } from "@/lib/services/raci/submit-raci";
import { deliverDueWebhooks } from "@/lib/services/webhooks/deliver-due-webhooks";
import { createWebhook, disableWebhook, listWebhooks } from "@/lib/services/webhooks/manage-webhooks";
import { demoDb } from "../test-db";

/** A receiver on 127.0.0.1 that checks each request's signature and answers from a script of status codes. */
function receiver(secretOf: () => string, statuses: number[]) {
  const got: { event: string | null; body: string; signed: boolean }[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      got.push({
        event: req.headers["clearline-event"] as string,
        body,
        signed: verifySignature(secretOf(), body, req.headers["clearline-signature"] as string, Math.floor(clock.ms() / 1000)),
      });
      res.statusCode = statuses.shift() ?? 204;
      res.end();
    });
  });
  return {
    got,
    url: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    start: () => new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r())),
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}

let db: Db;
const who: Record<string, Actor> = {};
let rx: ReturnType<typeof receiver> | undefined;

beforeEach(async () => {
  db = (await demoDb()).db;
  for (const u of db.select().from(users).all()) {
    const { active: _a, ...actor } = loadActor(db, u.id)!;
    who[u.email.split("@")[0]!] = actor;
  }
});
afterEach(async () => {
  await rx?.stop();
  rx = undefined;
});

const deliveries = () =>
  db.all<{ state: string; attempts: number; event_type: string; last_error: string | null }>(
    sql`select state, attempts, event_type, last_error from webhook_deliveries where subscription_id > 1 order by id`,
  );

describe("webhooks", () => {
  test("a RACI submitted for signature is delivered, signed, to a local receiver; a failing first attempt is retried with backoff", async () => {
    let secret = "";
    rx = receiver(() => secret, [500]);
    await rx.start();
    secret = createWebhook(db, who["admin"]!, { name: "Engine", url: rx.url(), events: ["raci.awaiting_signature"] }).secret;
    expect(secret).toMatch(/^whsec_/);
    // The secret is kept sealed, not in plain text.
    expect(JSON.stringify(db.all(sql`select * from webhook_subscriptions`))).not.toContain(secret);

    const syringe = db.select().from(deviceClasses).where(eq(deviceClasses.name, "Syringe pumps")).get()!.id;
    // Syringe pumps has no version yet: its inherited matrix goes to review as it is.
    submitRaci(db, who["it.lead"]!, { classId: syringe });
    expect(deliveries()).toEqual([{ state: "pending", attempts: 0, event_type: "raci.awaiting_signature", last_error: null }]);

    const t0 = clock.now();
    expect(await deliverDueWebhooks(db, { now: () => t0 })).toMatchObject({ attempted: 1, retrying: 1 });
    expect(deliveries()[0]).toMatchObject({ state: "pending", attempts: 1, last_error: "The receiver answered 500." });
    // Not due again before its backoff.
    expect(await deliverDueWebhooks(db, { now: () => new Date(t0.getTime() + 30_000) })).toMatchObject({ attempted: 0 });
    expect(await deliverDueWebhooks(db, { now: () => new Date(t0.getTime() + 61_000) })).toMatchObject({ attempted: 1, delivered: 1 });
    expect(deliveries()[0]).toMatchObject({ state: "delivered", attempts: 2 });

    expect(rx.got).toHaveLength(2);
    expect(rx.got.every((g) => g.signed && g.event === "raci.awaiting_signature")).toBe(true);
    expect(JSON.parse(rx.got[1]!.body)).toMatchObject({
      type: "raci.awaiting_signature",
      data: { deviceClass: { name: "Syringe pumps" }, path: `/raci/${syringe}` },
    });
    expect(listWebhooks(db, who["admin"]!).subscriptions[0]).toMatchObject({ name: "Engine", delivered: 1, pending: 0, failed: 0 });
  });

  test("a receiver that never answers well ends as failed after six attempts; a disabled subscription's queue fails with a reason", async () => {
    rx = receiver(() => "x", Array(10).fill(503));
    await rx.start();
    const { id } = createWebhook(db, who["admin"]!, { name: "Flaky", url: rx.url(), events: ["kev.known_exploited_match"] });
    // Re-importing a KEV catalog that lacks then restores EternalBlue raises one event for the ICSMA advisory naming it.
    const kev = await import("node:fs").then((fs) => JSON.parse(fs.readFileSync("db/seed/data/kev/known_exploited_vulnerabilities.json", "utf8")));
    const without = { ...kev, vulnerabilities: kev.vulnerabilities.filter((v: { cveID: string }) => v.cveID !== "CVE-2017-0144") };
    importKev(db, who["security.lead"]!, { name: "kev.json", bytes: new TextEncoder().encode(JSON.stringify(without)) });
    expect(deliveries()).toEqual([]);
    importKev(db, who["security.lead"]!, { name: "kev.json", bytes: new TextEncoder().encode(JSON.stringify(kev)) });
    expect(deliveries()).toEqual([{ state: "pending", attempts: 0, event_type: "kev.known_exploited_match", last_error: null }]);
    const payload = JSON.parse(db.get<{ payload: string }>(sql`select payload from webhook_deliveries where subscription_id = ${id}`)!.payload);
    expect(payload.data).toMatchObject({ cve: "CVE-2017-0144", advisories: [{ trackingId: "ICSMA-18-058-02" }] });

    let t = clock.ms();
    for (let i = 0; i < 6; i++) {
      await deliverDueWebhooks(db, { now: () => new Date(t) });
      t += 13 * 3_600_000;
    }
    expect(deliveries()).toEqual([{ state: "failed", attempts: 6, event_type: "kev.known_exploited_match", last_error: "The receiver answered 503." }]);

    createWebhook(db, who["admin"]!, { name: "Later disabled", url: rx.url(), events: ["kev.known_exploited_match"] });
    importKev(db, who["security.lead"]!, { name: "kev.json", bytes: new TextEncoder().encode(JSON.stringify(without)) });
    importKev(db, who["security.lead"]!, { name: "kev.json", bytes: new TextEncoder().encode(JSON.stringify(kev)) });
    const later = listWebhooks(db, who["admin"]!).subscriptions.find((s) => s.name === "Later disabled")!;
    disableWebhook(db, who["admin"]!, later.id);
    await deliverDueWebhooks(db, { now: () => new Date(t) });
    expect(db.get<{ state: string; last_error: string }>(sql`select state, last_error from webhook_deliveries where subscription_id = ${later.id}`)).toEqual({
      state: "failed",
      last_error: "The subscription was disabled.",
    });
  });

  test("only admins manage subscriptions; nothing changes on a refusal", () => {
    const before = db.all(sql`select * from webhook_subscriptions`);
    for (const name of ["cio", "security.lead", "auditor"]) {
      expect(() => createWebhook(db, who[name]!, { name: "X", url: "https://x.example/h", events: ["raci.awaiting_signature"] })).toThrow(
        expect.objectContaining({ code: "FORBIDDEN" }),
      );
      expect(() => listWebhooks(db, who[name]!)).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
    }
    expect(db.all(sql`select * from webhook_subscriptions`)).toEqual(before);
  });
});

describe("webhook rules", () => {
  test("a signature verifies only for its body, its secret and a recent time", () => {
    const h = signatureHeader("s3cret", '{"a":1}', 1_700_000_000);
    expect(verifySignature("s3cret", '{"a":1}', h, 1_700_000_100)).toBe(true);
    expect(verifySignature("s3cret", '{"a":2}', h, 1_700_000_100)).toBe(false);
    expect(verifySignature("other", '{"a":1}', h, 1_700_000_100)).toBe(false);
    expect(verifySignature("s3cret", '{"a":1}', h, 1_700_000_000 + 301)).toBe(false);
    expect(verifySignature("s3cret", '{"a":1}', "t=1,v1=zz", 1)).toBe(false);
  });

  test("backoff: 1, 5, 30, 120, 720 minutes, then failed", () => {
    const now = new Date("2027-12-31T23:30:00Z");
    expect([1, 2, 3, 4, 5].map((n) => nextAttempt(n, now))).toEqual([
      { state: "pending", at: "2027-12-31T23:31:00.000Z" },
      { state: "pending", at: "2027-12-31T23:35:00.000Z" },
      { state: "pending", at: "2028-01-01T00:00:00.000Z" },
      { state: "pending", at: "2028-01-01T01:30:00.000Z" },
      { state: "pending", at: "2028-01-01T11:30:00.000Z" },
    ]);
    expect(nextAttempt(6, now)).toEqual({ state: "failed" });
  });

  test.each([
    ["https://engine.hospital.example/clearline", null],
    ["http://10.1.2.3:8080/hook", null],
    ["ftp://x.example/", /https:\/\//],
    ["https://user:pw@x.example/", /no user name or password/],
    ["https://x.example/#frag", /fragment/],
    ["not a url", /full URL/],
  ])("%s → %s", (url, problem) => {
    const p = webhookUrlProblem(url);
    if (problem === null) expect(p).toBeNull();
    else expect(p).toMatch(problem);
  });
});

describe("decision 0048: a delivery's outcome waits for an import's transaction", () => {
  test("a receiver that answers while an import holds the write lock has its delivery recorded after the COMMIT, not lost", async () => {
    createWebhook(db, who["admin"]!, { name: "Engine", url: "https://hooks.example.test/clearline", events: ["raci.awaiting_signature"] });
    const syringe = db.select().from(deviceClasses).where(eq(deviceClasses.name, "Syringe pumps")).get()!.id;
    submitRaci(db, who["it.lead"]!, { classId: syringe });
    let atRelease: string | undefined;
    const fetchImpl = (async () => {
      // The import begins while the receiver is being called, and commits 100 ms later.
      const release = registerSliceWriter(sqliteOf(db), null)!;
      setTimeout(() => {
        atRelease = deliveries()[0]!.state;
        release();
      }, 100);
      return new Response(null, { status: 204 });
    }) as typeof fetch;
    expect(await deliverDueWebhooks(db, { fetchImpl })).toMatchObject({ attempted: 1, delivered: 1 });
    expect(atRelease).toBe("pending");
    expect(deliveries()[0]).toMatchObject({ state: "delivered", attempts: 1 });
  });
});
