import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { createBackup, restoreBackup, verifyBackup } from "@/db/backup-folder";
import { createDb, openReadOnly } from "@/db/client";
import { assessmentEvidence, assessments, users } from "@/db/schema";
import { seedDemoIfEmpty } from "@/db/seed/demo";
import { setSecretsForTests } from "@/lib/server/config";
import { appendAudit } from "@/lib/services/audit/append-audit";
import { anchorIfDue, checkAuditAnchor, readAnchors } from "@/lib/services/audit/audit-anchor";
import { verifyAuditChainUnchecked } from "@/lib/services/audit/verify-audit-chain";
import { TEST_SECRETS } from "../test-db";
import { clock } from "@/lib/clock";

let dir: string;
beforeEach(() => {
  setSecretsForTests(TEST_SECRETS);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "clearline-backup-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A live installation on disk: the seeded demo, one evidence file, its anchor file. */
async function live() {
  const file = path.join(dir, "live", "clearline.db");
  const { db, sqlite } = createDb(file);
  await seedDemoIfEmpty(db);
  const evidenceDir = path.join(dir, "live", "evidence");
  fs.mkdirSync(evidenceDir, { recursive: true });
  const bytes = Buffer.from("asset_tag,model\nIP-0001,Alaris 8015\n");
  fs.writeFileSync(path.join(evidenceDir, "abc123.csv"), bytes);
  const at = clock.now().toISOString();
  db.insert(assessmentEvidence)
    .values({
      assessmentId: db.select().from(assessments).get()!.id,
      subcategoryId: "ID.AM-01",
      kind: "file",
      fileName: "cmms.csv",
      storedName: "abc123.csv",
      contentType: "text/csv",
      sizeBytes: bytes.length,
      addedBy: db.select().from(users).get()!.id,
      addedAt: at,
    })
    .run();
  return { file, db, sqlite, evidenceDir, anchorFile: `${file}.anchors.jsonl`, bytes };
}

describe("issue #10, finding 19: a backup holds the database, its evidence files and a manifest that restore checks", () => {
  test("backup → restore gives the same database and evidence; the anchor goes to the file and the manifest", async () => {
    const l = await live();
    const folder = path.join(dir, "backup-1");
    const m = await createBackup({ source: l.file, folder, evidenceDir: l.evidenceDir, anchorFile: l.anchorFile, now: clock.now() });
    expect(m.evidence).toEqual([{ storedName: "abc123.csv", sha256: expect.stringMatching(/^[0-9a-f]{64}$/), bytes: l.bytes.length }]);
    expect(m.missingEvidence).toEqual([]);
    expect(m.auditAnchor?.seq).toBe(verifyAuditChainUnchecked(l.db).ok ? (verifyAuditChainUnchecked(l.db) as { lastSeq: number }).lastSeq : -1);
    expect(readAnchors(l.anchorFile).anchors.at(-1)).toEqual(m.auditAnchor);
    expect(verifyBackup(folder).problems).toEqual([]);
    await expect(createBackup({ source: l.file, folder, evidenceDir: l.evidenceDir, anchorFile: l.anchorFile, now: clock.now() })).rejects.toThrow(
      /already exists/,
    );

    const target = path.join(dir, "restored", "clearline.db");
    const evidenceDir = path.join(dir, "restored", "evidence");
    restoreBackup({ folder, target, evidenceDir, anchorFile: `${target}.anchors.jsonl`, now: clock.now() });
    expect(fs.readFileSync(path.join(evidenceDir, "abc123.csv"))).toEqual(l.bytes);
    const r = openReadOnly(target);
    expect(verifyAuditChainUnchecked(r.db)).toMatchObject({ ok: true, lastSeq: m.auditAnchor!.seq });
    expect(checkAuditAnchor(r.db, `${target}.anchors.jsonl`, m.auditAnchor!.seq)).toMatchObject({ ok: true });
    r.sqlite.close();
    // Restoring over an existing database is refused.
    expect(() => restoreBackup({ folder, target, evidenceDir, anchorFile: `${target}.anchors.jsonl`, now: clock.now() })).toThrow(/exists: stop the server/);
    l.sqlite.close();
  });

  test("a tampered evidence file, database or manifest is refused and nothing is restored", async () => {
    const l = await live();
    const folder = path.join(dir, "backup-2");
    await createBackup({ source: l.file, folder, evidenceDir: l.evidenceDir, anchorFile: l.anchorFile, now: clock.now() });
    l.sqlite.close();
    const target = path.join(dir, "restored", "clearline.db");
    const evidenceDir = path.join(dir, "restored", "evidence");
    const restore = () => restoreBackup({ folder, target, evidenceDir, anchorFile: `${target}.anchors.jsonl`, now: clock.now() });

    fs.writeFileSync(path.join(folder, "evidence", "abc123.csv"), "asset_tag,model\nIP-0001,FORGED\n");
    expect(restore).toThrow(/evidence\/abc123\.csv does not match its SHA-256 digest/);
    expect(fs.existsSync(target)).toBe(false);
    expect(fs.existsSync(path.join(evidenceDir, "abc123.csv"))).toBe(false);

    // Re-computing the digest in the manifest does not help: the manifest's HMAC no longer verifies.
    const manifestFile = path.join(folder, "manifest.json");
    const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8")) as { evidence: { sha256: string; bytes: number }[] };
    const crypto = await import("node:crypto");
    const forged = fs.readFileSync(path.join(folder, "evidence", "abc123.csv"));
    manifest.evidence[0]!.sha256 = crypto.createHash("sha256").update(forged).digest("hex");
    manifest.evidence[0]!.bytes = forged.length;
    fs.writeFileSync(manifestFile, JSON.stringify(manifest));
    expect(verifyBackup(folder).problems).toEqual([
      "The manifest does not verify with the audit key (AUDIT_HMAC_KEY): it was altered, or the key is not this installation's.",
    ]);
    expect(restore).toThrow(/does not verify; nothing was restored/);

    fs.rmSync(manifestFile);
    expect(restore).toThrow(/manifest\.json is missing/);
    expect(fs.existsSync(target)).toBe(false);
  });
});

describe("issue #10, finding 18: the audit chain is anchored outside the database", () => {
  test("cutting the chain back 8 entries and restoring an older head passes the chain check but not the anchor", async () => {
    const l = await live();
    // An older copy of the database, as an attacker might keep one.
    const older = path.join(dir, "older.db");
    l.sqlite.exec(`vacuum into '${older}'`);
    // Eight more changes, then the daily anchor.
    const tomorrow = new Date(clock.ms() + 24 * 3_600_000);
    for (let i = 0; i < 8; i++)
      l.db.transaction((tx) => appendAudit(tx, { actor: null, action: "SETTING_CHANGED", entityType: "test", entityId: i }), { behavior: "immediate" });
    const anchored = anchorIfDue(l.db, l.anchorFile, tomorrow)!;
    expect(anchorIfDue(l.db, l.anchorFile, tomorrow)).toBeNull(); // once a day
    l.sqlite.close();
    // The attacker puts the older database back: a self-consistent chain, 8 entries shorter.
    fs.copyFileSync(older, l.file);
    for (const f of [`${l.file}-wal`, `${l.file}-shm`]) fs.rmSync(f, { force: true });
    const back = openReadOnly(l.file);
    const chain = verifyAuditChainUnchecked(back.db);
    expect(chain).toMatchObject({ ok: true, lastSeq: anchored.seq - 8 });
    const verdict = checkAuditAnchor(back.db, l.anchorFile, (chain as { lastSeq: number }).lastSeq);
    expect(verdict).toMatchObject({ ok: false, problem: "rolled_back" });
    expect(!verdict.ok && verdict.message).toMatch(
      new RegExp(`^The trail ends at entry #${anchored.seq - 8}, but an anchor written .* records entry #${anchored.seq}`),
    );
    back.sqlite.close();

    // `npm run audit:verify` says so and exits 1.
    const run = () =>
      execFileSync(process.execPath, [path.join("node_modules", "tsx", "dist", "cli.mjs"), "scripts/audit-verify.ts"], {
        env: {
          ...process.env,
          DATABASE_PATH: l.file,
          AUDIT_HMAC_KEY: TEST_SECRETS.auditKey,
          SIGNATURE_HMAC_KEY: TEST_SECRETS.signatureKey,
          NEXTAUTH_SECRET: TEST_SECRETS.authSecret,
          NODE_ENV: "production",
        },
        stdio: "pipe",
      }).toString();
    let out = "";
    let code = 0;
    try {
      out = run();
    } catch (e) {
      const err = e as { status: number; stderr: Buffer };
      code = err.status;
      out = err.stderr.toString();
    }
    expect(code).toBe(1);
    expect(out).toMatch(/Audit trail ROLLED BACK or REWRITTEN \(rolled_back\): The trail ends at entry #\d+/);

    // An edited anchor line is reported, not silently skipped.
    fs.appendFileSync(l.anchorFile, `${JSON.stringify({ ...anchored, seq: anchored.seq + 100 })}\n`);
    const again = openReadOnly(l.file);
    expect(checkAuditAnchor(again.db, l.anchorFile, anchored.seq - 8)).toMatchObject({ ok: false, problem: "bad_anchor" });
    again.sqlite.close();
  }, 60_000);
});
