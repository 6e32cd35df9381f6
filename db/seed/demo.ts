import { sql } from "drizzle-orm";
import { writeTx, type Db, type Tx } from "../client";
import { deviceClasses, organization, parties, sites, userRoles, users } from "../schema";
import { hashPassword } from "@/lib/auth/password-hash";
import { appendAudit } from "@/lib/services/audit/append-audit";
import type { AuditEvent } from "@/lib/services/audit/audit-events";
import { seedActivitiesAndTemplate, seedRaciDemo } from "./raci-demo";
import { seedAssessmentDemo } from "./assessment-demo";
import { seedDrillsDemo } from "./drills-demo";
import { seedAdvisoriesDemo, seedOemPositionsDemo } from "./advisories-demo";
import { seedApiTokenDemo, seedWebhookDemo } from "./api-demo";
import { seedInventoryDemo } from "./inventory-demo";
import { seedPatchesDemo } from "./patches-demo";
import { matchAllAdvisoriesInTx } from "@/lib/services/advisories/match-advisories";
import { seedRecallsDemo } from "./recalls-demo";
import { seedSupportDecisionsDemo } from "./support-decisions-demo";
import { loadActor } from "@/lib/services/auth/load-actor";
import type { Actor } from "@/lib/auth/permissions";
import { deviceClassRow, partyRow, siteRow, userRow } from "./rows";
import { DEMO_DEVICE_CLASSES, DEMO_ORG, DEMO_PARTIES, DEMO_PASSWORD, DEMO_SITES, DEMO_USERS } from "./demo-data";
import { clock } from "@/lib/clock";

export function isEmpty(db: Db): boolean {
  return (db.get<{ n: number }>(sql`select count(*) as n from organization`)?.n ?? 0) === 0;
}

/** Loads the demo health system into an empty database; does nothing otherwise. Idempotent. */
export async function seedDemoIfEmpty(db: Db, now = clock.now()): Promise<boolean> {
  if (!isEmpty(db)) return false;
  const hashes = await Promise.all(DEMO_USERS.map(() => hashPassword(DEMO_PASSWORD)));
  return writeTx(db, (tx) => {
    if ((tx.get<{ n: number }>(sql`select count(*) as n from organization`)?.n ?? 0) > 0) return false;
    seedDemo(tx, hashes, now);
    return true;
  });
}

function seedDemo(tx: Tx, hashes: string[], now: Date): void {
  const at = now.toISOString();
  const system = null;
  const audit = (action: AuditEvent, entityType: string, entityId: number | string, newValues: unknown) =>
    appendAudit(tx, { actor: system, action, entityType, entityId, newValues, at: now });

  tx.insert(organization).values({ id: 1, name: DEMO_ORG, createdAt: at }).run();
  audit("ORGANIZATION_CREATED", "organization", 1, { name: DEMO_ORG, demo: true });

  const siteIds = new Map<string, number>();
  for (const s of DEMO_SITES) {
    const row = tx.insert(sites).values(siteRow(s, at)).returning().get();
    siteIds.set(s.code, row.id);
    audit("SITE_CREATED", "site", row.id, s);
  }

  const partyIds = new Map<string, number>();
  DEMO_PARTIES.forEach((p, i) => {
    const row = tx
      .insert(parties)
      .values(partyRow(p, i + 1, at))
      .returning()
      .get();
    partyIds.set(p.key, row.id);
    audit("PARTY_CREATED", "party", row.id, { name: p.name, kind: p.kind });
  });

  const userIds = new Map<string, number>();
  DEMO_USERS.forEach((u, i) => {
    const row = tx
      .insert(users)
      .values(userRow(u, hashes[i]!, u.party ? partyIds.get(u.party)! : null, at))
      .returning()
      .get();
    userIds.set(u.email, row.id);
    for (const role of u.roles) tx.insert(userRoles).values({ userId: row.id, role }).run();
    audit("USER_CREATED", "user", row.id, { email: u.email, name: u.name, roles: u.roles, partyId: row.partyId });
    if (u.leads) {
      const pid = partyIds.get(u.leads)!;
      tx.update(parties)
        .set({ leadUserId: row.id })
        .where(sql`${parties.id} = ${pid}`)
        .run();
      audit("PARTY_LEAD_SET", "party", pid, { leadUserId: row.id });
    }
  });

  const classIds = new Map<string, number>();
  const insertClass = (c: (typeof DEMO_DEVICE_CLASSES)[number], parentId: number | null) => {
    const { children, ...attrs } = c;
    const row = tx
      .insert(deviceClasses)
      .values(deviceClassRow(attrs, parentId, at))
      .returning()
      .get();
    classIds.set(row.name, row.id);
    audit("DEVICE_CLASS_CREATED", "device_class", row.id, { ...attrs, parentId });
    for (const child of children ?? []) insertClass(child, row.id);
  };
  for (const c of DEMO_DEVICE_CLASSES) insertClass(c, null);

  seedActivitiesAndTemplate(tx, partyIds, now);
  const actors = new Map<string, Actor>();
  for (const [email, id] of userIds) {
    const { active: _active, ...actor } = loadActor(tx, id)!;
    actors.set(email, actor);
  }
  seedRaciDemo(tx, { partyIds, classIds, users: actors, now });
  seedAssessmentDemo(tx, { users: actors, partyIds, infusionClassId: classIds.get("Infusion pumps")!, now });
  seedDrillsDemo(tx, { users: actors, partyIds, classIds, siteIds, now });
  seedAdvisoriesDemo(tx, actors.get("security.lead@lakeside.example")!, now);
  seedApiTokenDemo(tx, actors.get("admin@lakeside.example")!, now);
  seedWebhookDemo(tx, actors.get("admin@lakeside.example")!, now);
  seedInventoryDemo(tx, { classIds, siteIds, importer: actors.get("ce.lead@lakeside.example")!, now });
  matchAllAdvisoriesInTx(tx, now);
  seedOemPositionsDemo(tx, actors.get("ce.lead@lakeside.example")!, now);
  seedPatchesDemo(
    tx,
    { ce: actors.get("ce.lead@lakeside.example")!, it: actors.get("it.lead@lakeside.example")!, admin: actors.get("admin@lakeside.example")! },
    now,
  );
  seedRecallsDemo(tx, { ceLead: actors.get("ce.lead@lakeside.example")!, siteIds, now });
  seedSupportDecisionsDemo(tx, { author: actors.get("ce.lead@lakeside.example")!, approver: actors.get("cio@lakeside.example")!, now });
}
