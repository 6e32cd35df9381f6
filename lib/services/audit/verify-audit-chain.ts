import { asc, eq, gt } from "drizzle-orm";
import { writeTx, type Db } from "@/db/client";
import { auditHead, auditLog } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { verifyChain, type ChainVerdict, type StoredAuditEntry } from "@/lib/rules/audit-chain";
import { loadSecrets } from "@/lib/server/config";
import { appendAudit } from "./append-audit";

/** Streams the whole trail through the pure verifier in pages, so memory stays flat on large trails. */
export function verifyAuditChainUnchecked(db: Db): ChainVerdict {
  const key = loadSecrets().auditKey;
  const head = db.select().from(auditHead).where(eq(auditHead.id, 1)).get() ?? null;
  function* entries(): Generator<StoredAuditEntry> {
    const PAGE = 5000;
    let after = 0;
    for (;;) {
      const rows = db.select().from(auditLog).where(gt(auditLog.seq, after)).orderBy(asc(auditLog.seq)).limit(PAGE).all();
      for (const r of rows) yield r;
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1]!.seq;
    }
  }
  return verifyChain(key, entries(), head);
}

/** Admin/auditor "Verify integrity": runs the check and records that it was run (and its result). */
export function verifyAuditChain(db: Db, actor: Actor): ChainVerdict {
  assertCan(actor, "audit.verify");
  const verdict = verifyAuditChainUnchecked(db);
  writeTx(db, (tx) =>
    appendAudit(tx, {
      actor,
      action: "AUDIT_CHAIN_VERIFIED",
      entityType: "audit_log",
      entityId: "chain",
      newValues: verdict.ok ? { ok: true, checked: verdict.checked } : { ok: false, problem: verdict.problem, firstBadSeq: verdict.firstBadSeq },
    }),
  );
  return verdict;
}
