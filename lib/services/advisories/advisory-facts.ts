import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/permissions";
import type { LinkedFact } from "../assessments/linked-facts";
import { getAdvisorySummary } from "./get-advisory-summary";

/**
 * The advisory matching's figures as CSF 2.0 linked facts for an assessment's scope (issue #13 item 7): ID.RA-01
 * (asset vulnerabilities are identified), ID.RA-02 (cyber threat intelligence is received: CISA ICSMA and KEV) and
 * ID.RA-08 (processes for receiving, analyzing and responding to vulnerability disclosures). For callers that
 * checked `advisory.read`.
 */
export function advisoryFactsUnchecked(db: Db, actor: Actor, scope: { siteId?: number | null }, today: string): Record<"ID.RA-01" | "ID.RA-02" | "ID.RA-08", LinkedFact> {
  const s = getAdvisorySummary(db, actor, scope, today);
  const site = scope.siteId ? `&site=${scope.siteId}` : "";
  return {
    "ID.RA-01": {
      text: `${s.affectedDevices.toLocaleString("en-US")} devices in this scope are affected by ${s.advisories} imported advisories; ${s.kevAffectedDevices.toLocaleString("en-US")} by known-exploited vulnerabilities.`,
      links: [{ href: `/advisories/devices?kev=1${site}`, label: "Devices affected by known-exploited vulnerabilities" }],
    },
    "ID.RA-02": { text: `${s.advisories} CISA advisories and the KEV catalog are imported and matched to the inventory.`, links: [{ href: "/advisories", label: "Advisories" }] },
    "ID.RA-08": {
      text: `${s.awaitingReview.toLocaleString("en-US")} possible matches await a Clinical Engineering review; ${s.oemOverdue} OEM answers are overdue under the FDA postmarket clocks.`,
      links: [
        { href: `/advisories/devices?review=1${site}`, label: "Possible matches awaiting review" },
        { href: "/advisories/oem-overdue", label: "OEM overdue answers" },
      ],
    },
  };
}
