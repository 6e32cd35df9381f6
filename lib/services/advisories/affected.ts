import { and, isNull, or, sql, type SQL } from "drizzle-orm";
import { advisoryDeviceMatches as m } from "@/db/schema";

/**
 * The one definition of "this device is affected by this advisory" (db/schema/matches.ts): a current match that is
 * rule-decided (version or model) and not dismissed, or possible and confirmed. Every list, count, patch queue and
 * dashboard figure filters advisory_device_matches with this condition, never with its own copy.
 */
export function isAffected(): SQL {
  return and(
    isNull(m.supersededAt),
    or(
      sql`(${m.confidence} in ('version', 'model') and (${m.reviewDecision} is null or ${m.reviewDecision} <> 'dismissed'))`,
      sql`(${m.confidence} = 'possible' and ${m.reviewDecision} = 'confirmed')`,
    ),
  )!;
}

/** A possible match nobody has reviewed yet: what the Clinical Engineering review list shows. */
export function awaitsReview(): SQL {
  return and(isNull(m.supersededAt), sql`${m.confidence} = 'possible'`, isNull(m.reviewDecision))!;
}
