import { desc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import type { Db } from "@/db/client";
import { auditLog, users } from "@/db/schema";
import { seedDemoIfEmpty } from "@/db/seed/demo";
import type { Actor } from "@/lib/auth/permissions";
import { loadActor } from "@/lib/services/auth/load-actor";
import { describeEntries, humanize } from "@/lib/services/audit/describe-audit";
import { exportAuditCsv } from "@/lib/services/audit/export-audit";
import { listAudit } from "@/lib/services/audit/list-audit";
import { testDb } from "../test-db";
import { clock } from "@/lib/clock";

/** Issue 10, item 13: the audit trail for a business auditor, and its CSV export with the chain verdict. */
let db: Db;
let sqlite: ReturnType<typeof testDb>["sqlite"];
const who: Record<string, Actor> = {};
const now = clock.now();

beforeAll(async () => {
  ({ db, sqlite } = testDb());
  await seedDemoIfEmpty(db, now);
  for (const u of db.select().from(users).all()) {
    const { active: _a, ...actor } = loadActor(db, u.id)!;
    who[u.email.split("@")[0]!] = actor;
  }
});
const count = () => db.get<{ n: number }>(sql`select count(*) as n from audit_log`)!.n;
const parse = (csv: string) => csv.trim().split("\r\n");

describe("readable entries", () => {
  test("records by name with a link, actions, fields and statuses in words", () => {
    const submitted = db.select().from(auditLog).where(eq(auditLog.action, "DRILL_AAR_SUBMITTED")).orderBy(desc(auditLog.seq)).get()!;
    const [e] = describeEntries(db, [submitted]);
    expect(e).toMatchObject({ actionLabel: "Drill AAR submitted", entityLabel: "Drill", href: `/drills/${submitted.entityId}` });
    expect(e!.recordName).toBeTruthy();
    expect(e!.newValues).toEqual([["Status", "After-action report in review"]]);
    const raci = db.select().from(auditLog).where(eq(auditLog.action, "RACI_SUBMITTED")).orderBy(desc(auditLog.seq)).get()!;
    const [r] = describeEntries(db, [raci]);
    expect(r!.entityLabel).toBe("RACI version");
    expect(r!.recordName).toMatch(/^PCA pumps, version 1$/);
    expect(r!.href).toMatch(/^\/raci\/\d+\/versions\/1$/);
    expect(humanize("lastAttestedAt")).toBe("Last attested at");
  });
});

describe("CSV export", () => {
  test("the filtered trail, newest first, with the chain verification result; the export itself is audited", () => {
    const before = count();
    const { csv, filename } = exportAuditCsv(db, who["auditor"]!, { entityType: "drill" }, now);
    const lines = parse(csv);
    expect(filename).toMatch(/^clearline-audit-trail-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(lines).toContain(`Chain verification,Intact: all ${before} entries verified and the chain is complete.`);
    expect(lines).toContain("Filters,entity drill");
    const header = lines.indexOf("#,When (UTC),Who,Action,Record type,Record,Record id,Old values,New values");
    const body = lines.slice(header + 1);
    expect(body.length).toBe(db.get<{ n: number }>(sql`select count(*) as n from audit_log where entity_type = 'drill'`)!.n);
    expect(body.length).toBeGreaterThan(listAudit(db, who["auditor"]!, { entityType: "drill" }).rows.length - 1);
    expect(body.every((l) => l.split(",")[4] === "Drill")).toBe(true);
    expect(count()).toBe(before + 1); // AUDIT_CHAIN_VERIFIED
  });

  test("a contributor may not export, and nothing is written", () => {
    const before = count();
    expect(() => exportAuditCsv(db, who["assessor"]!, {}, now)).toThrowError(/permission/);
    expect(count()).toBe(before);
  });

  test("a tampered trail exports with the failure named in the file", () => {
    sqlite.exec("DROP TRIGGER IF EXISTS audit_log_no_update");
    const victim = db.select().from(auditLog).orderBy(auditLog.seq).limit(1).offset(3).get()!;
    db.run(sql`update audit_log set actor_label = 'Someone else' where seq = ${victim.seq}`);
    const lines = parse(exportAuditCsv(db, who["auditor"]!, {}, now).csv);
    expect(lines.find((l) => l.startsWith("Chain verification,"))).toMatch(new RegExp(`^Chain verification,"?FAILED at entry #${victim.seq}`));
  });
});
