import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  advisories,
  advisoryDeviceMatches,
  advisoryProducts,
  advisoryVulnerabilities,
  kevEntries,
  oemPositions,
  vulnerabilityProductStatus,
} from "@/db/schema";
import { seedDemoIfEmpty } from "@/db/seed/demo";
import type { Actor } from "@/lib/auth/permissions";
import { loadActor } from "@/lib/services/auth/load-actor";
import { clock } from "@/lib/clock";
import { testDb } from "../test-db";

export const actorOf = (db: Db, email: string): Actor => {
  const id = db.get<{ id: number }>(sql`select id from users where email = ${email}`)!.id;
  const { active: _a, ...a } = loadActor(db, id)!;
  return a;
};

/** The demo organization: signed RACIs (Ventilators: Clinical Engineering Responsible, IT Accountable for patching), a draft-only class (Telemetry transmitters), devices. */
export async function patchDemo() {
  const { db, sqlite } = testDb();
  await seedDemoIfEmpty(db);
  return {
    db,
    sqlite,
    admin: actorOf(db, "admin@lakeside.example"),
    ce: actorOf(db, "ce.lead@lakeside.example"),
    it: actorOf(db, "it.lead@lakeside.example"),
    sec: actorOf(db, "security.lead@lakeside.example"),
    cio: actorOf(db, "cio@lakeside.example"),
    contributor: actorOf(db, "assessor@lakeside.example"),
    auditor: actorOf(db, "auditor@lakeside.example"),
  };
}

let seq = 0;
/** An advisory with one product and one vulnerability of the given CVSS, on CISA's KEV when `kev`. */
export function makeAdvisory(
  db: Db,
  opts: { cvss: number | null; kev?: boolean; trackingId?: string },
): { advisoryId: number; productId: number; trackingId: string } {
  const at = clock.now().toISOString();
  const n = ++seq;
  const trackingId = opts.trackingId ?? `ICSMA-99-${String(n).padStart(3, "0")}-01`;
  const importer = db.get<{ id: number }>(sql`select id from users order by id limit 1`)!.id;
  const a = db
    .insert(advisories)
    .values({
      trackingId,
      title: `Test advisory ${n}`,
      publisher: "CISA",
      initialReleaseDate: "2025-01-02",
      currentReleaseDate: "2025-01-02",
      version: "1",
      contentSha256: "0".repeat(64),
      importedBy: importer,
      importedAt: at,
      updatedAt: at,
    })
    .returning()
    .get();
  const p = db
    .insert(advisoryProducts)
    .values({ advisoryId: a.id, productKey: "CSAFPID-0001", vendor: "Test", productName: "Test product", fullName: "Test product" })
    .returning()
    .get();
  const cve = `CVE-2099-${String(10000 + n)}`;
  const v = db.insert(advisoryVulnerabilities).values({ advisoryId: a.id, ordinal: 1, cve, cvssScore: opts.cvss }).returning().get();
  db.insert(vulnerabilityProductStatus).values({ vulnerabilityId: v.id, productId: p.id, status: "known_affected" }).run();
  if (opts.kev) {
    db.insert(kevEntries)
      .values({
        cve,
        vendorProject: "Test",
        product: "Test",
        name: "Test",
        dateAdded: "2025-01-03",
        dueDate: "2025-01-24",
        ransomwareUse: "Unknown",
        shortDescription: "x",
        requiredAction: "x",
        catalogVersion: "test",
        importedAt: at,
      })
      .run();
  }
  return { advisoryId: a.id, productId: p.id, trackingId };
}

/** Matches the advisory to devices, as the matcher would (confidence `version` is affected without review). */
export function matchDevices(
  db: Db,
  adv: { advisoryId: number; productId: number },
  deviceIds: number[],
  confidence: "version" | "model" | "possible" = "version",
): void {
  const at = clock.now().toISOString();
  for (const id of deviceIds) {
    const modelId = db.get<{ m: number }>(sql`select model_id as m from devices where id = ${id}`)!.m;
    db.insert(advisoryDeviceMatches)
      .values({ advisoryId: adv.advisoryId, productId: adv.productId, deviceId: id, modelId, confidence, reason: "test", matchedAt: at })
      .run();
  }
}

/** The OEM's answer "validated patch available" for (advisory, model), as recordOemPosition stores it (db/schema/oem.ts). */
export function validatePatch(db: Db, advisoryId: number, modelId: number, validatedOn: string, version = "2.0.1"): void {
  const by = db.get<{ id: number }>(sql`select id from users order by id limit 1`)!.id;
  db.insert(oemPositions)
    .values({
      advisoryId,
      modelId,
      position: "patch_available",
      bulletinRef: "OEM bulletin 1",
      validatedVersion: version,
      validatedOn,
      recordedBy: by,
      recordedAt: clock.now().toISOString(),
    })
    .run();
}

/** In-service devices of a class (by name), optionally at one site. */
export function devicesOfClass(db: Db, className: string, limit = 3, siteId?: number): { id: number; modelId: number; assetTag: string; siteId: number }[] {
  return db.all(sql`
    select d.id, d.model_id as modelId, d.asset_tag as assetTag, d.site_id as siteId from devices d
    join device_models m on m.id = d.model_id join device_classes c on c.id = m.device_class_id
    where c.name = ${className} and d.status <> 'retired' ${siteId ? sql`and d.site_id = ${siteId}` : sql``}
    order by d.model_id, d.id limit ${limit}`);
}

/** Row counts that a refusal must leave as they were. */
const COUNTED = ["patch_records", "device_events", "signatures", "audit_log", "settings"] as const;
export function patchCounts(db: Db): Record<(typeof COUNTED)[number], number> {
  return Object.fromEntries(COUNTED.map((t) => [t, db.get<{ n: number }>(sql.raw(`select count(*) as n from ${t}`))!.n])) as Record<
    (typeof COUNTED)[number],
    number
  >;
}
