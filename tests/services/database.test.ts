import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { describe, expect, test } from "vitest";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { createDb, MIGRATIONS_FOLDER, openSqlite } from "@/db/client";
import * as schema from "@/db/schema";
import { setSecretsForTests } from "@/lib/server/config";
import { seedDemoIfEmpty } from "@/db/seed/demo";
import { DEMO_USERS } from "@/db/seed/demo-data";
import { loginAttempts, sessions, settings } from "@/db/schema";
import { loadActor } from "@/lib/services/auth/load-actor";
import { setUserPassword } from "@/lib/services/admin/set-user-password";
import { TEST_SECRETS, testDb } from "../test-db";
import { clock } from "@/lib/clock";

function tables(db: ReturnType<typeof testDb>["db"]): string[] {
  return db
    .all<{ name: string }>(
      sql`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name <> '__drizzle_migrations' order by name`,
    )
    .map((r) => r.name);
}

describe("database", () => {
  test("every table holds rows after the demo seed; re-running migrations loses none and foreign keys are clean", async () => {
    const { db, sqlite } = testDb();
    await seedDemoIfEmpty(db);
    const at = clock.now().toISOString();
    db.insert(settings).values({ key: "raci.reattestMonths", value: "12", updatedAt: at }).run();
    db.insert(sessions).values({ id: "s1", userId: 1, createdAt: at, lastSeenAt: at }).run();
    db.insert(loginAttempts).values({ emailKey: "x", clientKey: "y", at, success: false }).run();
    await setUserPassword(db, loadActor(db, 1)! as never, { id: 2, password: "violet harbor lantern season" });
    // Tables the demo does not fill: assessment evidence, API idempotency keys (bookkeeping of API retries). (Action items come from the drills demo.)
    sqlite.exec(`
      insert into assessment_evidence (assessment_id, subcategory_id, kind, body, added_by, added_at) values (1, 'ID.AM-01', 'text', 'CMMS export reconciled monthly', 6, '${at}');
      insert into api_idempotency_keys (token_id, key, route, request_sha256, response_status, response_body, created_at) values (1, 'k1', 'POST /api/v1/devices/bulk', '${"0".repeat(64)}', 200, '{}', '${at}');
      -- MFA and SSO (issue #14): the demo enrols nobody and maps no group.
      insert into user_totp (user_id, secret_enc, created_at, confirmed_at) values (3, 'v1.x.y.z', '${at}', '${at}');
      insert into recovery_codes (user_id, code_hash, created_at) values (3, '$argon2id$placeholder', '${at}');
      insert into sso_group_mappings (group_name, role, party_id, created_at, updated_at) values ('clearline-leadership', 'leadership', null, '${at}', '${at}');
      -- Signing through the provider (decision 0031): nobody in the demo signs by SSO.
      insert into signing_challenges (id, user_id, session_id, entity_type, entity_id, return_to, created_at, expires_at) values ('challenge-0000000000000000', 1, 's1', 'raci_version', '1', '/raci', '${at}', '${at}');
    `);

    const count = () => Object.fromEntries(tables(db).map((t) => [t, db.get<{ n: number }>(sql.raw(`select count(*) as n from "${t}"`))!.n]));
    const before = count();
    for (const [t, n] of Object.entries(before)) expect(n, `table ${t} has no rows`).toBeGreaterThan(0);
    migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    expect(count()).toEqual(before);
    expect(sqlite.pragma("foreign_key_check")).toEqual([]);
    expect(sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
  });

  test("upgrading a populated database from the previous schema to the newest keeps every row and every foreign key", async () => {
    // Migrations up to the one before the newest, in a folder of their own.
    const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")) as { entries: { tag: string }[] };
    expect(journal.entries.length).toBeGreaterThan(1);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clearline-migrations-"));
    try {
      fs.mkdirSync(path.join(dir, "meta"));
      const older = journal.entries.slice(0, -1);
      fs.writeFileSync(path.join(dir, "meta", "_journal.json"), JSON.stringify({ ...journal, entries: older }));
      for (const e of older) fs.copyFileSync(path.join(MIGRATIONS_FOLDER, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
      setSecretsForTests(TEST_SECRETS);
      // The demo as today's code writes it, in a file of its own...
      const demoFile = path.join(dir, "demo.db");
      const demo = createDb(demoFile);
      await seedDemoIfEmpty(demo.db);
      demo.sqlite.close();
      // ...projected onto the previous schema: every table that schema has, with the columns it has. (Seeding the old
      // schema with today's code would fail as soon as a service touches a table the newest migration adds.)
      const sqlite = openSqlite(":memory:");
      const db = drizzle({ client: sqlite, schema });
      migrate(db, { migrationsFolder: dir });
      sqlite.pragma("foreign_keys = OFF");
      sqlite.exec(`attach database '${demoFile.replace(/'/g, "''")}' as demo`);
      const columns = (table: string, schemaName: string) =>
        (sqlite.prepare(`select name from pragma_table_info(?, ?)`).all(table, schemaName) as { name: string }[]).map((c) => c.name);
      for (const t of tables(db)) {
        // data_versions' rows are written by the migrations themselves (one counter per cached domain), not by the seed.
        if (t === "data_versions") continue;
        const shared = columns(t, "main").filter((c) => columns(t, "demo").includes(c));
        if (shared.length === 0) continue;
        const list = shared.map((c) => `"${c}"`).join(", ");
        sqlite.exec(`delete from main."${t}"`);
        sqlite.exec(`insert into main."${t}" (${list}) select ${list} from demo."${t}"`);
      }
      sqlite.exec("detach database demo");
      sqlite.pragma("foreign_keys = ON");
      const count = () => Object.fromEntries(tables(db).map((t) => [t, db.get<{ n: number }>(sql.raw(`select count(*) as n from "${t}"`))!.n]));
      const before = count();
      const filled = Object.values(before).filter((n) => n > 0).length;
      expect(filled / Object.keys(before).length).toBeGreaterThan(0.8);
      migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
      const after = count();
      // data_versions gains a counter row when a migration adds a cached domain (0011: inventory); no other table changes.
      for (const [t, n] of Object.entries(before)) {
        if (t === "data_versions") expect(after[t], `rows of ${t}`).toBeGreaterThanOrEqual(n);
        else expect(after[t], `rows of ${t} after ${journal.entries.at(-1)!.tag}`).toBe(n);
      }
      expect(sqlite.pragma("foreign_key_check")).toEqual([]);
      expect(sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
      expect(db.get<{ n: number }>(sql`select count(*) as n from __drizzle_migrations`)!.n).toBe(journal.entries.length);
      sqlite.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("the demo health system is Lakeside Regional Health as documented", async () => {
    const { db } = testDb();
    expect(await seedDemoIfEmpty(db)).toBe(true);
    expect(await seedDemoIfEmpty(db)).toBe(false);
    const names = (q: string) => db.all<{ name: string }>(sql.raw(q)).map((r) => r.name);
    expect(names("select name from organization")).toEqual(["Lakeside Regional Health"]);
    expect(names("select name from sites order by id")).toEqual(["Lakeside Main Hospital", "Northshore Community Hospital", "Eastgate Outpatient Clinic"]);
    expect(names("select name from parties")).toHaveLength(7);
    expect(names("select email as name from users order by id")).toEqual(DEMO_USERS.map((u) => u.email));
    const classes = names("select name from device_classes");
    expect(classes.length).toBeGreaterThanOrEqual(18);
    expect(classes.length).toBeLessThanOrEqual(25);
    expect(db.get<{ r: string }>(sql`select regulated as r from device_classes where name = 'Vaccine refrigerators'`)!.r).toBe("borderline");
    expect(
      db.get<{ p: string }>(sql`select p.name as p from device_classes c join device_classes p on p.id = c.parent_id where c.name = 'Syringe pumps'`)!.p,
    ).toBe("Infusion pumps");
    expect(names("select name from activities")).toHaveLength(25);
    expect(db.all<{ name: string; status: string; scope_type: string }>(sql`select name, status, scope_type from assessments order by id`)).toEqual([
      { name: "FY2026 medical device CSF assessment", status: "approved", scope_type: "organization" },
      { name: "FY2027 medical device CSF assessment", status: "in_progress", scope_type: "organization" },
      { name: "Infusion pumps CSF assessment", status: "in_review", scope_type: "device_class" },
    ]);
    const { verifyRecordSignatures } = await import("@/lib/services/signatures/sign-record");
    const { assessmentSignedContent } = await import("@/lib/services/assessments/assessment-approval");
    expect(verifyRecordSignatures(db, { entityType: "assessment", entityId: "1" }, assessmentSignedContent(db, 1)).map((x) => x.verdict.valid)).toEqual([true]);
    expect(db.get<{ n: number }>(sql`select count(*) as n from assessment_answers where assessment_id = 2`)!.n).toBe(20);
    // The 22 CISA medical advisories and the KEV catalog, imported by the security lead.
    expect(db.get<{ n: number }>(sql`select count(*) as n from advisories`)!.n).toBe(22);
    expect(db.get<{ n: number }>(sql`select count(*) as n from kev_entries where removed_at is null`)!.n).toBe(1404);
    expect(db.get<{ by: string }>(sql`select u.email as by from advisories a join users u on u.id = a.imported_by limit 1`)!.by).toBe(
      "security.lead@lakeside.example",
    );
  });

  test("a file database runs with WAL, synchronous=FULL, foreign keys and a busy timeout of at least 5 s", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clearline-"));
    const { sqlite } = createDb(path.join(dir, "t.db"));
    expect(sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(sqlite.pragma("synchronous", { simple: true })).toBe(2);
    expect(sqlite.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(sqlite.pragma("busy_timeout", { simple: true })).toBeGreaterThanOrEqual(5000);
    sqlite.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("the audit trail and signatures refuse UPDATE and DELETE; enum columns have CHECK constraints", async () => {
    const { db, sqlite } = testDb();
    await seedDemoIfEmpty(db);
    expect(() => sqlite.exec("update audit_log set action = 'X' where seq = 1")).toThrow(/append-only/);
    expect(() => sqlite.exec("delete from audit_log where seq = 1")).toThrow(/append-only/);
    expect(() => sqlite.exec("delete from signatures")).toThrow(/append-only/);
    expect(() => sqlite.exec("update raci_versions set content = '{}'")).toThrow(/immutable/);
    expect(() => sqlite.exec("update device_classes set regulated = 'maybe' where id = 1")).toThrow(/CHECK constraint/);
    expect(() => sqlite.exec("insert into user_roles (user_id, role) values (1, 'superuser')")).toThrow(/CHECK constraint/);
    expect(() =>
      sqlite.exec("insert into assessment_answers (assessment_id, subcategory_id, current, updated_by, updated_at) values (1, 'X', 4, 1, 'now')"),
    ).toThrow(/CHECK constraint|FOREIGN KEY/);
  });
});

describe("first-run set-up (SEED_DEMO=0)", () => {
  test("creates the organization, its first admin, the seven parties and the default activities, once", async () => {
    const { setupOrganization, needsSetup } = await import("@/lib/services/admin/setup-organization");
    const { db } = testDb();
    expect(needsSetup(db)).toBe(true);
    const admin = await setupOrganization(db, {
      organizationName: "Harbor Health",
      name: "Hana Admin",
      email: "hana@harbor.example",
      password: "violet harbor lantern season",
    });
    expect(admin.email).toBe("hana@harbor.example");
    expect(needsSetup(db)).toBe(false);
    expect(db.get<{ n: number }>(sql`select count(*) as n from parties`)!.n).toBe(7);
    expect(db.get<{ n: number }>(sql`select count(*) as n from activities`)!.n).toBe(25);
    await expect(
      setupOrganization(db, { organizationName: "Again", name: "X", email: "x@x.example", password: "violet harbor lantern season" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("audit trail tampering in the database is detected with the first bad entry", () => {
  async function tampered(mutate: (s: ReturnType<typeof testDb>["sqlite"]) => void) {
    const { verifyAuditChainUnchecked } = await import("@/lib/services/audit/verify-audit-chain");
    const { db, sqlite } = testDb();
    await seedDemoIfEmpty(db);
    expect(verifyAuditChainUnchecked(db).ok).toBe(true);
    sqlite.exec("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;");
    mutate(sqlite);
    return verifyAuditChainUnchecked(db);
  }

  test("an edited entry", async () => {
    expect(await tampered((s) => s.exec(`update audit_log set new_values = '{"name":"Forged"}' where seq = 5`))).toMatchObject({
      ok: false,
      problem: "edited",
      firstBadSeq: 5,
    });
  });
  test("a deleted middle entry", async () => {
    expect(await tampered((s) => s.exec("delete from audit_log where seq = 7"))).toMatchObject({ ok: false, problem: "missing", firstBadSeq: 7 });
  });
  test("a removed tail", async () => {
    const v = await tampered((s) => s.exec("delete from audit_log where seq > 20"));
    expect(v).toMatchObject({ ok: false, problem: "tail_removed", firstBadSeq: 21 });
  });
  test("a chain recomputed without the key", async () => {
    const { entryHash, headMac } = await import("@/lib/rules/audit-chain");
    const v = await tampered((s) => {
      s.exec(`update audit_log set new_values = '{"name":"Forged"}' where seq = 10`);
      const rows = s.prepare("select * from audit_log where seq >= 10 order by seq").all() as Record<string, unknown>[];
      let prev = (s.prepare("select hash from audit_log where seq = 9").get() as { hash: string }).hash;
      const guess = "attacker-guess-of-the-key-0123456789";
      for (const r of rows) {
        const e = {
          seq: r.seq as number,
          at: r.at as string,
          actorId: r.actor_id as number | null,
          actorLabel: r.actor_label as string,
          action: r.action as string,
          entityType: r.entity_type as string,
          entityId: r.entity_id as string,
          oldValues: r.old_values as string | null,
          newValues: r.new_values as string | null,
        };
        const hash = entryHash(guess, prev, e);
        s.prepare("update audit_log set prev_hash = ?, hash = ? where seq = ?").run(prev, hash, e.seq);
        prev = hash;
      }
      const last = rows[rows.length - 1]!.seq as number;
      s.prepare("update audit_head set seq = ?, hash = ?, mac = ? where id = 1").run(last, prev, headMac(guess, last, prev));
    });
    expect(v).toMatchObject({ ok: false, problem: "edited", firstBadSeq: 10 });
  });
});

describe("backup", () => {
  test("a backup of a live database is a complete, checked copy; an existing file is never overwritten", async () => {
    const { backupDatabase, openReadOnly } = await import("@/db/client");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clearline-backup-"));
    try {
      setSecretsForTests(TEST_SECRETS);
      const src = path.join(dir, "live.db");
      const live = createDb(src);
      await seedDemoIfEmpty(live.db);
      const { bytes } = await backupDatabase(src, path.join(dir, "b1.db"));
      expect(bytes).toBeGreaterThan(0);
      const copy = openReadOnly(path.join(dir, "b1.db"));
      const n = (s: { prepare: (q: string) => { get: () => unknown } }) => (s.prepare("select count(*) as n from audit_log").get() as { n: number }).n;
      expect(n(copy.sqlite)).toBe(n(live.sqlite));
      copy.sqlite.close();
      await expect(backupDatabase(src, path.join(dir, "b1.db"))).rejects.toThrowError(/already exists: choose a new file name/);
      await expect(backupDatabase(path.join(dir, "missing.db"), path.join(dir, "b2.db"))).rejects.toThrowError(/No database at/);
      expect(fs.existsSync(path.join(dir, "b2.db"))).toBe(false);
      live.sqlite.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
