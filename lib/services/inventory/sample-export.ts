import crypto from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { imports } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { assertCan } from "@/lib/auth/permissions";
import { DEMO_IMPORT_DAYS_BEFORE_SEED, demoCmmsExportCsv } from "@/db/seed/inventory-demo";
import { DEMO_CMMS_FILE, DEMO_CMMS_SOURCE } from "@/db/seed/inventory-data";
import { addDays } from "@/lib/rules/patch-priority";
import { clock } from "@/lib/clock";

/**
 * The sample CMMS export that ships with Clearline: the demo inventory as a CMMS would export it (sites by code,
 * some manufacturers spelled as their aliases), so a new user can try the import; in the demo it changes nothing.
 *
 * Its dates (last inventoried, last seen) are relative to a day. In a demo database that day is the day the demo was
 * seeded — found from the demo's own import, dated DEMO_IMPORT_DAYS_BEFORE_SEED days before, and proved by that
 * import's SHA-256 — so the sample still re-imports with no change a day or a month later (it used today's date, and
 * a demo seeded before midnight offered a sample that changed every device after it). Anywhere else (no demo import,
 * or one whose file no longer matches), the demo inventory as of today.
 */
export function sampleCmmsExportCsv(db: Db, actor: Actor, today = clock.today()): string {
  assertCan(actor, "inventory.read");
  const demo = db
    .select({ at: imports.at, sha256: imports.sha256 })
    .from(imports)
    .where(and(eq(imports.fileName, DEMO_CMMS_FILE), eq(imports.source, DEMO_CMMS_SOURCE)))
    .orderBy(asc(imports.id))
    .limit(1)
    .get();
  if (demo) {
    const seeded = demoCmmsExportCsv(addDays(demo.at.slice(0, 10), DEMO_IMPORT_DAYS_BEFORE_SEED));
    if (crypto.createHash("sha256").update(seeded).digest("hex") === demo.sha256) return seeded;
  }
  return demoCmmsExportCsv(today);
}

export function sampleCmmsExportResponse(db: Db, actor: Actor): Response {
  return new Response(sampleCmmsExportCsv(db, actor), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${DEMO_CMMS_FILE}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
