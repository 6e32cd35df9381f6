/**
 * The health-system-scale dataset behind `npm run seed:large` (issue #6 item 3): 30 sites, 300 device
 * classes, 7 parties with leads, ~60 users, 40 activities, RACI versions in every state, 60 CSF
 * assessments with all 106 answers, 20 response plans, 2,000 drills, 10,000 improvement items and
 * 500,000 audit entries — deterministic for a given seed and base date, and loaded in a few big
 * transactions.
 *
 * Rows are written directly, in the final state the services would have left them, with the audit
 * entries and electronic signatures those services write, through the drizzle schema (typed rows, db/seed/rows.ts
 * shared with the demo, and db/seed/bulk-insert.ts for speed). Signatures are built with the app's own
 * signing code over the app's own signed-content functions, and the audit trail is a valid HMAC chain
 * under the app's audit key, computed in-process with a running head (appendAudit re-reads the head for
 * every row, which is too slow for half a million entries). Insert order respects the triggers: a
 * drill's objectives and findings are written before its AAR is approved, signed rows are never
 * updated, nothing is deleted.
 */
import { hash as argon2Hash } from "@node-rs/argon2";
import type Database from "better-sqlite3";
import { createHash } from "node:crypto";
import type { Db } from "@/db/client";
import * as schema from "@/db/schema";
import { planVersions, responsePlans, type Role } from "@/db/schema";
import { bulkInserter, sqliteOf } from "../bulk-insert";
import { activityRow, deviceClassRow, partyRow, siteRow, templateCellRows, userRow } from "../rows";
import { DEMO_PARTIES } from "@/db/seed/demo-data";
import { DEFAULT_ACTIVITIES } from "@/db/seed/raci-data";
import { CSF_FUNCTIONS, CSF_SUBCATEGORIES } from "@/lib/csf/catalog";
import { QUICK_CHECKS } from "@/lib/csf/quick-checks";
import { entryHash, GENESIS_HASH, headMac } from "@/lib/rules/audit-chain";
import { canonicalJson } from "@/lib/rules/canonical";
import { requiredAcknowledgers } from "@/lib/rules/plans";
import {
  cellAt,
  MEANINGS,
  requiredSigners,
  resolveMatrix,
  snapshotOf,
  validateMatrix,
  type CellValue,
  type Letter,
  type ResolvedMatrix,
  type SignerPlan,
} from "@/lib/rules/raci";
import { buildSignature, type StoredSignature } from "@/lib/rules/signature";
import { loadSecrets } from "@/lib/server/config";
import { ASSESSMENT_ENTITY, assessmentSignedContent } from "@/lib/services/assessments/assessment-approval";
import { aarSignedContent, DRILL_ENTITY } from "@/lib/services/drills/drill-records";
import { classScope, loadActivities, loadParties, loadTemplate, RACI_ENTITY, signedContent } from "@/lib/services/raci/raci-records";
import { PLAN_ENTITY, planSignedContent } from "@/lib/services/plans/plan-records";
import { eq } from "drizzle-orm";
import {
  CLOSURE_EVIDENCE,
  CONTRIBUTOR_PARTIES,
  CONTRIBUTOR_TITLES,
  CORE_USERS,
  EXTRA_ACTIVITIES,
  FIRST_NAMES,
  ITEM_TITLES,
  LARGE_EMAIL_DOMAIN,
  LARGE_ORG,
  LARGE_TOWNS,
  LAST_NAMES,
  OBJECTIVES,
  OBSERVATIONS,
  PLAN_SCENARIOS,
  RECOMMENDATIONS,
  RETURN_COMMENTS,
  ROOT_CAUSES,
  ROOT_CLASSES,
  SCENARIO_SHORT,
  STRENGTHS,
  TIER_RATIONALES,
  VENDORS,
  type PartyKey,
} from "./data";
import { makeRng, type Rng } from "../prng";
import { clock } from "@/lib/clock";
import type { AuditEvent as AuditEventName } from "@/lib/services/audit/audit-events";

/** The base date of the default run: every date in the dataset is relative to it. */
export const LARGE_DEFAULT_NOW = "2026-11-01T00:00:00.000Z";
export const LARGE_DEFAULT_SEED = 20261101;
/** Every user of the large dataset signs in with this password (e.g. cio@meridian.example). */
export const LARGE_PASSWORD = "meridian-large-2026";
export { LARGE_EMAIL_DOMAIN, LARGE_ORG };

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;
/** The argon2id parameters of lib/auth/password-hash.ts, with a salt derived from the seed so the file is reproducible. */
const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export interface LargeCounts {
  sites: number;
  deviceClasses: number;
  parties: number;
  users: number;
  activities: number;
  assessments: number;
  plans: number;
  drills: number;
  actionItems: number;
  auditEntries: number;
}

/** The target counts at a scale (1 = the full health system). Parties and activities do not scale. */
export function largeCounts(scale: number): LargeCounts {
  if (!(scale > 0) || !Number.isFinite(scale)) throw new RangeError(`scale must be a positive number, got ${scale}`);
  const s = (n: number, min: number) => Math.max(min, Math.round(n * scale));
  return {
    sites: Math.min(LARGE_TOWNS.length, s(30, 2)),
    deviceClasses: s(300, 4),
    parties: 7,
    users: s(60, CORE_USERS.length + 3),
    activities: DEFAULT_ACTIVITIES.length + EXTRA_ACTIVITIES.length,
    assessments: s(60, 3),
    plans: s(20, 2),
    drills: s(2000, 10),
    actionItems: s(10_000, 20),
    auditEntries: s(500_000, 0),
  };
}

export interface LargeOptions {
  /** 1 = 30 sites, 300 classes, 2,000 drills, 10,000 items, 500,000 audit entries. */
  scale?: number;
  /** The base date: "today" of the dataset. */
  now?: Date;
  seed?: number;
  onProgress?: (message: string) => void;
}

export interface LargeResult {
  counts: LargeCounts;
  /** What the states came out as (for the summary). */
  stats: {
    raci: { versions: number; effective: number; inReview: number; returned: number; classesWithViolations: number };
    assessments: { approved: number; inReview: number; inProgress: number };
    drills: { drills: number; items: number; overdueItems: number };
  };
  /** Rows per table after the load. */
  tables: Record<string, number>;
  auditEntries: number;
  /** Audit entries recording domain events (the rest are sign-in/sign-out history). */
  domainAuditEntries: number;
  lastAuditHash: string;
}

// ---------------------------------------------------------------------------------------------
// Records kept in memory while generating
// ---------------------------------------------------------------------------------------------
interface UserRec {
  id: number;
  email: string;
  name: string;
  title: string;
  roles: Role[];
  party: PartyKey | null;
  leads: PartyKey | null;
}
interface SiteRec {
  id: number;
  name: string;
  code: string;
  kind: "hospital" | "clinic" | "campus";
}
interface ClassRec {
  id: number;
  parentId: number | null;
  name: string;
  rootIndex: number;
  criticality: string;
}
interface Override {
  activityId: number;
  partyId: number;
  letter: Letter | null;
  t: number;
  by: UserRec;
}
interface AuditEvent {
  t: number;
  i: number;
  actor: UserRec | null;
  action: AuditEventName;
  entityType: string;
  entityId: string;
  oldValues: string | null;
  newValues: string | null;
}
interface PlanRec {
  id: number;
  siteId: number | null;
  firstApprovedAt: number;
  classIds: number[];
}

const iso = (t: number) => new Date(t).toISOString();
const dateOf = (t: number) => iso(t).slice(0, 10);
const ids = (xs: readonly number[]) => JSON.stringify([...new Set(xs)].sort((a, b) => a - b));

/**
 * Fills an EMPTY database (migrations applied) with the large dataset. Secrets come from loadSecrets():
 * run it with DATABASE_PATH (or test secrets) set the way the app will load them, or the audit chain
 * and signatures will not verify.
 */
export async function generateLargeDataset(db: Db, opts: LargeOptions = {}): Promise<LargeResult> {
  const scale = opts.scale ?? 1;
  const nowDate = opts.now ?? new Date(LARGE_DEFAULT_NOW);
  const seed = opts.seed ?? LARGE_DEFAULT_SEED;
  const progress = opts.onProgress ?? (() => {});
  const counts = largeCounts(scale);
  const now = nowDate.getTime();
  if (!Number.isFinite(now)) throw new RangeError("now is not a valid date");
  // Transactions are better-sqlite3's own (synchronous, a few big ones); rows still go through the schema.
  const sqlite = sqliteOf(db);
  if (db.select({ id: schema.organization.id }).from(schema.organization).get())
    throw new Error("The database is not empty: the large dataset is generated into a new database only.");

  const secrets = loadSecrets();
  const rng = (label: string) => makeRng(seed, label);
  // The history starts ~3.2 years before `now`: set-up, then RACI sign-off, then three years of drills.
  const t0 = now - 1170 * DAY;

  // One hash for everyone, with a deterministic salt: the file is byte-for-byte reproducible.
  const salt = createHash("sha256").update(`clearline-large:${seed}`).digest().subarray(0, 16);
  const passwordHash = await argon2Hash(LARGE_PASSWORD, { ...ARGON2, salt });

  // -------------------------------------------------------------------------------------------
  // Audit events are collected with their time and written at the end, in time order, as one chain.
  // -------------------------------------------------------------------------------------------
  const events: AuditEvent[] = [];
  const audit = (
    t: number,
    actor: UserRec | null,
    action: AuditEventName,
    entityType: string,
    entityId: string | number,
    newValues?: unknown,
    oldValues?: unknown,
  ) => {
    if (t > now) throw new Error(`internal: ${action} dated after the base date (${iso(t)})`);
    events.push({
      t: Math.floor(t),
      i: events.length,
      actor,
      action,
      entityType,
      entityId: String(entityId),
      oldValues: oldValues === undefined ? null : canonicalJson(oldValues),
      newValues: newValues === undefined ? null : canonicalJson(newValues),
    });
  };

  // -------------------------------------------------------------------------------------------
  // Inserts through the schema: rows typed as each table's $inferInsert (db/seed/bulk-insert.ts)
  // -------------------------------------------------------------------------------------------
  const st = {
    org: bulkInserter(db, schema.organization),
    site: bulkInserter(db, schema.sites),
    party: bulkInserter(db, schema.parties),
    user: bulkInserter(db, schema.users),
    role: bulkInserter(db, schema.userRoles),
    cls: bulkInserter(db, schema.deviceClasses),
    activity: bulkInserter(db, schema.activities),
    templateCell: bulkInserter(db, schema.raciTemplateCells),
    override: bulkInserter(db, schema.raciOverrides),
    revision: bulkInserter(db, schema.raciRevisions),
    raciVersion: bulkInserter(db, schema.raciVersions),
    signature: bulkInserter(db, schema.signatures),
    plan: bulkInserter(db, schema.responsePlans),
    planVersion: bulkInserter(db, schema.planVersions),
    planAck: bulkInserter(db, schema.planAcknowledgements),
    siteRules: bulkInserter(db, schema.siteDrillSettings),
    assessment: bulkInserter(db, schema.assessments),
    assignee: bulkInserter(db, schema.assessmentAssignees),
    answer: bulkInserter(db, schema.assessmentAnswers),
    quickCheck: bulkInserter(db, schema.assessmentQuickChecks),
    functionReview: bulkInserter(db, schema.assessmentFunctionReviews),
    drill: bulkInserter(db, schema.drills),
    drillPlan: bulkInserter(db, schema.drillPlans),
    drillClass: bulkInserter(db, schema.drillClasses),
    participant: bulkInserter(db, schema.drillParticipants),
    objective: bulkInserter(db, schema.drillObjectives),
    finding: bulkInserter(db, schema.drillFindings),
    item: bulkInserter(db, schema.actionItems),
    audit: bulkInserter(db, schema.auditLog),
  };
  /** The single head row names the chain's last entry so far (as appendAudit leaves it). */
  const setAuditHead = (seq: number, hash: string, mac: string) =>
    db.insert(schema.auditHead).values({ id: 1, seq, hash, mac }).onConflictDoUpdate({ target: schema.auditHead.id, set: { seq, hash, mac } }).run();

  let signatureId = 0;
  const sign = (
    ref: { entityType: string; entityId: string },
    signer: UserRec,
    meaning: string,
    kind: "sign" | "reattest",
    t: number,
    content: unknown,
  ): StoredSignature & { id: number } => {
    const sig = buildSignature(secrets.signatureKey, ref, { signerId: signer.id, printedName: signer.name, meaning, kind, signedAt: iso(t) }, content);
    const id = ++signatureId;
    st.signature({
      id,
      entityType: sig.entityType,
      entityId: sig.entityId,
      signerId: sig.signerId,
      printedName: sig.printedName,
      meaning: sig.meaning,
      kind: sig.kind,
      signedAt: sig.signedAt,
      contentHash: sig.contentHash,
      sealMac: sig.sealMac,
      bindingMac: sig.bindingMac,
    });
    audit(t, signer, kind === "reattest" ? "RECORD_REATTESTED" : "RECORD_SIGNED", ref.entityType, ref.entityId, {
      signatureId: id,
      meaning,
      contentHash: sig.contentHash,
    });
    return { ...sig, id };
  };

  const started = clock.ms();
  const step = (label: string) => progress(`[${((clock.ms() - started) / 1000).toFixed(1).padStart(6)} s] ${label}`);

  // ===========================================================================================
  // 1. Organization, sites, parties, people, device classes, activities and the RACI template
  // ===========================================================================================
  const sites: SiteRec[] = [];
  const users: UserRec[] = [];
  const partyIds = new Map<PartyKey, number>();
  const classes: ClassRec[] = [];
  const byKey = new Map<string, UserRec>();
  const u = (key: string) => byKey.get(key)!;
  const leadOf = (party: PartyKey) => users.find((x) => x.leads === party)!;
  const partyKeyOf = new Map<number, PartyKey>();
  let leadership: UserRec[] = [];

  sqlite.transaction(() => {
    step("organization, sites, parties, users, device classes, activities");
    const r = rng("setup");
    st.org({ id: 1, name: LARGE_ORG, createdAt: iso(t0) });
    audit(t0, null, "ORGANIZATION_CREATED", "organization", 1, { name: LARGE_ORG, large: true });

    // Parties first (leads are set once the people exist).
    DEMO_PARTIES.forEach((p, i) => {
      const id = i + 1;
      st.party(partyRow(p, i + 1, iso(t0), id));
      partyIds.set(p.key, id);
      partyKeyOf.set(id, p.key);
      audit(t0 + MINUTE, null, "PARTY_CREATED", "party", id, { name: p.name, kind: p.kind });
    });

    // People: the core roles, then contributors spread over the parties.
    const contributorCount = counts.users - CORE_USERS.length;
    const partyBag: PartyKey[] = CONTRIBUTOR_PARTIES.flatMap(([k, w]) => Array.from({ length: w }, () => k));
    const namePairs = r.shuffle(FIRST_NAMES.flatMap((f) => LAST_NAMES.map((l) => [f, l] as const)));
    const makeUser = (rec: Omit<UserRec, "id">, at: number) => {
      const id = users.length + 1;
      const user: UserRec = { ...rec, id };
      users.push(user);
      st.user(userRow(user, passwordHash, user.party ? partyIds.get(user.party)! : null, iso(at), id));
      for (const role of user.roles) st.role({ userId: id, role });
      return user;
    };
    CORE_USERS.forEach((c, i) => {
      const at = t0 + 2 * HOUR + i * MINUTE;
      const user = makeUser(
        { email: `${c.key}@${LARGE_EMAIL_DOMAIN}`, name: c.name, title: c.title, roles: [c.role], party: c.party ?? null, leads: c.leads ?? null },
        at,
      );
      byKey.set(c.key, user);
      audit(at, c.key === "admin" ? null : u("admin"), "USER_CREATED", "user", user.id, {
        email: user.email,
        name: user.name,
        roles: user.roles,
        partyId: user.party ? partyIds.get(user.party)! : null,
      });
      if (c.leads) {
        const pid = partyIds.get(c.leads)!;
        db.update(schema.parties)
          .set({ leadUserId: user.id, updatedAt: iso(at) })
          .where(eq(schema.parties.id, pid))
          .run();
        audit(at, u("admin"), "PARTY_LEAD_SET", "party", pid, { leadUserId: user.id });
      }
    });
    for (let i = 0; i < contributorCount; i++) {
      const [first, last] = namePairs[i % namePairs.length]!;
      const party = partyBag[(i * 7) % partyBag.length]!;
      const at = t0 + r.int(1, 900) * DAY + r.int(8, 17) * HOUR;
      const suffix = i >= namePairs.length ? String(Math.floor(i / namePairs.length) + 1) : "";
      const user = makeUser(
        {
          email: `${first.toLowerCase()}.${last.toLowerCase()}${suffix}@${LARGE_EMAIL_DOMAIN}`,
          name: `${first} ${last}`,
          title: r.pick(CONTRIBUTOR_TITLES[party]),
          roles: ["contributor"],
          party,
          leads: null,
        },
        Math.min(at, now - 30 * DAY),
      );
      audit(Math.min(at, now - 30 * DAY), u("admin"), "USER_CREATED", "user", user.id, {
        email: user.email,
        name: user.name,
        roles: user.roles,
        partyId: partyIds.get(party)!,
      });
    }
    leadership = users.filter((x) => x.roles.includes("leadership"));

    // Sites: hospitals, clinics, campuses.
    const codes = new Set<string>();
    for (let i = 0; i < counts.sites; i++) {
      const town = LARGE_TOWNS[i]!;
      const kind: SiteRec["kind"] = i < 15 ? "hospital" : i < 27 ? "clinic" : "campus";
      const name =
        kind === "hospital"
          ? i % 2 === 0
            ? `${town} Medical Center`
            : `${town} Community Hospital`
          : kind === "clinic"
            ? `${town} Outpatient Clinic`
            : `${town} Medical Campus`;
      let code = `${town
        .replace(/[^A-Za-z]/g, "")
        .slice(0, 3)
        .toUpperCase()}${kind[0]!.toUpperCase()}`;
      for (let k = 2; codes.has(code); k++) code = `${code.slice(0, 4)}${k}`;
      codes.add(code);
      const id = i + 1;
      const at = t0 + HOUR + i * MINUTE;
      st.site(siteRow({ name, code, kind }, iso(at), id));
      sites.push({ id, name, code, kind });
      audit(at, u("admin"), "SITE_CREATED", "site", id, { name, code, kind });
    }

    // Device classes: ~30 roots, each with manufacturer lines, the first lines split by firmware.
    type Spec = { name: string; parent: number | null; rootIndex: number; depth: number };
    const specs: Spec[] = [];
    // About ten classes per root (a root, six manufacturer lines, three firmware splits), up to 30 roots.
    const rootCount = Math.min(ROOT_CLASSES.length, Math.ceil(counts.deviceClasses / 10));
    const perRoot = Math.max(1, Math.ceil(counts.deviceClasses / rootCount));
    for (let ri = 0; ri < ROOT_CLASSES.length && specs.length < counts.deviceClasses; ri++) {
      const base = ROOT_CLASSES[ri]!;
      const rootPos = specs.length;
      specs.push({ name: base.name, parent: null, rootIndex: ri, depth: 0 });
      const vendors = r.sample(VENDORS, 6);
      for (let c = 0; c < 6 && specs.length < counts.deviceClasses && specs.length - rootPos < perRoot; c++) {
        const childPos = specs.length;
        const model = `${vendors[c]!.slice(0, 1)}${r.int(1, 9)}${r.int(0, 9)}0`;
        specs.push({ name: `${base.name}: ${vendors[c]} ${model}`, parent: rootPos, rootIndex: ri, depth: 1 });
        if (c < 3 && specs.length < counts.deviceClasses && specs.length - rootPos < perRoot) {
          specs.push({ name: `${base.name}: ${vendors[c]} ${model}, firmware ${r.int(2, 9)}.x`, parent: childPos, rootIndex: ri, depth: 2 });
        }
      }
    }
    for (let ri = 0; specs.length < counts.deviceClasses; ri++) {
      // More classes than the roots hold: extra lines under the roots, round robin.
      const rootPos = specs.findIndex((s) => s.parent === null && s.rootIndex === ri % ROOT_CLASSES.length);
      specs.push({
        name: `${ROOT_CLASSES[ri % ROOT_CLASSES.length]!.name}: line ${specs.length}`,
        parent: rootPos,
        rootIndex: ri % ROOT_CLASSES.length,
        depth: 1,
      });
    }
    specs.forEach((s, i) => {
      const base = ROOT_CLASSES[s.rootIndex]!;
      const id = i + 1;
      const parentId = s.parent === null ? null : s.parent + 1;
      const at = t0 + 3 * HOUR + i * MINUTE;
      const crit = s.depth > 0 && r.chance(0.15) ? r.pick(["low", "moderate", "high", "critical"] as const) : base.criticality;
      const attrs = {
        name: s.name,
        description: s.depth === 0 ? base.description : "",
        regulated: base.regulated,
        fdaClass: base.fdaClass,
        connectivity: base.connectivity,
        remoteVendorAccess: base.remoteVendorAccess,
        storesPhi: base.storesPhi,
        lifeSustaining: base.lifeSustaining,
        criticality: crit,
      };
      st.cls(deviceClassRow(attrs, parentId, iso(at), id));
      classes.push({ id, parentId, name: s.name, rootIndex: s.rootIndex, criticality: crit });
      audit(at, u("ce.lead"), "DEVICE_CLASS_CREATED", "device_class", id, { ...attrs, parentId });
    });

    // Activities and the template: the 25 of DOMAIN.md, then 15 more.
    const allActs = [...DEFAULT_ACTIVITIES, ...EXTRA_ACTIVITIES];
    allActs.forEach((a, i) => {
      const id = i + 1;
      st.activity(activityRow(a, i + 1, iso(t0 + 4 * HOUR), id));
      for (const cell of templateCellRows(id, a, (key) => partyIds.get(key))) st.templateCell(cell);
    });
    audit(t0 + 4 * HOUR, u("admin"), "RACI_TEMPLATE_SEEDED", "raci_template", "template", { activities: allActs.length });
  })();

  // ===========================================================================================
  // 2. RACI: overrides, versions in every state, signatures, re-attestations
  // ===========================================================================================
  const acts = loadActivities(db);
  const parties = loadParties(db);
  const template = loadTemplate(db) as CellValue[];
  if (validateMatrix(resolveMatrix(template, []), acts, parties).length) throw new Error("internal: the large template breaks a RACI rule");
  const raciStats = { versions: 0, effective: 0, inReview: 0, returned: 0, classesWithViolations: 0 };

  sqlite.transaction(() => {
    step("RACI overrides, versions and signatures");
    const r = rng("raci");
    const classById = new Map(classes.map((c) => [c.id, c]));
    const children = new Map<number, number[]>();
    for (const c of classes) if (c.parentId) children.set(c.parentId, [...(children.get(c.parentId) ?? []), c.id]);
    const isLeaf = (id: number) => !children.has(id);
    const chainOf = (id: number): number[] => {
      const out: number[] = [];
      for (let cur: number | null = id; cur != null; cur = classById.get(cur)!.parentId) out.unshift(cur);
      return out;
    };
    const overrides = new Map<number, Override[]>();
    const resolveAt = (classId: number, t = Infinity): ResolvedMatrix =>
      resolveMatrix(
        template,
        chainOf(classId).map((id) => ({
          classId: id,
          className: classById.get(id)!.name,
          overrides: (overrides.get(id) ?? []).filter((o) => o.t <= t).map((o) => ({ activityId: o.activityId, partyId: o.partyId, letter: o.letter })),
        })),
      );
    const used = (classId: number, a: number, p: number) => (overrides.get(classId) ?? []).some((o) => o.activityId === a && o.partyId === p);
    const setCell = (classId: number, activityId: number, partyId: number, letter: Letter | null, t: number) => {
      const by = leadOf(partyKeyOf.get(partyId)!);
      overrides.set(classId, [...(overrides.get(classId) ?? []), { activityId, partyId, letter, t, by }]);
    };

    /** One change that keeps every rule: add an R, raise I to C, drop a C/I, or move the A (old A becomes R). */
    const safeChange = (classId: number, t: number, kinds: readonly ("addR" | "toC" | "drop" | "moveA")[] = ["addR", "toC", "drop", "moveA"]): boolean => {
      const m = resolveAt(classId);
      for (let attempt = 0; attempt < 20; attempt++) {
        const a = r.pick(acts).id;
        const letters = parties.map((p) => ({ p: p.id, l: cellAt(m, a, p.id).letter })).filter((x) => !used(classId, a, x.p));
        const kind = r.pick(kinds);
        if (kind === "addR") {
          const c = letters.filter((x) => x.l !== "A" && x.l !== "R");
          if (!c.length) continue;
          setCell(classId, a, r.pick(c).p, "R", t);
          return true;
        }
        if (kind === "toC") {
          const c = letters.filter((x) => x.l === "I");
          if (!c.length) continue;
          setCell(classId, a, r.pick(c).p, "C", t);
          return true;
        }
        if (kind === "drop") {
          const c = letters.filter((x) => x.l === "C" || x.l === "I");
          if (!c.length) continue;
          setCell(classId, a, r.pick(c).p, null, t);
          return true;
        }
        const acc = letters.find((x) => x.l === "A");
        const c = letters.filter((x) => x.l !== "A");
        if (!acc || !c.length) continue;
        setCell(classId, a, acc.p, "R", t);
        setCell(classId, a, r.pick(c).p, "A", t);
        return true;
      }
      return false;
    };
    /** A change that breaks a rule: a second Accountable party, or the only Responsible one removed. */
    const breakingChange = (classId: number, t: number) => {
      const m = resolveAt(classId);
      for (let attempt = 0; attempt < 50; attempt++) {
        const a = r.pick(acts).id;
        const letters = parties.map((p) => ({ p: p.id, l: cellAt(m, a, p.id).letter })).filter((x) => !used(classId, a, x.p));
        const rs = letters.filter((x) => x.l === "R");
        if (r.chance(0.5) && rs.length === 1 && parties.filter((p) => cellAt(m, a, p.id).letter === "R").length === 1) {
          setCell(classId, a, rs[0]!.p, "C", t);
          return;
        }
        const c = letters.filter((x) => x.l !== "A");
        if (c.length) {
          setCell(classId, a, r.pick(c).p, "A", t);
          return;
        }
      }
      throw new Error("internal: no rule-breaking change found");
    };

    // Categories, assigned by count so that every state exists at every scale.
    type Cat = "none" | "effective" | "effective2" | "in_review" | "returned" | "violation";
    const n = classes.length;
    const cat = new Map<number, Cat>();
    const leaves = r.shuffle(classes.filter((c) => isLeaf(c.id) && c.id !== 1).map((c) => c.id));
    const nViolation = Math.max(1, Math.round(n * 0.07));
    const nEffective2 = Math.round(n * 0.12);
    for (const id of leaves.slice(0, nViolation)) cat.set(id, "violation");
    for (const id of leaves.slice(nViolation, nViolation + nEffective2)) cat.set(id, "effective2");
    const rest = r.shuffle(classes.map((c) => c.id).filter((id) => !cat.has(id) && id !== 1));
    const nInReview = Math.max(1, Math.round(n * 0.08));
    const nReturned = Math.round(n * 0.03);
    const nNone = Math.round(n * 0.08);
    rest.forEach((id, i) =>
      cat.set(id, i < nInReview ? "in_review" : i < nInReview + nReturned ? "returned" : i < nInReview + nReturned + nNone ? "none" : "effective"),
    );
    cat.set(1, "effective");

    // Base overrides during the first year, parents before children (tree order = id order).
    for (const c of classes) {
      const k = cat.get(c.id)!;
      if (k === "none") continue;
      const changes = k === "effective" && r.chance(0.35) ? 0 : r.int(1, 3);
      for (let i = 0; i < changes; i++) safeChange(c.id, t0 + r.int(20, 300) * DAY + r.int(8, 17) * HOUR);
      if (validateMatrix(resolveAt(c.id), acts, parties).length) throw new Error(`internal: class ${c.id} breaks a rule after its base overrides`);
    }

    interface Version {
      id: number;
      classId: number;
      versionNo: number;
      status: "in_review" | "returned" | "effective" | "superseded";
      content: string;
      requiredSigners: string;
      plan: SignerPlan;
      submittedBy: UserRec;
      submittedAt: number;
      effectiveAt: number | null;
      lastAttestedAt: number | null;
      supersededAt: number | null;
      returnedBy: UserRec | null;
      returnedAt: number | null;
      returnComment: string | null;
    }
    const versions: Version[] = [];
    const versionsOf = (classId: number) => versions.filter((v) => v.classId === classId);
    let versionId = 0;

    const submit = (classId: number, t: number): Version => {
      const m = resolveAt(classId, t);
      const violations = validateMatrix(m, acts, parties);
      if (violations.length) throw new Error(`internal: class ${classId} submitted with violations: ${violations[0]!.message}`);
      const c = classById.get(classId)!;
      const snapshot = snapshotOf({ id: c.id, name: c.name }, m, acts, parties);
      const plan = requiredSigners(snapshot.cells, parties);
      const by = r.pick([u("ce.lead"), u("it.lead"), u("security.lead")]);
      const v: Version = {
        id: ++versionId,
        classId,
        versionNo: versionsOf(classId).length + 1,
        status: "in_review",
        content: JSON.stringify(snapshot),
        requiredSigners: JSON.stringify(plan),
        plan,
        submittedBy: by,
        submittedAt: t,
        effectiveAt: null,
        lastAttestedAt: null,
        supersededAt: null,
        returnedBy: null,
        returnedAt: null,
        returnComment: null,
      };
      versions.push(v);
      audit(t, by, "RACI_SUBMITTED", RACI_ENTITY, v.id, {
        deviceClassId: classId,
        versionNo: v.versionNo,
        signers: plan.partySigners.map((s) => s.name),
        leadershipApproval: true,
      });
      return v;
    };
    /** Signature requests: one per party-lead slot, then the leadership approval. */
    const slotsOf = (v: Version) => [
      ...v.plan.partySigners.map((s) => ({ signer: users.find((x) => x.id === s.userId)!, meaning: s.meaning })),
      { signer: null as UserRec | null, meaning: MEANINGS.approved },
    ];
    const pendingSigs: { v: Version; signer: UserRec; meaning: string; kind: "sign" | "reattest"; t: number }[] = [];
    const signSlots = (v: Version, t: number, howMany: number, kind: "sign" | "reattest" = "sign"): number => {
      let at = t;
      for (const slot of slotsOf(v).slice(0, howMany)) {
        at += r.int(2, 30) * HOUR;
        pendingSigs.push({ v, signer: slot.signer ?? r.pick(leadership), meaning: slot.meaning, kind, t: at });
      }
      return at;
    };
    const makeEffective = (v: Version, t: number) => {
      const at = signSlots(v, t, Infinity);
      const prev = versionsOf(v.classId).find((x) => x.status === "effective");
      const approver = pendingSigs[pendingSigs.length - 1]!.signer;
      if (prev) {
        prev.status = "superseded";
        prev.supersededAt = at;
        audit(at, approver, "RACI_SUPERSEDED", RACI_ENTITY, prev.id, { status: "superseded" }, { status: "effective" });
      }
      v.status = "effective";
      v.effectiveAt = at;
      v.lastAttestedAt = at;
      audit(at, approver, "RACI_EFFECTIVE", RACI_ENTITY, v.id, { status: "effective" }, { status: "in_review" });
      return at;
    };

    const firstSubmit = t0 + 330 * DAY;
    const within = (lo: number, hi: number) => between(r, lo, hi);
    const lateRoots: number[] = [];
    for (const c of classes) {
      const k = cat.get(c.id)!;
      if (k === "effective") {
        const v = submit(c.id, within(firstSubmit, now - 30 * DAY));
        makeEffective(v, v.submittedAt);
      } else if (k === "effective2") {
        const v1 = submit(c.id, within(firstSubmit, now - 420 * DAY));
        makeEffective(v1, v1.submittedAt);
        const te = within(v1.effectiveAt! + 30 * DAY, now - 120 * DAY);
        safeChange(c.id, te);
        const v2 = submit(c.id, within(te + 5 * DAY, now - 20 * DAY));
        makeEffective(v2, v2.submittedAt);
      } else if (k === "in_review") {
        if (r.chance(0.4)) {
          const v1 = submit(c.id, within(firstSubmit, now - 200 * DAY));
          makeEffective(v1, v1.submittedAt);
          // A later change to its own matrix; on a class with children only an added R, which keeps their rules.
          safeChange(c.id, within(now - 60 * DAY, now - 25 * DAY), isLeaf(c.id) ? undefined : ["addR"]);
        }
        const v = submit(c.id, within(now - 20 * DAY, now - 7 * DAY));
        signSlots(v, v.submittedAt, Math.floor(v.plan.partySigners.length / 2));
      } else if (k === "returned") {
        const v = submit(c.id, within(now - 90 * DAY, now - 30 * DAY));
        const signed = signSlots(v, v.submittedAt, r.int(0, 1));
        v.status = "returned";
        v.returnedBy = v.plan.partySigners.length ? users.find((x) => x.id === v.plan.partySigners[v.plan.partySigners.length - 1]!.userId)! : u("admin");
        v.returnedAt = signed + r.int(1, 4) * DAY;
        v.returnComment = r.pick(RETURN_COMMENTS);
        audit(v.returnedAt, v.returnedBy, "RACI_RETURNED", RACI_ENTITY, v.id, { status: "returned", comment: v.returnComment }, { status: "in_review" });
      } else if (k === "violation") {
        if (r.chance(0.5)) {
          const v1 = submit(c.id, within(firstSubmit, now - 100 * DAY));
          makeEffective(v1, v1.submittedAt);
        }
        breakingChange(c.id, within(now - 30 * DAY, now - 1 * DAY));
      }
      if (k === "effective" && c.parentId === null && children.has(c.id)) lateRoots.push(c.id);
    }
    // Changes pending: one root changed after its descendants were signed (the change keeps every rule).
    for (const rootId of lateRoots.slice(0, Math.max(n >= 50 ? 1 : 0, Math.round(n / 300)))) {
      const eff = versionsOf(rootId).find((v) => v.status === "effective");
      if (eff && eff.effectiveAt! < now - 45 * DAY) safeChange(rootId, within(now - 40 * DAY, now - 10 * DAY), ["addR"]);
    }

    // Re-attestation: effective versions older than a year were re-signed (kind "reattest") most of the time.
    for (const v of versions) {
      if (v.status !== "effective") continue;
      for (;;) {
        const due = v.lastAttestedAt! + 367 * DAY;
        if (due + 30 * DAY > now || !r.chance(0.65)) break;
        const before = v.lastAttestedAt!;
        const at = signSlots(v, due + r.int(0, 20) * DAY, Infinity, "reattest");
        v.lastAttestedAt = at;
        audit(
          at,
          pendingSigs[pendingSigs.length - 1]!.signer,
          "RACI_REATTESTED",
          RACI_ENTITY,
          v.id,
          { lastAttestedAt: iso(at) },
          { lastAttestedAt: iso(before) },
        );
      }
    }

    // Rows: overrides, revisions, versions, then their signatures.
    for (const c of classes) {
      const list = overrides.get(c.id) ?? [];
      for (const o of list) {
        st.override({ deviceClassId: c.id, activityId: o.activityId, partyId: o.partyId, letter: o.letter });
        audit(
          o.t,
          o.by,
          "RACI_OVERRIDE_SET",
          "device_class",
          c.id,
          { activityId: o.activityId, partyId: o.partyId, letter: o.letter ?? "" },
          { activityId: o.activityId, partyId: o.partyId, letter: "inherit" },
        );
      }
      if (list.length) {
        const last = list.reduce((a, b) => (b.t > a.t ? b : a));
        st.revision({ scope: classScope(c.id), revision: list.length, updatedBy: last.by.id, updatedAt: iso(last.t) });
      }
    }
    for (const v of versions) {
      const opt = (t: number | null) => (t == null ? null : iso(t));
      st.raciVersion({
        id: v.id,
        deviceClassId: v.classId,
        versionNo: v.versionNo,
        status: v.status,
        content: v.content,
        requiredSigners: v.requiredSigners,
        submittedBy: v.submittedBy.id,
        submittedAt: iso(v.submittedAt),
        effectiveAt: opt(v.effectiveAt),
        lastAttestedAt: opt(v.lastAttestedAt),
        supersededAt: opt(v.supersededAt),
        returnedBy: v.returnedBy?.id ?? null,
        returnedAt: opt(v.returnedAt),
        returnComment: v.returnComment,
      });
      raciStats.versions++;
    }
    const contentOf = new Map(versions.map((v) => [v.id, signedContent({ deviceClassId: v.classId, versionNo: v.versionNo, content: v.content })]));
    for (const s of pendingSigs) sign({ entityType: RACI_ENTITY, entityId: String(s.v.id) }, s.signer, s.meaning, s.kind, s.t, contentOf.get(s.v.id));
    raciStats.effective = versions.filter((v) => v.status === "effective").length;
    raciStats.inReview = versions.filter((v) => v.status === "in_review").length;
    raciStats.returned = versions.filter((v) => v.status === "returned").length;
    raciStats.classesWithViolations = [...cat.values()].filter((k) => k === "violation").length;
  })();

  // ===========================================================================================
  // 3. Response plans: approved versions with signatures, some superseded, some drafts; acknowledgements
  // ===========================================================================================
  const plans: PlanRec[] = [];
  sqlite.transaction(() => {
    step("response plans, approvals and acknowledgements");
    const r = rng("plans");
    const people = users.map((x) => ({ id: x.id, active: true, partyId: x.party ? partyIds.get(x.party)! : null }));
    const leads = new Map([...partyIds.values()].map((pid) => [pid, leadOf(partyKeyOf.get(pid)!).id] as const));
    const orgWide = Math.max(1, Math.round(counts.plans / 4));
    let versionId = 0;
    for (let i = 0; i < counts.plans; i++) {
      const id = i + 1;
      const sc = PLAN_SCENARIOS[i % PLAN_SCENARIOS.length]!;
      const site = i < orgWide ? null : sites[(i - orgWide) % sites.length]!;
      const title = site
        ? `${site.name}: ${sc.title.toLowerCase().replace(/^./, (ch) => ch.toUpperCase())}`
        : i < PLAN_SCENARIOS.length
          ? sc.title
          : `${sc.title} (${i + 1})`;
      const author = r.pick([u("security.lead"), u("em.lead"), u("ce.lead")]);
      const created = t0 + r.int(30, 150) * DAY + r.int(8, 17) * HOUR;
      st.plan({ id, title, siteId: site?.id ?? null, createdBy: author.id, createdAt: iso(created), updatedAt: iso(created) });
      const hinted = classes.filter((c) => sc.classHints.includes(ROOT_CLASSES[c.rootIndex]!.name));
      const classIds = r.sample(hinted.length ? hinted : classes, r.int(3, 6)).map((c) => c.id);
      const content = (variant: number) => {
        const partyKeys = r.sample(["ce", "it", "sec", "clin", "em", "oem", "supply"] as PartyKey[], r.int(3, 5));
        const named = r
          .sample(
            users.filter((x) => x.roles.includes("contributor")),
            r.int(1, 3),
          )
          .map((x) => x.id);
        return {
          scenario: `${sc.scenario}${site ? ` Applies to ${site.name}.` : ""}${variant > 1 ? ` Revised after the exercise of version ${variant - 1}.` : ""}`,
          deviceClassIds: ids(classIds),
          activityIds: ids(r.sample(acts, r.int(3, 6)).map((a) => a.id)),
          namedUserIds: ids(named),
          namedPartyIds: ids(partyKeys.map((k) => partyIds.get(k)!)),
          steps: JSON.stringify(
            partyKeys.map((k) => ({
              partyId: partyIds.get(k)!,
              role: `${DEMO_PARTIES.find((p) => p.key === k)!.name} on-call`,
              action: `Carry out the ${k.toUpperCase()} steps of the runbook and report to the incident commander.`,
            })),
          ),
          contacts: JSON.stringify([
            { name: leadOf("sec").name, role: "Incident commander", phone: `555-01${String(10 + i).padStart(2, "0")}` },
            { name: leadOf("ce").name, role: "Clinical Engineering", phone: `555-02${String(10 + i).padStart(2, "0")}` },
          ]),
          downtimeProcedures: sc.downtime,
          reviewIntervalMonths: 12,
          exerciseIntervalMonths: r.chance(0.2) ? 6 : 12,
        };
      };
      // Histories: one approved version (30%), two (55%), or two plus a draft of the next (15%).
      const shape = r.weighted([
        ["one", 30],
        ["two", 55],
        ["draft", 15],
      ] as const);
      const approvals: number[] = [created + r.int(10, 40) * DAY];
      if (shape === "one") approvals[0] = r.chance(0.5) ? approvals[0]! : between(r, created + 200 * DAY, now - 60 * DAY);
      else approvals.push(between(r, now - 330 * DAY, now - 20 * DAY));
      plans.push({ id, siteId: site?.id ?? null, firstApprovedAt: approvals[0]!, classIds });
      audit(created, author, "PLAN_CREATED", "response_plan", id, {
        title,
        siteId: site?.id ?? null,
        scenario: "",
        reviewIntervalMonths: 12,
        exerciseIntervalMonths: 12,
        versionId: versionId + 1,
      });

      const approver = u("cio");
      approvals.forEach((approvedAt, k) => {
        const vid = ++versionId;
        const c = content(k + 1);
        const started = k === 0 ? created : approvals[k - 1]! + r.int(5, 30) * DAY;
        const edited = Math.max(started + HOUR, approvedAt - r.int(1, 5) * DAY);
        const supersededAt = approvals[k + 1] ?? null;
        const status = supersededAt ? "superseded" : "approved";
        st.planVersion({
          id: vid,
          planId: id,
          versionNo: k + 1,
          status,
          ...c,
          revision: 2,
          createdBy: author.id,
          createdAt: iso(started),
          updatedBy: author.id,
          updatedAt: iso(edited),
          approvedBy: approver.id,
          approvedAt: iso(approvedAt),
          supersededAt: supersededAt ? iso(supersededAt) : null,
        });
        if (k > 0) audit(started, author, "PLAN_VERSION_STARTED", PLAN_ENTITY, vid, { planId: id, versionNo: k + 1, from: k });
        audit(edited, author, "PLAN_DRAFT_UPDATED", PLAN_ENTITY, vid, {
          ...c,
          deviceClassIds: JSON.parse(c.deviceClassIds),
          activityIds: JSON.parse(c.activityIds),
          namedUserIds: JSON.parse(c.namedUserIds),
          namedPartyIds: JSON.parse(c.namedPartyIds),
          steps: JSON.parse(c.steps),
          contacts: JSON.parse(c.contacts),
        });
        const planRow = db.select().from(responsePlans).where(eq(responsePlans.id, id)).get()!;
        const versionRow = db.select().from(planVersions).where(eq(planVersions.id, vid)).get()!;
        sign({ entityType: PLAN_ENTITY, entityId: String(vid) }, approver, "Approved", "sign", approvedAt, planSignedContent(planRow, versionRow));
        audit(
          approvedAt,
          approver,
          "PLAN_VERSION_APPROVED",
          PLAN_ENTITY,
          vid,
          { status: "approved", versionNo: k + 1 },
          { status: "draft", superseded: k > 0 ? k : null },
        );
        // Acknowledgements: most of the people the version names, within weeks of approval.
        const who = requiredAcknowledgers(JSON.parse(c.namedUserIds) as number[], JSON.parse(c.namedPartyIds) as number[], people, leads);
        const share = supersededAt ? 0.9 : 0.75;
        for (const userId of who) {
          const at = approvedAt + r.int(1, 40) * DAY + r.int(1, 8) * HOUR;
          if (!r.chance(share) || at > now || (supersededAt && at > supersededAt)) continue;
          st.planAck({ planVersionId: vid, userId, acknowledgedAt: iso(at) });
          audit(at, users[userId - 1]!, "PLAN_ACKNOWLEDGED", PLAN_ENTITY, vid, { planId: id, versionNo: k + 1 });
        }
      });
      if (shape === "draft") {
        const vid = ++versionId;
        const c = content(approvals.length + 1);
        const started = between(r, approvals[approvals.length - 1]! + DAY, now - 2 * DAY);
        st.planVersion({
          id: vid,
          planId: id,
          versionNo: approvals.length + 1,
          status: "draft",
          ...c,
          revision: 1,
          createdBy: author.id,
          createdAt: iso(started),
          updatedBy: author.id,
          updatedAt: iso(started),
          approvedBy: null,
          approvedAt: null,
          supersededAt: null,
        });
        audit(started, author, "PLAN_VERSION_STARTED", PLAN_ENTITY, vid, { planId: id, versionNo: approvals.length + 1, from: approvals.length });
      }
    }

    // A few clinics follow CMS too (admin setting).
    const clinics = sites.filter((s) => s.kind === "clinic");
    for (const s of clinics.slice(0, Math.ceil(clinics.length / 4))) {
      const at = t0 + r.int(20, 60) * DAY;
      const next = { cms: true, jointCommission: false, perPlan: true };
      st.siteRules({ siteId: s.id, ...next, updatedBy: u("admin").id, updatedAt: iso(at) });
      audit(at, u("admin"), "SITE_DRILL_RULES_SET", "site", s.id, next, { cms: false, jointCommission: false, perPlan: true });
    }
  })();

  // ===========================================================================================
  // 4. CSF assessments: organization-wide each year, per site, per critical class; 106 answers each
  // ===========================================================================================
  const assessmentStats = { approved: 0, inReview: 0, inProgress: 0 };
  sqlite.transaction(() => {
    step("CSF assessments (106 answers each)");
    const r = rng("assessments");
    type Spec = {
      scopeType: "organization" | "site" | "device_class";
      siteId: number | null;
      classId: number | null;
      label: string;
      round: number;
      latest: boolean;
    };
    const total = counts.assessments;
    const nOrg = Math.min(4, Math.max(1, Math.round((total * 4) / 60)));
    const nSite = Math.min(total - nOrg, Math.round((total * 40) / 60));
    const nClass = total - nOrg - nSite;
    const specs: Spec[] = [];
    for (let k = nOrg - 1; k >= 0; k--)
      specs.push({ scopeType: "organization", siteId: null, classId: null, label: "medical device CSF assessment", round: k, latest: k === 0 });
    for (let k = 0; k < nSite; k++) {
      const s = sites[k % sites.length]!;
      const round = Math.floor(k / sites.length);
      specs.push({ scopeType: "site", siteId: s.id, classId: null, label: `${s.name} CSF assessment`, round, latest: round === 0 });
    }
    const critical = classes.filter((c) => c.criticality === "critical" || c.criticality === "high");
    const pool = critical.length >= nClass ? critical : classes;
    for (let k = 0; k < nClass; k++) {
      const c = pool[(k * 7) % pool.length]!;
      specs.push({ scopeType: "device_class", siteId: null, classId: c.id, label: `${c.name} CSF assessment`, round: 0, latest: true });
    }
    // Older rounds first, so "the previous approved assessment" exists when a later one starts from it.
    specs.sort((a, b) => b.round - a.round);

    const contributorsOf = (p: PartyKey) => users.filter((x) => x.party === p && x.roles.includes("contributor"));
    const lastApproved = new Map<
      string,
      { id: number; answers: Map<string, { current: number | null; target: number | null; na: boolean; naReason: string; notes: string }> }
    >();
    let latestIndex = 0;
    specs.forEach((spec, idx) => {
      const id = idx + 1;
      const scopeKey = `${spec.scopeType}:${spec.siteId ?? ""}:${spec.classId ?? ""}`;
      // Status: older rounds approved; the latest mostly approved, some in review, some in progress.
      let status: "approved" | "in_review" | "in_progress" = "approved";
      if (spec.latest) {
        const j = latestIndex++;
        if (spec.scopeType === "organization") status = "in_progress";
        else if (j % 9 === 4) status = "in_progress";
        else if (j % 11 === 6) status = "in_review";
      }
      const created =
        spec.scopeType === "organization"
          ? now - (spec.round * 365 + (spec.round === 0 ? 40 : 90)) * DAY
          : status === "approved"
            ? now - (spec.round * 380 + r.int(60, 360)) * DAY
            : now - r.int(35, 60) * DAY;
      const year = new Date(created).getUTCFullYear() + 1;
      const name = spec.scopeType === "organization" ? `FY${year} ${spec.label}` : `${spec.label} ${year}`;
      const author = r.pick([u("ce.lead"), u("it.lead"), u("security.lead")]);
      const approver = r.pick(leadership);
      const previous = lastApproved.get(scopeKey) ?? null;
      const carry = status === "in_progress" && previous !== null;
      // Assignees: a party per function, some functions a named contributor.
      const assignees = CSF_FUNCTIONS.map((f) => {
        const party: PartyKey = f.id === "PR" || f.id === "DE" ? "it" : f.id === "GV" ? "sec" : f.id === "RS" ? "sec" : "ce";
        const people = contributorsOf(party);
        const user = people.length && r.chance(0.4) ? r.pick(people) : null;
        return { functionId: f.id, party, user };
      });
      const answerer = (functionId: string) => {
        const a = assignees.find((x) => x.functionId === functionId)!;
        return a.user ?? contributorsOf(a.party)[0] ?? leadOf(a.party);
      };
      const answered = created + r.int(5, 20) * DAY;
      const submitted = status === "in_progress" ? null : answered + r.int(3, 10) * DAY;
      const approvedAt = status === "approved" ? submitted! + r.int(5, 15) * DAY : null;
      const tier = status === "in_progress" ? null : Math.min(4, 1 + Math.floor((3 - spec.round) / 2) + (r.chance(0.3) ? 1 : 0));
      const tierRationale = tier ? TIER_RATIONALES[tier - 1]! : "";
      const dueDate = dateOf(created + 60 * DAY);
      const updated = approvedAt ?? submitted ?? answered;
      st.assessment({
        id,
        name,
        scopeType: spec.scopeType,
        siteId: spec.siteId,
        deviceClassId: spec.classId,
        dueDate,
        status,
        tier,
        tierRationale,
        carriedFromId: carry ? previous.id : null,
        createdBy: author.id,
        createdAt: iso(created),
        updatedAt: iso(Math.min(updated, now)),
        submittedAt: submitted ? iso(submitted) : null,
        approvedAt: approvedAt ? iso(approvedAt) : null,
        version: 1,
      });
      const assignedNames: Record<string, string> = {};
      for (const a of assignees) {
        st.assignee({ assessmentId: id, functionId: a.functionId, userId: a.user?.id ?? null, partyId: a.user ? null : partyIds.get(a.party)! });
        assignedNames[a.functionId] = a.user?.name ?? DEMO_PARTIES.find((p) => p.key === a.party)!.name;
      }
      audit(created, author, "ASSESSMENT_CREATED", ASSESSMENT_ENTITY, id, {
        name,
        scopeType: spec.scopeType,
        siteId: spec.siteId,
        deviceClassId: spec.classId,
        dueDate,
        assignees: assignedNames,
        carriedFrom: carry ? previous.id : null,
        carriedAnswers: carry ? CSF_SUBCATEGORIES.length : 0,
      });

      // All 106 answers. Later rounds score a little better; targets sit at 2-3.
      const answers = new Map<string, { current: number | null; target: number | null; na: boolean; naReason: string; notes: string }>();
      const maturity = Math.max(0, 2 - spec.round) * 0.35;
      const editors = new Set<number>([author.id]);
      CSF_SUBCATEGORIES.forEach((s, si) => {
        const prev = previous?.answers.get(s.id);
        const by = answerer(s.functionId);
        const at = answered - r.int(0, 4) * DAY + si * MINUTE;
        const keep = carry && prev && r.chance(0.5);
        let a: { current: number | null; target: number | null; na: boolean; naReason: string; notes: string };
        if (keep) a = prev;
        else if (r.chance(0.02))
          a = { current: null, target: null, na: true, naReason: "Not applicable to this scope: no such devices or services.", notes: "" };
        else {
          const current = Math.min(3, Math.max(0, Math.floor(r.next() * 3 + maturity + (r.chance(0.2) ? 1 : 0))));
          a = {
            current,
            target: Math.max(current, r.int(2, 3)),
            na: false,
            naReason: "",
            notes: r.chance(0.1) ? "See the evidence list and the last drill's improvement plan." : "",
          };
        }
        answers.set(s.id, a);
        st.answer({
          assessmentId: id,
          subcategoryId: s.id,
          current: a.current,
          target: a.target,
          notApplicable: a.na,
          naReason: a.naReason,
          notes: a.notes,
          carriedOver: Boolean(keep),
          version: keep ? 1 : carry ? 2 : 1,
          updatedBy: keep ? author.id : by.id,
          updatedAt: iso(keep ? created : at),
        });
        if (!keep) {
          editors.add(by.id);
          audit(
            at,
            by,
            "ASSESSMENT_ANSWER_SAVED",
            ASSESSMENT_ENTITY,
            id,
            { subcategoryId: s.id, current: a.current, target: a.target, notApplicable: a.na, naReason: a.naReason, notes: a.notes },
            carry && prev
              ? { subcategoryId: s.id, current: prev.current, target: prev.target, notApplicable: prev.na, naReason: prev.naReason, notes: prev.notes }
              : { subcategoryId: s.id },
          );
        }
      });
      // Quick checks: every question once the assessment is submitted, about half while in progress.
      for (const f of CSF_FUNCTIONS) {
        for (const q of QUICK_CHECKS[f.id]) {
          if (status === "in_progress" && r.chance(0.5)) continue;
          const answer = r.weighted([
            ["yes", 3],
            ["partly", 4],
            ["no", 2],
          ] as const);
          const by = answerer(f.id);
          const at = answered + r.int(0, 2) * DAY;
          st.quickCheck({ assessmentId: id, questionKey: q.key, answer, note: "", updatedBy: by.id, updatedAt: iso(at) });
          editors.add(by.id);
          audit(at, by, "ASSESSMENT_QUICK_CHECK_SAVED", ASSESSMENT_ENTITY, id, { questionKey: q.key, answer, note: "" });
        }
      }
      if (tier)
        audit(answered + 2 * DAY, author, "ASSESSMENT_TIER_SET", ASSESSMENT_ENTITY, id, { tier, rationale: tierRationale }, { tier: null, rationale: "" });
      if (submitted) audit(submitted, author, "ASSESSMENT_SUBMITTED", ASSESSMENT_ENTITY, id, { status: "in_review" }, { status: "in_progress" });
      // Function reviews by someone who did not edit the assessment; all accepted when approved, the first few in review.
      const reviewer = [u("security.lead"), u("it.lead"), u("ce.lead"), u("clinical.lead"), ...leadership].find((x) => !editors.has(x.id))!;
      const acceptedCount = status === "approved" ? 6 : status === "in_review" ? r.int(1, 4) : 0;
      CSF_FUNCTIONS.forEach((f, fi) => {
        const accepted = fi < acceptedCount;
        const at = submitted ? submitted + (fi + 1) * 6 * HOUR : null;
        st.functionReview({
          assessmentId: id,
          functionId: f.id,
          status: accepted ? "accepted" : "open",
          reviewerId: accepted ? reviewer.id : null,
          comment: "",
          reviewedAt: accepted ? iso(at!) : null,
        });
        if (accepted) audit(at!, reviewer, "ASSESSMENT_FUNCTION_ACCEPTED", ASSESSMENT_ENTITY, id, { functionId: f.id, comment: "" });
      });
      if (status === "approved") {
        sign({ entityType: ASSESSMENT_ENTITY, entityId: String(id) }, approver, "Approved", "sign", approvedAt!, assessmentSignedContent(db, id));
        audit(approvedAt!, approver, "ASSESSMENT_APPROVED", ASSESSMENT_ENTITY, id, { status: "approved" }, { status: "in_review" });
        lastApproved.set(scopeKey, { id, answers });
        assessmentStats.approved++;
      } else if (status === "in_review") assessmentStats.inReview++;
      else assessmentStats.inProgress++;
    });
  })();

  // ===========================================================================================
  // 5. Drills over three years, AARs, improvement items
  // ===========================================================================================
  const drillStats = { drills: 0, items: 0, overdueItems: 0 };
  {
    step("drills, after-action reports and improvement items");
    const r = rng("drills");
    type ExType = "seminar" | "workshop" | "tabletop" | "game" | "drill" | "functional" | "full_scale";
    const TYPE_LABEL: Record<ExType, string> = {
      seminar: "Seminar",
      workshop: "Workshop",
      tabletop: "Tabletop exercise",
      game: "Game",
      drill: "Drill",
      functional: "Functional exercise",
      full_scale: "Full-scale exercise",
    };
    const OPS: readonly ExType[] = ["drill", "functional", "full_scale"];
    // Site profiles: most sites keep up; a few are due soon, a few overdue (CMS / Joint Commission).
    const profile = new Map<number, "good" | "due" | "overdue">();
    const shuffledHospitals = r.shuffle(sites.filter((s) => s.kind === "hospital"));
    shuffledHospitals.forEach((s, i) =>
      profile.set(
        s.id,
        i < Math.max(1, Math.round(sites.length / 10))
          ? "overdue"
          : i < Math.max(2, Math.round(sites.length / 10) + Math.round(sites.length / 8))
            ? "due"
            : "good",
      ),
    );
    const weightOf = (s: SiteRec) => (s.kind === "hospital" ? 3 : s.kind === "campus" ? 2 : 1);
    const siteBag = sites.flatMap((s) => Array.from({ length: weightOf(s) }, () => s));
    const windowStart = t0 + 70 * DAY;
    const future = now + 90 * DAY;

    interface DrillSpec {
      site: SiteRec;
      kind: "exercise" | "real_event";
      type: ExType | null;
      date: number;
    }
    const specs: DrillSpec[] = [];
    for (let i = 0; i < counts.drills; i++) {
      const site = r.pick(siteBag);
      const date = r.chance(0.04) ? between(r, now + DAY, future) : between(r, windowStart, now - DAY);
      const real = date < now - 5 * DAY && r.chance(0.03);
      const type: ExType | null = real
        ? null
        : r.weighted([
            ["tabletop", 30],
            ["drill", 24],
            ["functional", 14],
            ["full_scale", 7],
            ["workshop", 12],
            ["seminar", 8],
            ["game", 5],
          ] as const);
      specs.push({ site, kind: real ? "real_event" : "exercise", type, date });
    }
    // Site profiles bend the recent history.
    for (const sp of specs) {
      const p = profile.get(sp.site.id) ?? "good";
      const age = (now - sp.date) / DAY;
      if (p === "overdue" && age >= -90 && age < 400) {
        sp.kind = "exercise";
        if (!sp.type || OPS.includes(sp.type)) sp.type = r.pick(["tabletop", "workshop", "seminar"] as const);
      }
      if (p === "due" && age >= -90 && age < 306) {
        sp.kind = "exercise";
        if (!sp.type || sp.type === "functional" || sp.type === "full_scale") sp.type = "drill";
      }
    }
    for (const s of sites) {
      if (profile.get(s.id) !== "due") continue;
      const candidates = specs.filter((sp) => sp.site === s && sp.date < now);
      if (candidates.length) {
        const sp = r.pick(candidates);
        sp.kind = "exercise";
        sp.type = "functional";
        sp.date = now - r.int(310, 330) * DAY;
      }
    }
    specs.sort((a, b) => a.date - b.date);

    // Which drills get improvement items: conducted ones with at least one area for improvement.
    const em = users.filter((x) => x.party === "em");
    const facilitators = em.length ? em : [u("em.lead")];
    const ownersByParty = new Map<PartyKey, UserRec[]>();
    for (const x of users) if (x.party) ownersByParty.set(x.party, [...(ownersByParty.get(x.party) ?? []), x]);
    const internal: PartyKey[] = ["ce", "it", "sec", "clin", "supply", "em"];

    type Status = "planned" | "conducted" | "aar_review" | "aar_approved" | "closed" | "cancelled";
    interface DrillPlanned {
      spec: DrillSpec;
      status: Status;
      objectives: number;
      improvements: number;
      strengths: number;
    }
    const planned: DrillPlanned[] = specs.map((spec) => {
      const age = (now - spec.date) / DAY;
      let status: Status;
      if (age < 0) status = "planned";
      else if (spec.kind === "exercise" && r.chance(0.03)) status = "cancelled";
      else if (age > 90) status = r.chance(0.02) ? "conducted" : "aar_approved";
      else if (age > 30)
        status = r.weighted<Status>([
          ["aar_approved", 70],
          ["aar_review", 20],
          ["conducted", 10],
        ]);
      else
        status = r.weighted<Status>(
          age > 10
            ? [
                ["conducted", 45],
                ["aar_review", 40],
                ["aar_approved", 15],
              ]
            : [
                ["conducted", 45],
                ["aar_review", 40],
              ],
        );
      const written = status !== "planned" && status !== "cancelled";
      return { spec, status, objectives: r.int(2, 4), improvements: written ? r.int(1, 3) : 0, strengths: written ? r.int(1, 2) : 0 };
    });
    // Spread exactly `actionItems` items over the drills with areas for improvement.
    const eligible = planned.filter((d) => d.improvements > 0);
    const itemCounts = new Map<DrillPlanned, number>();
    if (eligible.length) {
      const base = Math.floor(counts.actionItems / eligible.length);
      let sum = 0;
      for (const d of eligible) {
        const k = Math.max(1, base + r.int(-2, 2));
        itemCounts.set(d, k);
        sum += k;
      }
      for (let i = 0; sum !== counts.actionItems; i = (i + 1) % eligible.length) {
        const d = eligible[i]!;
        const k = itemCounts.get(d)!;
        if (sum < counts.actionItems) {
          itemCounts.set(d, k + 1);
          sum++;
        } else if (k > 1) {
          itemCounts.set(d, k - 1);
          sum--;
        } else if (eligible.every((e) => itemCounts.get(e) === 1)) break;
      }
    }

    let objectiveId = 0;
    let findingId = 0;
    let itemId = 0;
    const today = dateOf(now);
    const BATCH = 250;
    let participantId = 0;
    const cap = (t: number) => Math.min(t, now - HOUR);
    for (let from = 0; from < planned.length; from += BATCH) {
      sqlite.transaction(() => {
        for (let di = from; di < Math.min(planned.length, from + BATCH); di++) {
          const d = planned[di]!;
          const id = di + 1;
          const { spec } = d;
          const site = spec.site;
          const facilitator = spec.kind === "exercise" ? r.pick(facilitators) : null;
          const scenario = r.pick(SCENARIO_SHORT);
          const title = spec.kind === "real_event" ? `Real event: ${scenario} at ${site.name}` : `${TYPE_LABEL[spec.type!]}: ${scenario} — ${site.name}`;
          const applicable = plans.filter((p) => (p.siteId === null || p.siteId === site.id) && p.firstApprovedAt < spec.date);
          let kind = spec.kind;
          let type = spec.type;
          if (kind === "real_event" && applicable.length === 0) {
            kind = "exercise";
            type = "tabletop";
          }
          const planIds = applicable.length ? r.sample(applicable, kind === "real_event" ? 1 : r.int(0, 2)).map((p) => p.id) : [];
          const classIds = [
            ...new Set([...planIds.flatMap((pid) => r.sample(plans[pid - 1]!.classIds, 1)), ...r.sample(classes, r.int(0, 2)).map((c) => c.id)]),
          ];
          const scheduledAt = kind === "real_event" ? spec.date + r.int(1, 3) * DAY : Math.min(spec.date - r.int(20, 60) * DAY, now - r.int(1, 10) * DAY);
          const createdBy = u("em.lead");
          const conducted = d.status !== "planned" && d.status !== "cancelled";
          const start = dateOf(spec.date);
          const end = conducted ? dateOf(spec.date + (r.chance(0.2) ? DAY : 0)) : null;
          const isOps = kind === "real_event" || OPS.includes(type!);
          const minutes =
            conducted && isOps ? [r.int(5, 90), r.int(10, 180), r.chance(0.8) ? r.int(20, 240) : null, r.int(120, 1440)] : [null, null, null, null];
          // Each step after the one before, none after the base date.
          const conductedAt = kind === "real_event" ? scheduledAt : cap(spec.date + r.int(1, 2) * DAY);
          const aarAt = cap(conductedAt + r.int(2, 10) * DAY);
          const submittedAt = d.status === "aar_review" || d.status === "aar_approved" || d.status === "closed" ? cap(aarAt + r.int(1, 7) * DAY) : null;
          const approvedAt = d.status === "aar_approved" ? Math.min(submittedAt! + r.int(2, 20) * DAY, now - HOUR) : null;
          const approver = r.pick(leadership);
          const submitter = facilitator ?? u("em.lead");
          const summary =
            conducted && d.status !== "conducted"
              ? `${scenario[0]!.toUpperCase()}${scenario.slice(1)}: objectives mostly met; ${d.improvements} area(s) for improvement recorded with owners.`
              : conducted && r.chance(0.5)
                ? "Draft: findings being written."
                : "";
          const cancelReason =
            d.status === "cancelled"
              ? r.pick(["Census surge; rescheduled next quarter.", "Facilitator unavailable.", "Conflicts with an EHR upgrade weekend."])
              : "";
          if (d.status === "cancelled" && spec.date > now) throw new Error("internal: cancelled drill in the future");

          // The drill row goes in before its AAR is approved: objectives and findings are locked after.
          const rowStatus: Status = d.status === "aar_approved" ? "aar_review" : d.status;
          let revision = 1;
          st.drill({
            id,
            title,
            kind,
            type: kind === "real_event" ? null : type,
            siteId: site.id,
            status: rowStatus,
            scenario: `${scenario[0]!.toUpperCase()}${scenario.slice(1)} at ${site.name}.`,
            plannedDate: start,
            actualStart: conducted ? start : null,
            actualEnd: end,
            facilitatorUserId: facilitator?.id ?? null,
            minutesToDetect: minutes[0],
            minutesToIsolate: minutes[1],
            minutesToNotifyOem: minutes[2],
            minutesToRestore: minutes[3],
            aarSummary: summary,
            cancelReason,
            revision: 1,
            createdBy: createdBy.id,
            createdAt: iso(scheduledAt),
            updatedAt: iso(scheduledAt),
            conductedBy: conducted ? (facilitator ?? createdBy).id : null,
            aarSubmittedBy: submittedAt ? submitter.id : null,
            aarSubmittedAt: submittedAt ? iso(submittedAt) : null,
            aarApprovedBy: null,
            aarApprovedAt: null,
            closedAt: null,
          });
          for (const pid of planIds) st.drillPlan({ drillId: id, planId: pid });
          for (const cid of classIds) st.drillClass({ drillId: id, deviceClassId: cid });
          const partUsers = r.sample(
            users.filter((x) => x.roles.includes("contributor") || x.roles.includes("lead")),
            r.int(1, 3),
          );
          const partParties = r.sample(internal, r.int(1, 3));
          const attended: number[] = [];
          for (const pu of partUsers) {
            const yes = conducted ? r.chance(0.9) : null;
            const pid = ++participantId;
            if (yes) attended.push(pid);
            st.participant({ id: pid, drillId: id, userId: pu.id, partyId: null, attended: yes });
          }
          for (const pk of partParties) {
            const pid = ++participantId;
            if (conducted) attended.push(pid);
            st.participant({ id: pid, drillId: id, userId: null, partyId: partyIds.get(pk)!, attended: conducted ? true : null });
          }
          const objectiveTexts = r.sample(OBJECTIVES, d.objectives);
          if (kind === "real_event") {
            audit(scheduledAt, createdBy, "REAL_EVENT_RECORDED", DRILL_ENTITY, id, {
              title,
              siteId: site.id,
              scenario,
              actualStart: start,
              actualEnd: end,
              planIds,
              deviceClassIds: classIds,
            });
          } else {
            audit(scheduledAt, createdBy, "DRILL_SCHEDULED", DRILL_ENTITY, id, {
              title,
              type,
              siteId: site.id,
              plannedDate: start,
              scenario,
              planIds,
              deviceClassIds: classIds,
              facilitatorUserId: facilitator?.id ?? null,
              participantUserIds: partUsers.map((x) => x.id),
              participantPartyIds: partParties.map((k) => partyIds.get(k)!),
              objectives: objectiveTexts,
            });
          }
          if (d.status === "cancelled") {
            revision++;
            audit(
              Math.min(spec.date - DAY, now - HOUR),
              createdBy,
              "DRILL_CANCELLED",
              DRILL_ENTITY,
              id,
              { status: "cancelled", reason: cancelReason },
              { status: "planned" },
            );
          }
          if (conducted && kind === "exercise") {
            revision++;
            audit(
              conductedAt,
              facilitator ?? createdBy,
              "DRILL_CONDUCTED",
              DRILL_ENTITY,
              id,
              {
                status: "conducted",
                actualStart: start,
                actualEnd: end,
                minutesToDetect: minutes[0],
                minutesToIsolate: minutes[1],
                minutesToNotifyOem: minutes[2],
                minutesToRestore: minutes[3],
                conductedBy: (facilitator ?? createdBy).id,
                attended,
              },
              { status: "planned" },
            );
          }
          // Objectives, rated once conducted (a drill still being written up may have some unrated).
          const objectiveIds: { id: number; rating: string | null }[] = [];
          objectiveTexts.forEach((text, k) => {
            const oid = ++objectiveId;
            const rated = conducted && (d.status !== "conducted" || r.chance(0.6));
            const rating = rated
              ? r.weighted([
                  ["P", 40],
                  ["S", 35],
                  ["M", 20],
                  ["U", 5],
                ] as const)
              : null;
            const note = rating && rating !== "P" ? "See the areas for improvement." : "";
            st.objective({ id: oid, drillId: id, text, sortOrder: k + 1, rating, ratingNote: note });
            objectiveIds.push({ id: oid, rating });
            if (rating) {
              revision++;
              audit(
                aarAt,
                submitter,
                "DRILL_OBJECTIVE_RATED",
                DRILL_ENTITY,
                id,
                { objectiveId: oid, rating, ratingNote: note },
                { objectiveId: oid, rating: null, ratingNote: "" },
              );
            }
          });
          // Findings: strengths and areas for improvement (with the RACI activity that failed).
          const improvementIds: number[] = [];
          for (let k = 0; k < d.strengths + d.improvements; k++) {
            const fid = ++findingId;
            const strength = k < d.strengths;
            const objective = r.chance(0.8) ? r.pick(objectiveIds).id : null;
            const activityId = !strength && r.chance(0.7) ? r.pick(acts).id : null;
            const observation = strength ? r.pick(STRENGTHS) : r.pick(OBSERVATIONS);
            const rootCause = strength ? "" : r.pick(ROOT_CAUSES);
            const recommendation = strength ? "" : r.pick(RECOMMENDATIONS);
            const at = cap(aarAt + k * 10 * MINUTE);
            st.finding({
              id: fid,
              drillId: id,
              kind: strength ? "strength" : "improvement",
              objectiveId: objective,
              activityId,
              observation,
              rootCause,
              recommendation,
              createdBy: submitter.id,
              createdAt: iso(at),
            });
            revision++;
            audit(at, submitter, strength ? "DRILL_STRENGTH_ADDED" : "DRILL_AREA_FOR_IMPROVEMENT_ADDED", DRILL_ENTITY, id, {
              findingId: fid,
              drillId: id,
              kind: strength ? "strength" : "improvement",
              objectiveId: objective,
              activityId,
              observation,
              rootCause,
              recommendation,
            });
            if (!strength) improvementIds.push(fid);
          }
          // Improvement items: owners, due dates, and progress since.
          const itemStatuses: { status: "open" | "in_progress" | "closed"; closedAt: number | null; closer: UserRec }[] = [];
          const nItems = itemCounts.get(d) ?? 0;
          const approvedOrLater = d.status === "aar_approved";
          for (let k = 0; k < nItems; k++) {
            const iid = ++itemId;
            const fid = improvementIds[k % improvementIds.length]!;
            const party = r.weighted([
              ["ce", 30],
              ["it", 28],
              ["sec", 14],
              ["clin", 12],
              ["supply", 6],
              ["em", 10],
            ] as const);
            const members = (ownersByParty.get(party) ?? []).filter((x) => x.roles.includes("contributor"));
            const owner = members.length && r.chance(0.6) ? r.pick(members) : null;
            const created = cap(aarAt + (k + 1) * 5 * MINUTE);
            const due = created + r.int(30, 180) * DAY;
            const dueDate = dateOf(due);
            const capability = r.pick(["planning", "organization", "equipment", "training", "exercise"] as const);
            const title = r.pick(ITEM_TITLES);
            const closer = owner ?? leadOf(party);
            // Progress: old items are mostly closed; not-yet-due ones mostly open.
            let status: "open" | "in_progress" | "closed" = "open";
            let inProgressAt: number | null = null;
            let closedAt: number | null = null;
            const pClose = !approvedOrLater ? 0 : due < now - 60 * DAY ? 0.88 : due < now ? 0.55 : 0.25;
            if (r.chance(pClose)) {
              closedAt = Math.min(now - HOUR, created + r.int(7, Math.max(8, Math.round((Math.min(due + 45 * DAY, now) - created) / DAY))) * DAY);
              if (closedAt <= created) closedAt = created + HOUR;
              status = "closed";
              if (r.chance(0.7)) inProgressAt = created + (closedAt - created) / 2;
            } else if (r.chance(0.5)) {
              status = "in_progress";
              inProgressAt = Math.min(now - HOUR, created + r.int(1, 30) * DAY);
            }
            const evidence = status === "closed" ? r.pick(CLOSURE_EVIDENCE) : "";
            const updated = closedAt ?? inProgressAt ?? created;
            st.item({
              id: iid,
              sourceType: "drill",
              drillId: id,
              findingId: fid,
              capabilityElement: capability,
              title,
              ownerPartyId: partyIds.get(party)!,
              ownerUserId: owner?.id ?? null,
              dueDate,
              status,
              closureEvidence: evidence,
              createdBy: submitter.id,
              createdAt: iso(created),
              updatedAt: iso(updated),
              closedAt: closedAt ? iso(closedAt) : null,
            });
            revision++;
            audit(created, submitter, "ACTION_ITEM_CREATED", "action_item", iid, {
              findingId: fid,
              title,
              capabilityElement: capability,
              ownerPartyId: partyIds.get(party)!,
              ownerUserId: owner?.id ?? null,
              dueDate,
              drillId: id,
              sourceType: "drill",
            });
            if (inProgressAt) audit(inProgressAt, closer, "ACTION_ITEM_STATUS_CHANGED", "action_item", iid, { status: "in_progress" }, { status: "open" });
            if (closedAt)
              audit(
                closedAt,
                closer,
                "ACTION_ITEM_CLOSED",
                "action_item",
                iid,
                { status: "closed", closureEvidence: evidence },
                { status: inProgressAt ? "in_progress" : "open" },
              );
            if (status !== "closed" && dueDate < today) drillStats.overdueItems++;
            itemStatuses.push({ status, closedAt, closer });
          }
          drillStats.items += nItems;
          if (summary) {
            revision++;
            audit(cap(aarAt + 2 * HOUR), submitter, "DRILL_AAR_SUMMARY_SAVED", DRILL_ENTITY, id, { aarSummary: summary }, { aarSummary: "" });
          }
          if (submittedAt) {
            revision++;
            audit(submittedAt, submitter, "DRILL_AAR_SUBMITTED", DRILL_ENTITY, id, { status: "aar_review" }, { status: "conducted" });
          }
          // AAR approval: signed over the app's own AAR content, then the status moves on (locking the AAR).
          if (approvedAt) {
            sign({ entityType: DRILL_ENTITY, entityId: String(id) }, approver, "Approved", "sign", approvedAt, aarSignedContent(db, id));
            const closedBefore = itemStatuses.filter((x) => x.closedAt !== null && x.closedAt <= approvedAt);
            const allClosed = itemStatuses.every((x) => x.status === "closed");
            const closesAtApproval = itemStatuses.length === closedBefore.length;
            revision++;
            audit(
              approvedAt,
              approver,
              "DRILL_AAR_APPROVED",
              DRILL_ENTITY,
              id,
              { status: closesAtApproval ? "closed" : "aar_approved" },
              { status: "aar_review" },
            );
            let closedAt: number | null = closesAtApproval ? approvedAt : null;
            if (!closesAtApproval && allClosed) {
              const last = itemStatuses.reduce((a, b) => ((b.closedAt ?? 0) > (a.closedAt ?? 0) ? b : a));
              closedAt = last.closedAt!;
              revision++;
              audit(
                closedAt,
                last.closer,
                "DRILL_CLOSED",
                DRILL_ENTITY,
                id,
                { status: "closed", reason: "every improvement item is closed" },
                { status: "aar_approved" },
              );
            }
            db.update(schema.drills)
              .set({
                status: closedAt ? "closed" : "aar_approved",
                aarApprovedBy: approver.id,
                aarApprovedAt: iso(approvedAt),
                closedAt: closedAt ? iso(closedAt) : null,
                revision,
                updatedAt: iso(closedAt ?? approvedAt),
              })
              .where(eq(schema.drills.id, id))
              .run();
          }
          drillStats.drills++;
        }
      })();
    }
  }

  // ===========================================================================================
  // 6. The audit trail: domain events in time order, merged with sign-in history, as one HMAC chain
  // ===========================================================================================
  step(`audit trail: ${events.length} domain events, chaining ${Math.max(counts.auditEntries, events.length)} entries`);
  events.sort((a, b) => a.t - b.t || a.i - b.i);
  const filler = Math.max(0, counts.auditEntries - events.length);
  const total = events.length + filler;
  const fr = rng("sign-ins");
  const span = now - (t0 + DAY);
  const activeSince = users.map((x) => {
    const created = events.find((e) => e.action === "USER_CREATED" && e.entityId === String(x.id));
    return created ? created.t : t0;
  });
  const fillerAt = (k: number) => t0 + DAY + Math.floor(((k + fr.next()) * span) / Math.max(1, filler));
  let seq = 0;
  let prevHash = GENESIS_HASH;
  const auditKey = secrets.auditKey;
  const label = (x: UserRec | null) => (x ? `${x.name} <${x.email}>` : "system");
  const writeEntry = (
    t: number,
    actor: UserRec | null,
    action: string,
    entityType: string,
    entityId: string,
    oldValues: string | null,
    newValues: string | null,
  ) => {
    seq++;
    const entry = { seq, at: iso(t), actorId: actor?.id ?? null, actorLabel: label(actor), action, entityType, entityId, oldValues, newValues };
    const h = entryHash(auditKey, prevHash, entry);
    st.audit({ ...entry, prevHash, hash: h });
    prevHash = h;
  };
  const AUDIT_BATCH = 50_000;
  let ei = 0;
  let fi = 0;
  let nextFillerT = filler > 0 ? fillerAt(0) : Infinity;
  const signedIn = new Map<number, boolean>();
  while (seq < total) {
    sqlite.transaction(() => {
      const stop = Math.min(total, seq + AUDIT_BATCH);
      while (seq < stop) {
        const ev = events[ei];
        if (ev && ev.t <= nextFillerT) {
          writeEntry(ev.t, ev.actor, ev.action, ev.entityType, ev.entityId, ev.oldValues, ev.newValues);
          ei++;
        } else {
          // Sign-in history: people sign in (and some sign out) through the working day.
          const t = nextFillerT;
          let who = users[fr.int(0, users.length - 1)]!;
          for (let tries = 0; tries < 5 && activeSince[who.id - 1]! > t; tries++) who = users[fr.int(0, users.length - 1)]!;
          if (activeSince[who.id - 1]! > t) who = users[0]!;
          if (signedIn.get(who.id) && fr.chance(0.35)) {
            signedIn.set(who.id, false);
            writeEntry(t, who, "SIGN_OUT", "user", String(who.id), null, null);
          } else {
            signedIn.set(who.id, true);
            writeEntry(
              t,
              who,
              "SIGN_IN",
              "user",
              String(who.id),
              null,
              canonicalJson({ client: `10.${20 + (who.id % 40)}.${fr.int(0, 255)}.${fr.int(1, 254)}` }),
            );
          }
          fi++;
          nextFillerT = fi < filler ? fillerAt(fi) : Infinity;
        }
      }
      setAuditHead(seq, prevHash, headMac(auditKey, seq, prevHash));
    })();
    step(`audit trail: ${seq.toLocaleString("en-US")} / ${total.toLocaleString("en-US")} entries`);
  }

  const tables = tableCounts(sqlite);
  step("done");
  return {
    counts,
    stats: { raci: raciStats, assessments: assessmentStats, drills: drillStats },
    tables,
    auditEntries: seq,
    domainAuditEntries: events.length,
    lastAuditHash: prevHash,
  };
}

function between(r: Rng, lo: number, hi: number): number {
  return hi <= lo ? lo : lo + Math.floor(r.next() * (hi - lo));
}

/** Rows per table (every table but drizzle's migration journal). */
export function tableCounts(sqlite: Database.Database): Record<string, number> {
  const names = (
    sqlite
      .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name <> '__drizzle_migrations' order by name")
      .all() as { name: string }[]
  ).map((r) => r.name);
  return Object.fromEntries(names.map((n) => [n, (sqlite.prepare(`select count(*) as n from "${n}"`).get() as { n: number }).n]));
}
