import type { Actor } from "@/lib/auth/permissions";
import { assertCan } from "@/lib/auth/permissions";
import { demoCmmsExportCsv } from "@/db/seed/inventory-demo";
import { DEMO_CMMS_FILE } from "@/db/seed/inventory-data";
import { clock } from "@/lib/clock";

/**
 * The sample CMMS export that ships with Clearline: the demo inventory as a CMMS would export it (sites by code,
 * some manufacturers spelled as their aliases), so a new user can try the import; in the demo it changes nothing.
 */
export function sampleCmmsExportResponse(actor: Actor): Response {
  assertCan(actor, "inventory.read");
  return new Response(demoCmmsExportCsv(clock.today()), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${DEMO_CMMS_FILE}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
