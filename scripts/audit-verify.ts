// `npm run audit:verify`: checks the audit trail's hash chain, like the audit page's "Verify integrity".
// Exit 0 when intact, 1 when tampering is found (with the first bad entry), 2 when it cannot run.
import fs from "node:fs";
import { openReadOnly } from "@/db/client";
import { databasePath, loadSecrets } from "@/lib/server/config";
import { verifyAuditChainUnchecked } from "@/lib/services/audit/verify-audit-chain";

const file = databasePath();
if (!fs.existsSync(file)) {
  console.error(`No database at ${file} (set DATABASE_PATH).`);
  process.exit(2);
}
loadSecrets();
const { db, sqlite } = openReadOnly(file);
const verdict = verifyAuditChainUnchecked(db);
sqlite.close();
if (verdict.ok) {
  console.log(`Audit trail intact: ${verdict.checked} entries verified, chain complete (last entry #${verdict.lastSeq}).`);
  process.exit(0);
}
console.error(`Audit trail TAMPERED: first bad entry #${verdict.firstBadSeq} (${verdict.problem}). ${verdict.message}`);
process.exit(1);
