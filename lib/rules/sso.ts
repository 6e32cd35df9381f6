import type { Role } from "@/db/schema/enums";

/**
 * Whether an email's domain is one the installation provisions from its identity provider. Exact domain match
 * (a subdomain is another organization's to vouch for), case-insensitive.
 */
export function emailDomainAllowed(email: string, allowedDomains: readonly string[]): boolean {
  const at = email.lastIndexOf("@");
  if (at < 1) return false;
  const domain = email.slice(at + 1).toLowerCase();
  return allowedDomains.includes(domain);
}

export interface GroupMapping {
  groupName: string;
  role: Role | null;
  partyId: number | null;
}

/**
 * What the provider's groups grant: the roles of every mapped group (they add up) and the party of the first mapped
 * group by name that names one. `mapped` false: none of the groups is mapped, so what an admin set stays as it is.
 * Group names compare exactly: Entra ID sends object ids, Okta and Keycloak names, and both are case-sensitive.
 */
export function grantsFromGroups(groups: readonly string[], mappings: readonly GroupMapping[]): { mapped: boolean; roles: Role[]; partyId: number | null } {
  const hits = mappings.filter((m) => groups.includes(m.groupName)).sort((a, b) => (a.groupName < b.groupName ? -1 : a.groupName > b.groupName ? 1 : 0));
  const roles = [...new Set(hits.flatMap((m) => (m.role ? [m.role] : [])))];
  const partyId = hits.find((m) => m.partyId != null)?.partyId ?? null;
  return { mapped: hits.length > 0, roles, partyId };
}

/** The groups claim as a list of strings, whatever shape the provider sent (array, one string, absent). */
export function groupsFromClaim(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  if (typeof value === "string" && value) return [value];
  return [];
}
