import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  advisories,
  advisoryImports,
  advisoryProducts,
  advisoryRemediations,
  advisoryVulnerabilities,
  kevEntries,
  users,
  vulnerabilityProductStatus,
} from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import { parseVersionSpec } from "@/lib/rules/advisory-version";
import { severityOf } from "@/lib/rules/patch-priority";

/**
 * One advisory as a person reads it: the document and its revisions, each product with how Clearline reads its
 * version text, and each vulnerability with CVSS, known-exploited status, affected/fixed products and remediations.
 */
export function getAdvisory(db: Db, actor: Actor, id: number) {
  assertCan(actor, "advisory.read");
  const a = db.select().from(advisories).where(eq(advisories.id, id)).get();
  if (!a) throw notFound("advisory");
  const products = db.select().from(advisoryProducts).where(eq(advisoryProducts.advisoryId, id)).orderBy(asc(advisoryProducts.id)).all();
  const vulns = db.select().from(advisoryVulnerabilities).where(eq(advisoryVulnerabilities.advisoryId, id)).orderBy(asc(advisoryVulnerabilities.ordinal)).all();
  const vulnIds = vulns.map((v) => v.id);
  const statuses = vulnIds.length ? db.select().from(vulnerabilityProductStatus).where(inArray(vulnerabilityProductStatus.vulnerabilityId, vulnIds)).all() : [];
  const remediations = vulnIds.length
    ? db.select().from(advisoryRemediations).where(inArray(advisoryRemediations.vulnerabilityId, vulnIds)).orderBy(asc(advisoryRemediations.id)).all()
    : [];
  const cves = vulns.map((v) => v.cve).filter((c): c is string => Boolean(c));
  const kev = cves.length
    ? db
        .select()
        .from(kevEntries)
        .where(and(inArray(kevEntries.cve, cves), isNull(kevEntries.removedAt)))
        .all()
    : [];
  const kevBy = new Map(kev.map((k) => [k.cve, k]));
  const productName = new Map(products.map((p) => [p.id, `${p.productName}${p.versionText ? ` ${p.versionText}` : ""}`]));
  const imports = db
    .select({
      at: advisoryImports.importedAt,
      version: advisoryImports.version,
      outcome: advisoryImports.outcome,
      fileName: advisoryImports.fileName,
      by: users.name,
    })
    .from(advisoryImports)
    .innerJoin(users, eq(users.id, advisoryImports.importedBy))
    .where(eq(advisoryImports.advisoryId, id))
    .orderBy(asc(advisoryImports.id))
    .all();
  return {
    advisory: { ...a, revisions: JSON.parse(a.revisions) as { number: string; date: string; summary: string }[] },
    products: products.map((p) => {
      const spec = p.versionText === null ? null : parseVersionSpec(p.versionText);
      const reading = !spec
        ? "no version given"
        : spec.kind === "all"
          ? "every version"
          : spec.kind === "unparsed"
            ? `read by a person: ${spec.reason}`
            : "read exactly";
      return { ...p, reading, exact: spec?.kind !== "unparsed" };
    }),
    vulnerabilities: vulns.map((v) => ({
      ...v,
      severity: v.cvssScore === null ? null : severityOf(v.cvssScore),
      kev: v.cve ? (kevBy.get(v.cve) ?? null) : null,
      affected: statuses.filter((s) => s.vulnerabilityId === v.id && s.status === "known_affected").map((s) => productName.get(s.productId) ?? ""),
      fixed: statuses
        .filter((s) => s.vulnerabilityId === v.id && (s.status === "fixed" || s.status === "first_fixed"))
        .map((s) => productName.get(s.productId) ?? ""),
      notAffected: statuses.filter((s) => s.vulnerabilityId === v.id && s.status === "known_not_affected").map((s) => productName.get(s.productId) ?? ""),
      remediations: remediations.filter((r) => r.vulnerabilityId === v.id).map((r) => ({ category: r.category, details: r.details, url: r.url })),
    })),
    imports,
  };
}
