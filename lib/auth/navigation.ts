import { can, type Action, type Actor } from "./permissions";

/** Navigation shows only what exists and what the actor may open. */
const NAV: { href: string; label: string; requires: Action }[] = [
  { href: "/", label: "Home", requires: "org.read" },
  { href: "/dashboard", label: "Dashboard", requires: "dashboard.read" },
  { href: "/inventory", label: "Inventory", requires: "inventory.read" },
  { href: "/raci", label: "Responsibilities", requires: "raci.read" },
  { href: "/assessments", label: "Assessments", requires: "assessment.read" },
  { href: "/plans", label: "Response plans", requires: "plan.read" },
  { href: "/drills", label: "Drills", requires: "drill.read" },
  { href: "/actions", label: "Action items", requires: "drill.read" },
  { href: "/advisories", label: "Advisories", requires: "advisory.read" },
  { href: "/patches", label: "Patches", requires: "patch.read" },
  { href: "/recalls", label: "Recalls", requires: "recall.read" },
  { href: "/organization", label: "Organization", requires: "org.read" },
  { href: "/admin/users", label: "Users", requires: "user.read" },
  { href: "/admin/sso", label: "Single sign-on", requires: "user.manage" },
  { href: "/admin/tokens", label: "API tokens", requires: "apiToken.manage" },
  { href: "/admin/webhooks", label: "Webhooks", requires: "webhook.manage" },
  { href: "/audit", label: "Audit trail", requires: "audit.read" },
];

export function navigationFor(actor: Actor): { href: string; label: string }[] {
  return NAV.filter((n) => can(actor, n.requires)).map(({ href, label }) => ({ href, label }));
}
