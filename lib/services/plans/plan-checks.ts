import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { type DbOrTx } from "@/db/client";
import { activities, deviceClasses, parties, responsePlans, sites, users } from "@/db/schema";
import { invalid } from "@/lib/errors";
import type { UpdatePlanDraftInput } from "@/lib/validation/plans";

export const PLAN = "response_plan";

export function checkSite(tx: DbOrTx, siteId: number | null) {
  if (siteId == null) return;
  const s = tx.select({ id: sites.id, archivedAt: sites.archivedAt }).from(sites).where(eq(sites.id, siteId)).get();
  if (!s || s.archivedAt)
    throw invalid("Choose an existing site, or the whole organization.", { siteId: ["Choose an existing site, or the whole organization."] });
}

export function titleTaken(tx: DbOrTx, title: string, exceptId?: number): boolean {
  const row = tx
    .select({ id: responsePlans.id })
    .from(responsePlans)
    .where(sql`lower(${responsePlans.title}) = lower(${title})`)
    .get();
  return Boolean(row && row.id !== exceptId);
}

/** Every id a draft refers to must exist (and be current), or the save is refused naming the field. */
export function checkReferences(tx: DbOrTx, input: UpdatePlanDraftInput) {
  const missing = (table: "classes" | "activities" | "users" | "parties", ids: readonly number[]) => {
    if (ids.length === 0) return false;
    const found =
      table === "classes"
        ? tx
            .select({ id: deviceClasses.id })
            .from(deviceClasses)
            .where(and(inArray(deviceClasses.id, [...ids]), isNull(deviceClasses.archivedAt)))
            .all()
        : table === "activities"
          ? tx
              .select({ id: activities.id })
              .from(activities)
              .where(and(inArray(activities.id, [...ids]), isNull(activities.retiredAt)))
              .all()
          : table === "users"
            ? tx
                .select({ id: users.id })
                .from(users)
                .where(and(inArray(users.id, [...ids]), eq(users.active, true)))
                .all()
            : tx
                .select({ id: parties.id })
                .from(parties)
                .where(and(inArray(parties.id, [...ids]), isNull(parties.archivedAt)))
                .all();
    return found.length !== new Set(ids).size;
  };
  const errors: Record<string, string[]> = {};
  if (missing("classes", input.deviceClassIds)) errors.deviceClassIds = ["A chosen device class no longer exists or is archived."];
  if (missing("activities", input.activityIds)) errors.activityIds = ["A chosen activity no longer exists or was retired."];
  if (missing("users", input.namedUserIds)) errors.namedUserIds = ["A named person no longer exists or is deactivated."];
  if (missing("parties", input.namedPartyIds)) errors.namedPartyIds = ["A named party no longer exists or is archived."];
  const stepParties = input.steps.map((s) => s.partyId).filter((x): x is number => x != null);
  if (missing("parties", stepParties)) errors.steps = ["A step's party no longer exists or is archived."];
  const fields = Object.keys(errors);
  if (fields.length) throw invalid(Object.values(errors)[0]![0]!, errors);
}
