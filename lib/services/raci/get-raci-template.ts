import type { Db } from "@/db/client";
import { assertCan, can, hasReadOnlyAccess, type Actor } from "@/lib/auth/permissions";
import { cellAt, raciReadOnlyReason, resolveMatrix, validateMatrix } from "@/lib/rules/raci";
import type { GridCell } from "./get-raci-class";
import { getRevision, loadActivities, loadParties, loadTemplate, reattestMonths, TEMPLATE_SCOPE } from "./raci-records";

/** The organization template as a grid. Everyone reads it; admins edit it. */
export function getRaciTemplate(db: Db, actor: Actor) {
  assertCan(actor, "raci.read");
  const activities = loadActivities(db);
  const parties = loadParties(db);
  const m = resolveMatrix(loadTemplate(db), []);
  const cells: GridCell[] = activities.flatMap((a) =>
    parties.map((p) => {
      const c = cellAt(m, a.id, p.id);
      return {
        activityId: a.id,
        partyId: p.id,
        letter: c.letter,
        overriddenHere: false,
        from: c.letter ? "template" : null,
        inheritedLetter: null,
        inheritedFrom: null,
      };
    }),
  );
  return {
    activities,
    parties,
    cells,
    revision: getRevision(db, TEMPLATE_SCOPE).revision,
    violations: validateMatrix(m, activities, parties),
    editableParties: can(actor, "raci.editTemplate") ? parties.map((p) => p.id) : [],
    readOnlyReason: raciReadOnlyReason({
      scope: "template",
      readOnlyAccess: hasReadOnlyAccess(actor),
      editableColumnCount: can(actor, "raci.editTemplate") ? parties.length : 0,
    }),
    reattestMonths: reattestMonths(db),
    canManageSettings: can(actor, "settings.manage"),
  };
}
