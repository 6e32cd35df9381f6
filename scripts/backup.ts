// `npm run db:backup -- <folder>`: a consistent online backup (safe while the app runs) into a new folder: the
// database, the evidence files it references, and manifest.json with SHA-256 digests and the audit anchor.
// Restore with `npm run db:restore -- <folder>`. See docs/decisions/0011-audit-anchors-and-backups.md.
import path from "node:path";
import { createBackup } from "@/db/backup-folder";
import { databasePath, loadSecrets } from "@/lib/server/config";
import { evidenceDir } from "@/lib/services/assessments/evidence";
import { anchorFilePath } from "@/lib/services/audit/audit-anchor";
import { clock } from "@/lib/clock";

async function main() {
  const target = process.argv[2];
  if (!target) {
    console.error("Usage: npm run db:backup -- <new-backup-folder>");
    process.exit(2);
  }
  loadSecrets();
  const source = databasePath();
  const folder = path.resolve(target);
  const m = await createBackup({ source, folder, evidenceDir: evidenceDir(), anchorFile: anchorFilePath(source), now: clock.now() });
  console.log(
    `Backup of ${source} written to ${folder}: database ${(m.database.bytes / 1024).toFixed(0)} KiB, ${m.evidence.length} evidence file(s), audit anchored at entry #${m.auditAnchor?.seq ?? 0}.`,
  );
  if (m.missingEvidence.length) {
    console.error(
      `WARNING: ${m.missingEvidence.length} evidence file(s) referenced by the database were not found and are not in the backup: ${m.missingEvidence.join(", ")}`,
    );
    process.exit(1);
  }
}

main().catch((e) => {
  console.error("Backup failed:", e instanceof Error ? e.message : e);
  process.exit(1);
});
