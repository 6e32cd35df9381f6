import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { sites } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { clock } from "@/lib/clock";
import { makeParty, makeUser, testDb } from "../test-db";

/** A small organization for inventory service tests: two sites, the two parties that own inventory work, one user per role. */
export async function inventoryOrg() {
  const { db, sqlite } = testDb();
  const at = clock.now().toISOString();
  db.insert(sites)
    .values([
      { name: "Lakeside Main Hospital", code: "LMH", createdAt: at, updatedAt: at },
      { name: "Northshore Community Hospital", code: "NCH", createdAt: at, updatedAt: at },
    ])
    .run();
  const ce = makeParty(db, "Clinical Engineering");
  const it = makeParty(db, "IT Infrastructure");
  const other = makeParty(db, "Information Security");
  const users = {
    ceLead: await makeUser(db, { roles: ["lead"], partyId: ce, leads: ce, name: "Carlos Estrada" }),
    itLead: await makeUser(db, { roles: ["lead"], partyId: it, leads: it, name: "Priya Natarajan" }),
    secLead: await makeUser(db, { roles: ["lead"], partyId: other, leads: other }),
    admin: await makeUser(db, { roles: ["admin"] }),
    contributor: await makeUser(db, { roles: ["contributor"], partyId: ce }),
    auditor: await makeUser(db, { roles: ["auditor"] }),
    leadership: await makeUser(db, { roles: ["leadership"] }),
  } satisfies Record<string, Actor>;
  return { db, sqlite, users, parties: { ce, it }, sites: { lmh: 1, nch: 2 } };
}

/** Row counts of every inventory table and the audit trail: a refusal must leave all of them as they were. */
const COUNTED = ["manufacturers", "manufacturer_aliases", "device_models", "devices", "device_events", "import_profiles", "imports", "audit_log"] as const;
export function inventoryCounts(db: Db): Record<(typeof COUNTED)[number], number> {
  return Object.fromEntries(COUNTED.map((t) => [t, db.get<{ n: number }>(sql.raw(`select count(*) as n from ${t}`))!.n])) as Record<
    (typeof COUNTED)[number],
    number
  >;
}

export const utf8 = (s: string) => new TextEncoder().encode(s);
/** Windows-1252 bytes of a string made of Latin-1 characters. */
export const cp1252 = (s: string) => new Uint8Array([...s].map((c) => c.charCodeAt(0)));
