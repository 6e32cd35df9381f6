import { sql, type SQL } from "drizzle-orm";

/**
 * The one place the patch queue reads the OEM's positions (issue #13 item 3, owned by the matching work): per
 * (advisory, model), the current answer when it is "OEM-validated patch available", with the date validated, the
 * validated version and the bulletin. Patches to medical devices must be validated by the OEM (FDA premarket and
 * postmarket cybersecurity guidance), so only these items enter the queue.
 *
 * Columns: advisory_id, model_id, validated_on (YYYY-MM-DD), validated_version, bulletin.
 */
export function validatedPatchesSql(): SQL {
  return sql`(select advisory_id, model_id, validated_on, validated_version, bulletin from oem_positions where state = 'patch_available')`;
}
