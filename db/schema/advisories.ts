import { sql } from "drizzle-orm";
import { check, index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { inList } from "./enums";
import { users } from "./auth";

/**
 * DOMAIN.md "Advisory": vulnerability notices, above all CISA's medical advisories (ICSMA) in CSAF 2.0, and CISA's
 * Known Exploited Vulnerabilities catalog. This is the advisory side of issue #13; matching to the inventory's
 * models and devices, OEM positions and the patch queue stand on it.
 *
 * Advisory content is the publisher's, not governed data: a newer revision replaces the product status and
 * remediations, keeps product rows (matches will point at them; a product gone from a newer revision is marked
 * `removed_in_version`, never deleted) and records every import in `advisory_imports`.
 */
export const REMEDIATION_CATEGORY_IDS = ["vendor_fix", "mitigation", "workaround", "none_available", "no_fix_planned"] as const;
export const PRODUCT_STATUS_IDS = [
  "known_affected",
  "fixed",
  "known_not_affected",
  "first_affected",
  "last_affected",
  "first_fixed",
  "recommended",
  "under_investigation",
] as const;
export const VERSION_KINDS = ["product_version", "product_version_range"] as const;

export const advisories = sqliteTable(
  "advisories",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** CSAF document.tracking.id, e.g. ICSMA-23-194-01. */
    trackingId: text("tracking_id").notNull(),
    title: text("title").notNull(),
    publisher: text("publisher").notNull(),
    /** YYYY-MM-DD (UTC): the FDA clocks count from the initial release. */
    initialReleaseDate: text("initial_release_date").notNull(),
    currentReleaseDate: text("current_release_date").notNull(),
    /** CSAF tracking.version of the stored revision. */
    version: text("version").notNull(),
    /** JSON: [{ number, date, summary }] from the document's revision history. */
    revisions: text("revisions").notNull().default("[]"),
    /** SHA-256 of the canonical JSON of the stored document: the same file again changes nothing. */
    contentSha256: text("content_sha256").notNull(),
    importedBy: integer("imported_by")
      .notNull()
      .references(() => users.id),
    importedAt: text("imported_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [uniqueIndex("advisories_tracking_unique").on(sql`upper(${t.trackingId})`), index("advisories_release_idx").on(t.initialReleaseDate)],
);

/** Every import of an advisory file: who, when, which revision, and what it changed. Never updated. */
export const advisoryImports = sqliteTable(
  "advisory_imports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    advisoryId: integer("advisory_id")
      .notNull()
      .references(() => advisories.id),
    version: text("version").notNull(),
    currentReleaseDate: text("current_release_date").notNull(),
    fileName: text("file_name").notNull(),
    fileSha256: text("file_sha256").notNull(),
    /** "created" | "updated" */
    outcome: text("outcome", { enum: ["created", "updated"] }).notNull(),
    importedBy: integer("imported_by")
      .notNull()
      .references(() => users.id),
    importedAt: text("imported_at").notNull(),
  },
  (t) => [index("advisory_imports_advisory_idx").on(t.advisoryId), check("advisory_imports_outcome_check", inList(t.outcome, ["created", "updated"]))],
);

export const advisoryProducts = sqliteTable(
  "advisory_products",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    advisoryId: integer("advisory_id")
      .notNull()
      .references(() => advisories.id),
    /** The CSAF product id within its advisory, e.g. CSAFPID-0001. */
    productKey: text("product_key").notNull(),
    vendor: text("vendor").notNull(),
    productName: text("product_name").notNull(),
    versionText: text("version_text"),
    versionKind: text("version_kind", { enum: VERSION_KINDS }),
    fullName: text("full_name").notNull(),
    /** Set when a newer revision no longer lists the product. */
    removedInVersion: text("removed_in_version"),
  },
  (t) => [
    uniqueIndex("advisory_products_key_unique").on(t.advisoryId, t.productKey),
    index("advisory_products_vendor_idx").on(t.vendor),
    check("advisory_products_version_kind_check", sql`${t.versionKind} is null or ${inList(t.versionKind, VERSION_KINDS)}`),
  ],
);

export const advisoryVulnerabilities = sqliteTable(
  "advisory_vulnerabilities",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    advisoryId: integer("advisory_id")
      .notNull()
      .references(() => advisories.id),
    /** Position in the document (1-based): the key for a vulnerability without a CVE. */
    ordinal: integer("ordinal").notNull(),
    cve: text("cve"),
    cweId: text("cwe_id"),
    cweName: text("cwe_name"),
    title: text("title"),
    summary: text("summary"),
    cvssScore: real("cvss_score"),
    cvssVector: text("cvss_vector"),
    /** The base score recomputed from the vector by a CVSS library; differs from cvss_score only when the publisher's is wrong. */
    cvssComputed: real("cvss_computed"),
  },
  (t) => [
    uniqueIndex("advisory_vulnerabilities_ordinal_unique").on(t.advisoryId, t.ordinal),
    index("advisory_vulnerabilities_cve_idx").on(t.cve),
    check("advisory_vulnerabilities_cvss_check", sql`${t.cvssScore} is null or (${t.cvssScore} >= 0 and ${t.cvssScore} <= 10)`),
  ],
);

/** CSAF product_status: which products each vulnerability affects, fixes or does not affect. */
export const vulnerabilityProductStatus = sqliteTable(
  "vulnerability_product_status",
  {
    vulnerabilityId: integer("vulnerability_id")
      .notNull()
      .references(() => advisoryVulnerabilities.id),
    productId: integer("product_id")
      .notNull()
      .references(() => advisoryProducts.id),
    status: text("status", { enum: PRODUCT_STATUS_IDS }).notNull(),
  },
  (t) => [
    uniqueIndex("vulnerability_product_status_unique").on(t.vulnerabilityId, t.productId, t.status),
    index("vulnerability_product_status_product_idx").on(t.productId),
    check("vulnerability_product_status_check", inList(t.status, PRODUCT_STATUS_IDS)),
  ],
);

export const advisoryRemediations = sqliteTable(
  "advisory_remediations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    vulnerabilityId: integer("vulnerability_id")
      .notNull()
      .references(() => advisoryVulnerabilities.id),
    category: text("category", { enum: REMEDIATION_CATEGORY_IDS }).notNull(),
    details: text("details").notNull(),
    url: text("url"),
    /** JSON array of advisory_products ids the remediation applies to. */
    productIds: text("product_ids").notNull().default("[]"),
  },
  (t) => [
    index("advisory_remediations_vulnerability_idx").on(t.vulnerabilityId),
    check("advisory_remediations_category_check", inList(t.category, REMEDIATION_CATEGORY_IDS)),
  ],
);

/**
 * CISA's Known Exploited Vulnerabilities catalog (BOD 22-01), one row per CVE. Each import of the whole catalog
 * upserts its entries; an entry the newer catalog no longer lists gets `removed_at` (CISA withdraws a few) and is no
 * longer "known exploited". Rows are never deleted.
 */
export const kevEntries = sqliteTable(
  "kev_entries",
  {
    cve: text("cve").primaryKey(),
    vendorProject: text("vendor_project").notNull(),
    product: text("product").notNull(),
    name: text("name").notNull(),
    dateAdded: text("date_added").notNull(),
    dueDate: text("due_date").notNull(),
    ransomwareUse: text("ransomware_use").notNull(),
    shortDescription: text("short_description").notNull(),
    requiredAction: text("required_action").notNull(),
    catalogVersion: text("catalog_version").notNull(),
    importedAt: text("imported_at").notNull(),
    removedAt: text("removed_at"),
  },
  (t) => [index("kev_entries_added_idx").on(t.dateAdded)],
);
