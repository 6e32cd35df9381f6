// `npm run audit:verify`: checks the audit trail's hash chain, like the audit page's "Verify integrity", then
// compares it with the latest anchor written outside the database (AUDIT_ANCHOR_PATH or <database>.anchors.jsonl;
// see docs/decisions/0011-audit-anchors-and-backups.md).
// Exit 0 when intact, 1 when tampering or a roll-back is found (with the first bad entry), 2 when it cannot run.
import fs from "node:fs";
import { openReadOnly } from "@/db/client";
import { databasePath, loadSecrets } from "@/lib/server/config";
import { anchorFilePath, checkAuditAnchor } from "@/lib/services/audit/audit-anchor";
import { verifyAuditChainUnchecked } from "@/lib/services/audit/verify-audit-chain";

const file = databasePath();
if (!fs.existsSync(file)) {
  console.error(`No database at ${file} (set DATABASE_PATH).`);
  process.exit(2);
}
loadSecrets();
const { db, sqlite } = openReadOnly(file);
const verdict = verifyAuditChainUnchecked(db);
const anchorFile = anchorFilePath(file);
const anchored = verdict.ok ? checkAuditAnchor(db, anchorFile, verdict.lastSeq) : null;
sqlite.close();
if (!verdict.ok) {
  console.error(`Audit trail TAMPERED: first bad entry #${verdict.firstBadSeq} (${verdict.problem}). ${verdict.message}`);
  process.exit(1);
}
if (anchored && !anchored.ok) {
  console.error(`Audit trail ROLLED BACK or REWRITTEN (${anchored.problem}): ${anchored.message} Anchor file: ${anchorFile}.`);
  process.exit(1);
}
const against = anchored?.anchor
  ? `matches the anchor of ${anchored.anchor.at} (${anchored.anchor.reason}, entry #${anchored.anchor.seq})`
  : `no anchor to compare with yet (${anchorFile})`;
console.log(`Audit trail intact: ${verdict.checked} entries verified, chain complete (last entry #${verdict.lastSeq}); ${against}.`);
process.exit(0);
