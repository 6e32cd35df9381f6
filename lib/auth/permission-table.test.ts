import { describe, expect, test } from "vitest";
import { ROLES, type Role } from "@/db/schema/enums";
import { AppError } from "@/lib/errors";
import { ACTIONS, assertCan, can, hasReadOnlyAccess, type Action } from "./permissions";

/** Written out by hand, not derived from PERMISSIONS: a change to the table must change this too. */
const EXPECTED: Record<Action, Record<Role, boolean | "ledParty">> = {
  "org.read": { admin: true, leadership: true, lead: true, contributor: true, auditor: true },
  "site.manage": { admin: true, leadership: false, lead: false, contributor: false, auditor: false },
  "party.manage": { admin: true, leadership: false, lead: false, contributor: false, auditor: false },
  "user.read": { admin: true, leadership: false, lead: false, contributor: false, auditor: true },
  "user.manage": { admin: true, leadership: false, lead: false, contributor: false, auditor: false },
  "deviceClass.manage": { admin: true, leadership: false, lead: false, contributor: false, auditor: false },
  "settings.manage": { admin: true, leadership: false, lead: false, contributor: false, auditor: false },
  "audit.read": { admin: true, leadership: false, lead: false, contributor: false, auditor: true },
  "audit.verify": { admin: true, leadership: false, lead: false, contributor: false, auditor: true },
  "signature.sign": { admin: true, leadership: true, lead: true, contributor: true, auditor: false },
  "raci.read": { admin: true, leadership: true, lead: true, contributor: true, auditor: true },
  "raci.editTemplate": { admin: true, leadership: false, lead: false, contributor: false, auditor: false },
  "activity.manage": { admin: true, leadership: false, lead: false, contributor: false, auditor: false },
  "raci.editCell": { admin: true, leadership: false, lead: "ledParty", contributor: false, auditor: false },
  "raci.submit": { admin: true, leadership: false, lead: true, contributor: false, auditor: false },
  "raci.sign": { admin: false, leadership: true, lead: true, contributor: false, auditor: false },
  "raci.return": { admin: true, leadership: true, lead: true, contributor: false, auditor: false },
  "raci.returnAny": { admin: true, leadership: true, lead: false, contributor: false, auditor: false },
  "raci.approve": { admin: false, leadership: true, lead: false, contributor: false, auditor: false },
  "assessment.read": { admin: true, leadership: true, lead: true, contributor: true, auditor: true },
  "assessment.create": { admin: true, leadership: true, lead: true, contributor: false, auditor: false },
  "assessment.answer": { admin: true, leadership: true, lead: true, contributor: true, auditor: false },
  "assessment.coordinate": { admin: true, leadership: false, lead: false, contributor: false, auditor: false },
  "assessment.review": { admin: false, leadership: true, lead: true, contributor: false, auditor: false },
  "assessment.approve": { admin: false, leadership: true, lead: false, contributor: false, auditor: false },
  "actionItem.create": { admin: true, leadership: true, lead: true, contributor: false, auditor: false },
  "actionItem.update": { admin: true, leadership: true, lead: "ledParty", contributor: false, auditor: false },
  "plan.read": { admin: true, leadership: true, lead: true, contributor: true, auditor: true },
  "plan.manage": { admin: true, leadership: true, lead: true, contributor: false, auditor: false },
  "plan.approve": { admin: false, leadership: true, lead: false, contributor: false, auditor: false },
  "plan.acknowledge": { admin: true, leadership: true, lead: true, contributor: true, auditor: false },
  "drill.read": { admin: true, leadership: true, lead: true, contributor: true, auditor: true },
  "drill.manage": { admin: true, leadership: true, lead: true, contributor: false, auditor: false },
  "drill.approveAar": { admin: false, leadership: true, lead: false, contributor: false, auditor: false },
  "dashboard.read": { admin: true, leadership: true, lead: true, contributor: true, auditor: true },
  "advisory.read": { admin: true, leadership: true, lead: true, contributor: true, auditor: true },
  "advisory.import": { admin: true, leadership: false, lead: true, contributor: false, auditor: false },
  "advisory.match": { admin: true, leadership: false, lead: "ledParty", contributor: false, auditor: false },
  "advisory.reviewMatch": { admin: true, leadership: false, lead: "ledParty", contributor: false, auditor: false },
  "advisory.recordOemPosition": { admin: true, leadership: false, lead: "ledParty", contributor: false, auditor: false },
  "apiToken.manage": { admin: true, leadership: false, lead: false, contributor: false, auditor: false },
  "webhook.manage": { admin: true, leadership: false, lead: false, contributor: false, auditor: false },
  "inventory.read": { admin: true, leadership: true, lead: true, contributor: true, auditor: true },
  "inventory.import": { admin: true, leadership: false, lead: "ledParty", contributor: false, auditor: false },
  "inventory.edit": { admin: true, leadership: false, lead: "ledParty", contributor: false, auditor: false },
  "inventory.editNetwork": { admin: true, leadership: false, lead: "ledParty", contributor: false, auditor: false },
  "patch.read": { admin: true, leadership: true, lead: true, contributor: true, auditor: true },
  "patch.record": { admin: true, leadership: false, lead: "ledParty", contributor: false, auditor: false },
  "patch.defer": { admin: false, leadership: false, lead: "ledParty", contributor: false, auditor: false },
  "patch.policy": { admin: true, leadership: false, lead: false, contributor: false, auditor: false },
  "recall.read": { admin: true, leadership: true, lead: true, contributor: true, auditor: true },
  "recall.import": { admin: true, leadership: false, lead: "ledParty", contributor: false, auditor: false },
  "recall.review": { admin: true, leadership: false, lead: "ledParty", contributor: false, auditor: false },
  "recall.recordAction": { admin: true, leadership: false, lead: "ledParty", contributor: false, auditor: false },
  "supportDecision.create": { admin: true, leadership: false, lead: true, contributor: false, auditor: false },
  "supportDecision.approve": { admin: false, leadership: true, lead: false, contributor: false, auditor: false },
  "account.secure": { admin: true, leadership: true, lead: true, contributor: true, auditor: true },
  "account.mfaRequired": { admin: true, leadership: true, lead: true, contributor: false, auditor: false },
};

const cases = ACTIONS.flatMap((action) => ROLES.map((role) => [action, role, EXPECTED[action][role]] as const));

describe("permission table: every role × every action", () => {
  test("the expected matrix covers exactly the actions that exist", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...ACTIONS].sort());
  });

  test.each(cases)("%s by %s → %s", (action, role, expected) => {
    const actor = { roles: [role], leadOfPartyIds: [7] };
    if (expected === "ledParty") {
      expect(can(actor, action, { partyId: 7 })).toBe(true);
      expect(can(actor, action, { partyId: 8 })).toBe(false);
      expect(can(actor, action)).toBe(false);
    } else {
      expect(can(actor, action, { partyId: 7 })).toBe(expected);
    }
  });

  test("no actor may do anything", () => {
    for (const a of ACTIONS) expect(can(null, a)).toBe(false);
  });

  test("several roles: any grant is enough", () => {
    expect(can({ roles: ["auditor", "contributor"], leadOfPartyIds: [] }, "signature.sign")).toBe(true);
    expect(can({ roles: ["auditor", "contributor"], leadOfPartyIds: [] }, "user.manage")).toBe(false);
  });

  test.each<[Role[], boolean]>([
    [["auditor"], true],
    [["contributor"], false],
    [["lead"], false],
    [["leadership"], false],
    [["admin"], false],
    [["auditor", "contributor"], false],
  ])("read-only access (no grant changes governed data): %j → %s", (roles, expected) => {
    expect(hasReadOnlyAccess({ roles, leadOfPartyIds: [] })).toBe(expected);
  });

  test("assertCan throws FORBIDDEN with the sentence users see", () => {
    const actor = { id: 1, email: "a@x", name: "A", roles: ["contributor"] as Role[], partyId: null, leadOfPartyIds: [] };
    expect(() => assertCan(actor, "site.manage")).toThrowError(new AppError("FORBIDDEN", "You don't have permission to do this."));
    try {
      assertCan(actor, "site.manage");
    } catch (e) {
      expect((e as AppError).code).toBe("FORBIDDEN");
    }
  });
});
