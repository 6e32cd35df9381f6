// `npm run db:restore -- <backup-folder>`: checks the backup's manifest (HMAC with AUDIT_HMAC_KEY) and every file's
// SHA-256, refuses a backup that does not verify, then copies the database to DATABASE_PATH (which must not exist:
// stop the server and move the current database away first) and the evidence files next to it.
import { restoreBackup } from "@/db/backup-folder";
import { databasePath, loadSecrets } from "@/lib/server/config";
import { evidenceDir } from "@/lib/services/assessments/evidence";
import { anchorFilePath } from "@/lib/services/audit/audit-anchor";
import { clock } from "@/lib/clock";

const folder = process.argv[2];
if (!folder) {
  console.error("Usage: npm run db:restore -- <backup-folder>   (restores into DATABASE_PATH, which must not exist yet)");
  process.exit(2);
}
try {
  loadSecrets();
  const target = databasePath();
  const m = restoreBackup({ folder, target, evidenceDir: evidenceDir(), anchorFile: anchorFilePath(target), now: clock.now() });
  console.log(
    `Restored the backup of ${m.createdAt} to ${target} with ${m.evidence.length} evidence file(s); every digest verified. Run npm run audit:verify next.`,
  );
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
