import type { Role } from "@/db/schema/enums";
import { FORBIDDEN_MESSAGE, AppError } from "@/lib/errors";

/** Who is acting. Built from the session on every request; services never trust client-sent identity. */
export interface Actor {
  id: number;
  email: string;
  name: string;
  roles: readonly Role[];
  partyId: number | null;
  /** Parties this user leads (parties.lead_user_id). */
  leadOfPartyIds: readonly number[];
  /** A site-scoped user sees only this site's figures on the dashboard and board report; null/absent: all sites. */
  siteId?: number | null;
}

/**
 * Every action a user can attempt. Reads of the organization's structure are open to every signed-in
 * role; changes are narrow. Auditors read everything and change nothing (HIPAA 164.312(b) review).
 */
export const ACTIONS = [
  "org.read",
  "site.manage",
  "party.manage",
  "user.read",
  "user.manage",
  "deviceClass.manage",
  "settings.manage",
  "audit.read",
  "audit.verify",
  "signature.sign",
  "raci.read",
  "raci.editTemplate",
  "activity.manage",
  "raci.editCell",
  "raci.submit",
  "raci.sign",
  "raci.return",
  "raci.returnAny",
  "raci.approve",
  "assessment.read",
  "assessment.create",
  "assessment.answer",
  "assessment.coordinate",
  "assessment.review",
  "assessment.approve",
  "actionItem.create",
  "actionItem.update",
  "plan.read",
  "plan.manage",
  "plan.approve",
  "plan.acknowledge",
  "drill.read",
  "drill.manage",
  "drill.approveAar",
  "dashboard.read",
  "advisory.read",
  "advisory.import",
  "advisory.match",
  "advisory.reviewMatch",
  "advisory.recordOemPosition",
  "apiToken.manage",
  "webhook.manage",
  "inventory.read",
  "inventory.import",
  "inventory.edit",
  "inventory.editNetwork",
  "patch.read",
  "patch.record",
  "patch.defer",
  "patch.policy",
  "recall.read",
  "recall.import",
  "recall.review",
  "recall.recordAction",
  "supportDecision.create",
  "supportDecision.approve",
  "account.secure",
  "account.mfaRequired",
] as const;
export type Action = (typeof ACTIONS)[number];

/** `true`: granted. `"ledParty"`: granted only for a resource whose party the actor leads. */
type Grant = true | "ledParty";

export const PERMISSIONS: Record<Action, Partial<Record<Role, Grant>>> = {
  "org.read": { admin: true, leadership: true, lead: true, contributor: true, auditor: true },
  "site.manage": { admin: true },
  "party.manage": { admin: true },
  "user.read": { admin: true, auditor: true },
  "user.manage": { admin: true },
  "deviceClass.manage": { admin: true },
  "settings.manage": { admin: true },
  "audit.read": { admin: true, auditor: true },
  "audit.verify": { admin: true, auditor: true },
  "signature.sign": { admin: true, leadership: true, lead: true, contributor: true },
  // RACI (issue: party leads edit and sign for their own party only; leadership approves;
  // admins manage activities and the template; contributors read; auditors read everything).
  "raci.read": { admin: true, leadership: true, lead: true, contributor: true, auditor: true },
  "raci.editTemplate": { admin: true },
  "activity.manage": { admin: true },
  "raci.editCell": { admin: true, lead: "ledParty" },
  "raci.submit": { admin: true, lead: true },
  "raci.sign": { leadership: true, lead: true },
  "raci.return": { admin: true, leadership: true, lead: true },
  // Returning a version one is not a required signer of; a lead returns only versions they must sign (service rule).
  "raci.returnAny": { admin: true, leadership: true },
  // The leadership approval slot of a RACI version (any leadership user fills it).
  "raci.approve": { leadership: true },
  // CSF assessments: who may answer is further limited to the function's assignees (service rule).
  "assessment.read": { admin: true, leadership: true, lead: true, contributor: true, auditor: true },
  "assessment.create": { admin: true, leadership: true, lead: true },
  "assessment.answer": { admin: true, leadership: true, lead: true, contributor: true },
  // Coordinators answer every function, rate the Tier and submit any assessment (besides its author and assignees).
  "assessment.coordinate": { admin: true },
  // Review by someone who did not edit it; approval (an e-signature) by leadership, never the author.
  "assessment.review": { leadership: true, lead: true },
  "assessment.approve": { leadership: true },
  "actionItem.create": { admin: true, leadership: true, lead: true },
  // Status and closure of an item: its owner party's lead (and admins, leadership). The person an item
  // is assigned to may also update it: a service rule (lib/services/drills/action-items.ts).
  "actionItem.update": { admin: true, leadership: true, lead: "ledParty" },
  // Response plans and drills: leads and leadership write them; leadership approves plans and AARs
  // (an e-signature, never by the author); acknowledging is limited to the people a plan names.
  "plan.read": { admin: true, leadership: true, lead: true, contributor: true, auditor: true },
  "plan.manage": { admin: true, leadership: true, lead: true },
  "plan.approve": { leadership: true },
  "plan.acknowledge": { admin: true, leadership: true, lead: true, contributor: true },
  "drill.read": { admin: true, leadership: true, lead: true, contributor: true, auditor: true },
  "drill.manage": { admin: true, leadership: true, lead: true },
  "drill.approveAar": { leadership: true },
  // The leadership dashboard and board report: every role may open them (leadership lands there).
  "dashboard.read": { admin: true, leadership: true, lead: true, contributor: true, auditor: true },
  // Advisories and the KEV catalog (issue #13): everyone reads them; party leads (the RACI names Information
  // Security or Clinical Engineering for "Monitor advisories … and match to inventory") and admins import them.
  "advisory.read": { admin: true, leadership: true, lead: true, contributor: true, auditor: true },
  "advisory.import": { admin: true, lead: true },
  // Matching advisories to devices (issue #13 item 2): Clinical Engineering identifies the devices; its lead re-runs
  // the matcher and confirms or dismisses possible matches (the party is resolved by lib/services/inventory/access.ts).
  "advisory.match": { admin: true, lead: "ledParty" },
  "advisory.reviewMatch": { admin: true, lead: "ledParty" },
  // The OEM's answer (item 3) is recorded by Clinical Engineering's lead or by the lead of the party the signed RACI
  // makes Accountable or Responsible for "OEM contract security terms" (GV.SC-05) for the model's device class.
  "advisory.recordOemPosition": { admin: true, lead: "ledParty" },
  // Integration API tokens (issue #14): only admins create, list and revoke them.
  "apiToken.manage": { admin: true },
  "webhook.manage": { admin: true },
  // Clinical asset inventory (issue #12): everyone reads (auditors included); the Clinical Engineering lead imports
  // from the CMMS and edits devices and models; the IT Infrastructure lead edits network facts. The party is
  // resolved by lib/services/inventory/access.ts.
  "inventory.read": { admin: true, leadership: true, lead: true, contributor: true, auditor: true },
  "inventory.import": { admin: true, lead: "ledParty" },
  "inventory.edit": { admin: true, lead: "ledParty" },
  "inventory.editNetwork": { admin: true, lead: "ledParty" },
  // The patch queue (issue #13 item 4): everyone reads it; the lead of the party the class's signed RACI names
  // Responsible or Accountable for patching records applied / not applicable (admins too, e.g. for a class with no
  // signed owner); only the Accountable party's lead defers, with an e-signature accepting the risk (21 CFR 11.50),
  // which nobody gives for another; admins set the policy's due days.
  "patch.read": { admin: true, leadership: true, lead: true, contributor: true, auditor: true },
  "patch.record": { admin: true, lead: "ledParty" },
  "patch.defer": { lead: "ledParty" },
  "patch.policy": { admin: true },
  // FDA recalls (issue #13 item 5): everyone reads; the Clinical Engineering lead imports them and confirms or
  // dismisses uncertain model matches (resolved by lib/services/inventory/access.ts); the lead of the party the
  // class's signed RACI makes Responsible for "Handle recalls and field safety notices" records the action on a
  // device (lib/services/recalls/route-recall.ts). Admins do all of it.
  "recall.read": { admin: true, leadership: true, lead: true, contributor: true, auditor: true },
  "recall.import": { admin: true, lead: "ledParty" },
  "recall.review": { admin: true, lead: "ledParty" },
  "recall.recordAction": { admin: true, lead: "ledParty" },
  // Replace or mitigate unsupported devices (issue #13 item 6): party leads and admins propose; leadership approves
  // with an e-signature (accepting the residual risk is a leadership decision, CSF GV.RM-02 / ID.RA-06).
  "supportDecision.create": { admin: true, lead: true },
  "supportDecision.approve": { leadership: true },
  // One's own password and authenticator (issue #14): every role, always on the actor's own account only.
  "account.secure": { admin: true, leadership: true, lead: true, contributor: true, auditor: true },
  // Not a thing one does but a duty of the role: when the MFA-for-signers setting is on, these roles must enrol
  // (lib/rules/mfa.ts): admins are privileged accounts (HHS 405(d) HICP, CISA CPG 2.H), leadership and leads sign
  // records that carry accountability. Kept in this table so that which role gets what is decided in one place.
  "account.mfaRequired": { admin: true, leadership: true, lead: true },
};

/** Actions that read or secure one's own account; every other action changes governed data. */
const NON_CHANGING: ReadonlySet<Action> = new Set(ACTIONS.filter((a) => a.endsWith(".read") || a === "audit.verify" || a.startsWith("account.")));

/**
 * True when none of the actor's roles grants a change to governed data: read-only access, as auditors have
 * (HIPAA 164.312(b) review: they read everything and change nothing). Derived from the table, not from a role name.
 */
export function hasReadOnlyAccess(actor: Pick<Actor, "roles" | "leadOfPartyIds">): boolean {
  return !ACTIONS.some((a) => !NON_CHANGING.has(a) && actor.roles.some((r) => PERMISSIONS[a][r] !== undefined));
}

export interface ResourceScope {
  partyId?: number | null;
}

/** The one predicate. Pure: the table above plus the actor and, where a grant is scoped, the resource. */
export function can(actor: Pick<Actor, "roles" | "leadOfPartyIds"> | null | undefined, action: Action, resource?: ResourceScope): boolean {
  if (!actor) return false;
  const grants = PERMISSIONS[action];
  for (const role of actor.roles) {
    const grant = grants[role];
    if (grant === true) return true;
    if (grant === "ledParty" && resource?.partyId != null && actor.leadOfPartyIds.includes(resource.partyId)) return true;
  }
  return false;
}

export function assertCan(actor: Actor | null | undefined, action: Action, resource?: ResourceScope): asserts actor is Actor {
  if (!can(actor, action, resource)) throw new AppError("FORBIDDEN", FORBIDDEN_MESSAGE);
}

/**
 * Site scope: a user limited to one site (users.site_id) reaches only that site's records and the organization-wide
 * ones (siteId null). Every service that loads or creates a site's drill, plan or assessment checks it; outside the
 * scope a record answers "not found", as if it did not exist (issue #10, authorization matrix).
 * "system": a caller that already checked the scope (e.g. re-reading a record inside the same use case).
 */
export function inSiteScope(actor: { siteId?: number | null } | "system", siteId: number | null | undefined): boolean {
  if (actor === "system" || actor.siteId == null) return true;
  return siteId == null || siteId === actor.siteId;
}

export function assertInSiteScope(actor: { siteId?: number | null } | "system", siteId: number | null | undefined, what: string): void {
  if (!inSiteScope(actor, siteId)) throw new AppError("NOT_FOUND", `This ${what} was not found.`);
}

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Admin",
  leadership: "Leadership",
  lead: "Party lead",
  contributor: "Contributor",
  auditor: "Auditor",
};
