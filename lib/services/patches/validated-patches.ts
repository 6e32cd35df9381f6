import { sql, type SQL } from "drizzle-orm";
import { oemPositions } from "@/db/schema";

/**
 * The one place the patch queue reads the OEM's positions (issue #13 item 3, db/schema/oem.ts): per (advisory,
 * model), the current position — the row with the highest id, as lib/services/advisories/oem-position.ts reads it —
 * when it is "OEM-validated patch available", with its date validated, validated version and bulletin. Patches to
 * medical devices must be validated by the OEM (FDA postmarket cybersecurity guidance), so only these open items.
 *
 * Columns: advisory_id, model_id, validated_on (YYYY-MM-DD), validated_version, bulletin.
 */
export function validatedPatchesSql(): SQL {
  return sql`(select op.advisory_id as advisory_id, op.model_id as model_id, op.validated_on as validated_on, op.validated_version as validated_version,
                     coalesce(op.bulletin_ref, op.bulletin_url) as bulletin
              from ${oemPositions} op
              where op.position = 'patch_available'
                and not exists (select 1 from ${oemPositions} newer where newer.advisory_id = op.advisory_id and newer.model_id = op.model_id and newer.id > op.id))`;
}
