/**
 * The authorization matrix (issue #10, "make these classes of defect impossible"): every server action, called
 * through its real wrapper (Origin, session, strict schema, use case), for every kind of actor, on a fresh copy of
 * the demo organization. "allowed" means the action succeeds; every other kind must be refused and leave every
 * table exactly as it was (a digest of all rows before and after). The list of actions is read from the source
 * (app/**\/actions.ts), so a new action without a row here fails the suite.
 */
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test, vi } from "vitest";
import type { Db } from "@/db/client";
import * as schema from "@/db/schema";
import { sessions, users } from "@/db/schema";
import { seedDemoIfEmpty } from "@/db/seed/demo";
import type { Actor } from "@/lib/auth/permissions";
import { setSecretsForTests } from "@/lib/server/config";
import { loadActor } from "@/lib/services/auth/load-actor";
import { resolveSession } from "@/lib/services/auth/session";
import { TEST_SECRETS, testDb } from "./test-db";
import { makeAdvisory, matchDevices, validatePatch } from "./services/patch-fixtures";
import { createSupportDecision } from "@/lib/services/support-decisions/create-support-decision";
import { clock } from "@/lib/clock";
import type { z } from "zod";
import type { ApiRouteDef } from "@/lib/server/api-route";
import { generate } from "otplib";

// The wrapper's collaborators, pointed at the test's database and the actor under test.
const state = vi.hoisted(() => ({ db: null as unknown, session: null as unknown }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ origin: "http://clearline.test", host: "clearline.test" }),
  cookies: async () => ({ get: () => undefined, set: () => undefined, delete: () => undefined }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("@/lib/server/db", () => ({ getDb: async () => state.db, getWritableDb: async () => state.db }));
vi.mock("@/lib/auth/current", () => ({
  getCurrentSession: async () => state.session,
  // The account security page's door (defineAccountAction) sees the same session, as an unrestricted password session.
  getAccountSession: async () => {
    const s = state.session as { actor: unknown };
    return s.actor ? { ...s, sessionId: "matrix-account-session", method: "password", restriction: null } : s;
  },
  requirePageActor: async () => (state.session as { actor: unknown }).actor,
}));

const PW = "lakeside-demo-2026";
const KINDS = ["admin", "leadership", "lead", "contributor", "auditor", "anonymous", "deactivated", "otherSite"] as const;
type Kind = (typeof KINDS)[number];
type ActionFn = (prev: null, input: Record<string, unknown>) => Promise<{ ok: boolean; formError?: string } | null>;

let seeded: Buffer;
const ids: Record<string, number> = {};

beforeAll(async () => {
  const t = testDb();
  await seedDemoIfEmpty(t.db);
  seeded = t.sqlite.serialize();
  for (const u of t.db.select().from(users).all()) ids[u.email.split("@")[0]!] = u.id;
  t.sqlite.close();
}, 60_000);

/** A fresh copy of the demo and the session the wrapper will see for this kind of actor. */
function arrange(kind: Kind): { db: Db; sqlite: Database.Database; actor: Actor | null } {
  setSecretsForTests(TEST_SECRETS);
  const sqlite = new Database(seeded);
  sqlite.pragma("foreign_keys = ON");
  const db = drizzle({ client: sqlite, schema }) as unknown as Db;
  const as = (email: string) => {
    const { active: _a, ...a } = loadActor(db, ids[email]!)!;
    return a;
  };
  let actor: Actor | null = null;
  if (kind === "admin") actor = as("admin");
  else if (kind === "leadership") actor = as("cio");
  else if (kind === "lead") actor = as("ce.lead");
  else if (kind === "contributor") actor = as("assessor");
  else if (kind === "auditor") actor = as("auditor");
  else if (kind === "otherSite") {
    // The CIO, limited to a site that is not the record's (see siteOf below).
    const other = sqlite.prepare("select id from sites order by id desc limit 1").get() as { id: number };
    sqlite.prepare("update users set site_id = ? where id = ?").run(other.id, ids["cio"]);
    actor = as("cio");
  }
  let session: unknown = actor ? { actor } : { actor: null, reason: "none" };
  if (kind === "deactivated") {
    // A real session of the admin, whose account is then deactivated: the door must refuse it.
    const at = clock.now().toISOString();
    db.insert(sessions).values({ id: "matrix-session", userId: ids["admin"]!, createdAt: at, lastSeenAt: at }).run();
    db.update(users).set({ active: false }).where(eq(users.id, ids["admin"]!)).run();
    const check = resolveSession(db, "matrix-session", { idleMinutes: 30, absoluteHours: 12 });
    session = check.ok ? { actor: check.actor } : { actor: null, reason: "ended" };
  }
  state.db = db;
  state.session = session;
  return { db, sqlite, actor };
}

function digest(sqlite: Database.Database): string {
  const h = crypto.createHash("sha256");
  const tables = sqlite.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all() as { name: string }[];
  for (const { name } of tables) h.update(name).update(JSON.stringify(sqlite.prepare(`select * from "${name}" order by rowid`).raw().all()));
  return h.digest("hex");
}

const q = <T>(sqlite: Database.Database, sql: string) => sqlite.prepare(sql).get() as T;
let counter = 0;
const stamp = () => `${(++counter).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

interface Row {
  allowed: readonly Kind[];
  /** Allowed and successful, yet may leave the data as it was (an import of content already stored). */
  mayWriteNothing?: boolean;
  /** The action's input, built from the demo data in this copy (set-up done here happens before the digest). */
  input: (ctx: { sqlite: Database.Database; db: Db; kind: Kind }) => Record<string, unknown> | Promise<Record<string, unknown>>;
}

/** A demo user as an actor, for set-up steps inside an input builder. */
const demo = (db: Db, email: string): Actor => {
  const { active: _a, ...a } = loadActor(db, ids[email]!)!;
  return a;
};
const today = () => clock.today();
const STEPS = [{ partyId: 1, role: "Clinical Engineering", action: "Switch radiology to the downtime viewer." }];
const inDays = (n: number) => new Date(clock.ms() + n * 86_400_000).toISOString().slice(0, 10);
const ORG_ROLES: Kind[] = ["admin", "leadership", "lead"];
const ANSWER_ID: Kind[] = ["admin", "lead", "contributor"];
/** In a version's content, a cell of Clinical Engineering (party 1, led by the CE lead) that is not A or R, and a letter that changes it without breaking a rule. */
function harmlessCell(content: string): { activityId: number; letter: "C" | "I" } {
  const snap = JSON.parse(content) as { activities: { id: number }[]; cells: { activityId: number; partyId: number; letter: string | null }[] };
  for (const a of snap.activities) {
    const l = snap.cells.find((c) => c.activityId === a.id && c.partyId === 1)?.letter ?? null;
    if (l !== "A" && l !== "R") return { activityId: a.id, letter: l === "C" ? "I" : "C" };
  }
  throw new Error("no harmless cell");
}
// The site-scoped CIO (otherSite) is limited to Eastgate; drills and plans below are Lakeside's unless organization-wide.

const ADMIN_ONLY: Kind[] = ["admin"];
const SELF: Kind[] = ["admin", "leadership", "lead", "contributor", "auditor", "otherSite"];

/** Enrols a demo user's authenticator through the real services, as set-up for a row. */
async function enrolForMatrix(db: Db, who: Actor) {
  const { startTotpEnrolment } = await import("@/lib/services/account/start-totp-enrolment");
  const { confirmTotpEnrolment } = await import("@/lib/services/account/confirm-totp-enrolment");
  const e = await startTotpEnrolment(db, who);
  await confirmTotpEnrolment(db, who, { code: await generate({ secret: e.manualKey.replace(/\s+/g, ""), epoch: Math.floor(clock.ms() / 1000) }) });
}

/** A one-row CMMS export of a Lakeside demo device with a new location: an import changes exactly that device. */
function cmmsCsv(sqlite: Database.Database): string {
  const d = q<{ tag: string; serial: string | null; maker: string; model: string; site: string }>(
    sqlite,
    "select d.asset_tag as tag, d.serial_number as serial, m.name as maker, dm.name as model, s.name as site from devices d join manufacturers m on m.id = d.manufacturer_id join device_models dm on dm.id = d.model_id join sites s on s.id = d.site_id where d.site_id = 1 order by d.id limit 1",
  );
  const cell = (v: string) => `"${v.replace(/"/g, '""')}"`;
  return (
    [
      "Asset Tag,Serial Number,Manufacturer,Model,Site,Location",
      [d.tag, d.serial ?? "", d.maker, d.model, d.site, `Matrix room ${stamp()}`].map(cell).join(","),
    ].join("\n") + "\n"
  );
}

/** A patch item on a Lakeside ventilator: an advisory matched to it and the OEM's validated patch for its model. */
function patchItem(db: Db, sqlite: Database.Database): { advisoryId: number; deviceId: number; assetTag: string; trackingId: string } {
  const dev = q<{ id: number; modelId: number; tag: string }>(
    sqlite,
    "select d.id, d.model_id as modelId, d.asset_tag as tag from devices d join device_models m on m.id = d.model_id join device_classes c on c.id = m.device_class_id where c.name = 'Ventilators' and d.site_id = 1 and d.status <> 'retired' order by d.id limit 1",
  );
  const adv = makeAdvisory(db, { cvss: 9.8, trackingId: `ICSMA-98-${stamp()}` });
  matchDevices(db, adv, [dev.id]);
  validatePatch(db, adv.advisoryId, dev.modelId, inDays(-5));
  return { advisoryId: adv.advisoryId, deviceId: dev.id, assetTag: dev.tag, trackingId: adv.trackingId };
}
const patchKey = (db: Db, sqlite: Database.Database) => {
  const { advisoryId, deviceId } = patchItem(db, sqlite);
  return { advisoryId: String(advisoryId), deviceId: String(deviceId) };
};
function completionsCsv(db: Db, sqlite: Database.Database): string {
  const i = patchItem(db, sqlite);
  return `Asset tag,Advisory,Work order,Date applied\n${i.assetTag},${i.trackingId},WO-${stamp()},${today()}\n`;
}

const MATRIX: Record<string, Row> = {
  // Organization (admin only)
  createSiteAction: { allowed: ADMIN_ONLY, input: () => ({ name: `Matrix Clinic ${stamp()}`, code: `M${stamp().slice(-5)}`, kind: "clinic" }) },
  updateSiteAction: {
    allowed: ADMIN_ONLY,
    input: ({ sqlite }) => ({
      ...q<{ id: number; name: string; code: string }>(sqlite, "select id, name || ' renamed' as name, code from sites order by id limit 1"),
      kind: "hospital",
    }),
  },
  createPartyAction: { allowed: ADMIN_ONLY, input: () => ({ name: `Matrix party ${stamp()}`, kind: "internal", description: "" }) },
  updatePartyAction: {
    allowed: ADMIN_ONLY,
    input: ({ sqlite }) => ({
      ...q<{ id: number; name: string; kind: string }>(sqlite, "select id, name || ' (renamed)' as name, kind from parties order by id limit 1"),
      description: "",
    }),
  },
  createDeviceClassAction: {
    allowed: ADMIN_ONLY,
    input: () => ({ name: `Matrix class ${stamp()}`, description: "", regulated: "yes", fdaClass: "II", connectivity: "wired", criticality: "high" }),
  },
  updateDeviceClassAction: {
    allowed: ADMIN_ONLY,
    input: ({ sqlite }) => ({
      ...q<{ id: number; name: string }>(
        sqlite,
        "select id, name || ' (renamed)' as name from device_classes where archived_at is null order by id desc limit 1",
      ),
      description: "",
      regulated: "yes",
      fdaClass: "II",
      connectivity: "wired",
      criticality: "high",
    }),
  },
  moveDeviceClassAction: {
    allowed: ADMIN_ONLY,
    input: ({ sqlite }) => ({
      id: q<{ id: number }>(sqlite, "select id from device_classes where parent_id is not null and archived_at is null order by id desc limit 1").id,
      parentId: "",
    }),
  },
  archiveDeviceClassAction: {
    allowed: ADMIN_ONLY,
    input: ({ sqlite }) => ({
      id: q<{ id: number }>(
        sqlite,
        "select id from device_classes c where archived_at is null and not exists (select 1 from device_classes k where k.parent_id = c.id) order by id desc limit 1",
      ).id,
      archived: "true",
    }),
  },
  // Users (admin only)
  createUserAction: {
    allowed: ADMIN_ONLY,
    input: () => ({
      email: `matrix-${stamp()}@lakeside.example`,
      name: "Matrix User",
      title: "",
      roles: ["contributor"],
      password: "a long enough new password 42",
    }),
  },
  updateUserAction: { allowed: ADMIN_ONLY, input: () => ({ id: ids["assessor"], name: "Jordan Lee (renamed)", title: "", roles: ["contributor"] }) },
  setUserActiveAction: { allowed: ADMIN_ONLY, input: () => ({ id: ids["assessor"], active: "false" }) },
  setUserPasswordAction: { allowed: ADMIN_ONLY, input: () => ({ id: ids["assessor"], password: "another long new password 77" }) },
  // MFA (issue #14): an admin resets another user's authenticator (the assessor enrolled first) and sets the policy.
  resetUserMfaAction: {
    allowed: ADMIN_ONLY,
    input: async ({ db }) => {
      await enrolForMatrix(db, demo(db, "assessor"));
      return { id: String(ids["assessor"]) };
    },
  },
  setMfaPolicyAction: { allowed: ADMIN_ONLY, input: () => ({ required: "true" }) },
  // SSO group mapping (admin only): it decides roles.
  saveSsoGroupMappingAction: { allowed: ADMIN_ONLY, input: () => ({ groupName: `matrix-group-${stamp()}`, role: "contributor", partyId: "" }) },
  deleteSsoGroupMappingAction: {
    allowed: ADMIN_ONLY,
    input: async ({ db }) => {
      const { saveSsoGroupMapping } = await import("@/lib/services/admin/manage-sso-group-mappings");
      return { id: String(saveSsoGroupMapping(db, demo(db, "admin"), { id: null, groupName: `matrix-group-${stamp()}`, role: "auditor", partyId: null })) };
    },
  },
  // One's own account: every signed-in person, on their own account only (the service never takes a user id).
  changeOwnPasswordAction: { allowed: SELF, input: () => ({ currentPassword: PW, newPassword: "a brand new passphrase for the matrix 9" }) },
  startTotpEnrolmentAction: { allowed: SELF, input: () => ({}) },
  confirmTotpEnrolmentAction: {
    allowed: SELF,
    input: async ({ db }) => {
      // The enrolment is started for whoever the session is (the admin when there is none), so only the door differs.
      const who = (state.session as { actor: Actor | null }).actor ?? demo(db, "admin");
      const { startTotpEnrolment } = await import("@/lib/services/account/start-totp-enrolment");
      const e = await startTotpEnrolment(db, who);
      return { code: await generate({ secret: e.manualKey.replace(/\s+/g, ""), epoch: Math.floor(clock.ms() / 1000) }) };
    },
  },
  // RACI activities and settings (admin only)
  createActivityAction: { allowed: ADMIN_ONLY, input: () => ({ name: `Matrix activity ${stamp()}`, description: "", csfRefs: "PR.PS-02" }) },
  updateActivityAction: {
    allowed: ADMIN_ONLY,
    input: ({ sqlite }) => ({
      ...q<{ id: number; name: string }>(sqlite, "select id, name || ' (edited)' as name from activities order by id limit 1"),
      description: "",
      csfRefs: "GV.PO-01",
    }),
  },
  moveActivityAction: {
    allowed: ADMIN_ONLY,
    input: ({ sqlite }) => ({ id: q<{ id: number }>(sqlite, "select id from activities order by sort_order desc limit 1").id, direction: "up" }),
  },
  retireActivityAction: {
    allowed: ADMIN_ONLY,
    input: ({ sqlite }) => ({ id: q<{ id: number }>(sqlite, "select id from activities order by sort_order desc limit 1").id, retired: "true" }),
  },
  reattestSettingAction: { allowed: ADMIN_ONLY, input: () => ({ months: "18" }) },
  // Audit
  verifyAuditAction: { allowed: ["admin", "auditor"], input: () => ({}) },
  // RACI
  setRaciCellAction: {
    allowed: ["admin", "lead"],
    input: ({ sqlite }) => {
      const cls = q<{ id: number }>(
        sqlite,
        "select c.id from device_classes c where c.archived_at is null and not exists (select 1 from raci_versions v where v.device_class_id = c.id and v.status = 'in_review') order by c.id limit 1",
      ).id;
      const rev = q<{ r: number } | undefined>(sqlite, `select revision as r from raci_revisions where scope = 'class:${cls}'`)?.r ?? 0;
      return {
        scope: String(cls),
        activityId: q<{ id: number }>(sqlite, "select id from activities order by sort_order desc limit 1").id,
        partyId: "1",
        letter: "I",
        expectedRevision: String(rev),
      };
    },
  },
  submitRaciAction: {
    allowed: ["admin", "lead"],
    input: async ({ db, sqlite }) => {
      // A class with an effective version gets an edit by the CE lead (its own column), so there is something to submit.
      const { setRaciCell } = await import("@/lib/services/raci/set-raci-cell");
      const { id: cls, content } = q<{ id: number; content: string }>(
        sqlite,
        "select v.device_class_id as id, v.content from raci_versions v where v.status = 'effective' and not exists (select 1 from raci_versions w where w.device_class_id = v.device_class_id and w.status = 'in_review') order by v.device_class_id limit 1",
      );
      const cell = harmlessCell(content);
      const rev = q<{ r: number } | undefined>(sqlite, `select revision as r from raci_revisions where scope = 'class:${cls}'`)?.r ?? 0;
      setRaciCell(db, demo(db, "ce.lead"), { scope: cls, activityId: cell.activityId, partyId: 1, letter: cell.letter, expectedRevision: rev });
      return { classId: String(cls) };
    },
  },
  signRaciAction: {
    // The version in review waits for the IT lead and the leadership approval; the CE lead has signed already.
    allowed: ["leadership", "otherSite"],
    input: ({ sqlite }) => ({
      versionId: q<{ id: number }>(sqlite, "select id from raci_versions where status = 'in_review' order by id limit 1").id,
      password: PW,
    }),
  },
  reattestRaciAction: {
    // A version due for re-attestation that waits for the CE lead and the leadership re-attestation.
    allowed: ["leadership", "lead", "otherSite"],
    input: ({ sqlite }) => ({
      versionId: q<{ id: number }>(
        sqlite,
        `select v.id from raci_versions v where v.status = 'effective' and v.last_attested_at < '${inDays(-365)}' and v.required_signers like '%"userId":${ids["ce.lead"]},%'
           and not exists (select 1 from signatures s where s.entity_type = 'raci_version' and s.entity_id = cast(v.id as text) and s.kind = 'reattest' and s.signed_at > v.last_attested_at)
         order by v.id limit 1`,
      ).id,
      password: PW,
    }),
  },
  returnRaciAction: {
    allowed: ["admin", "leadership", "lead", "otherSite"],
    input: ({ sqlite }) => ({
      versionId: q<{ id: number }>(sqlite, "select id from raci_versions where status = 'in_review' order by id limit 1").id,
      comment: "Please revisit the OEM row.",
    }),
  },
  // Plans
  createPlanAction: {
    allowed: [...ORG_ROLES, "otherSite"],
    input: () => ({ title: `Matrix plan ${stamp()}`, siteId: "", scenario: "Ransomware on the infusion pump server." }),
  },
  startNewPlanVersionAction: { allowed: ORG_ROLES, input: () => ({ planId: "2" }) },
  updatePlanDraftAction: {
    allowed: ORG_ROLES,
    input: async ({ db }) => {
      const { startNewPlanVersion } = await import("@/lib/services/plans/start-new-plan-version");
      const draft = startNewPlanVersion(db, demo(db, "admin"), 2);
      return {
        planId: "2",
        expectedRevision: String(draft.revision),
        scenario: "PACS outage, revised.",
        deviceClassIds: [],
        activityIds: [],
        namedUserIds: [],
        namedPartyIds: [],
        steps: "[]",
        contacts: "[]",
        downtimeProcedures: "",
        reviewIntervalMonths: "12",
        exerciseIntervalMonths: "12",
      };
    },
  },
  approvePlanVersionAction: {
    allowed: ["leadership"],
    input: async ({ db }) => {
      const { startNewPlanVersion } = await import("@/lib/services/plans/start-new-plan-version");
      const { updatePlanDraft } = await import("@/lib/services/plans/update-plan-draft");
      const lead = demo(db, "ce.lead");
      const draft = startNewPlanVersion(db, lead, 2);
      updatePlanDraft(db, lead, {
        planId: 2,
        expectedRevision: draft.revision,
        scenario: "PACS outage, revised.",
        deviceClassIds: [],
        activityIds: [],
        namedUserIds: [],
        namedPartyIds: [1],
        steps: STEPS,
        contacts: [],
        downtimeProcedures: "",
        reviewIntervalMonths: 12,
        exerciseIntervalMonths: 12,
      } as never);
      return { planId: "2", password: PW };
    },
  },
  acknowledgePlanAction: { allowed: ["leadership", "otherSite"], input: () => ({ planVersionId: "5" }) },
  // Drills (Lakeside)
  scheduleDrillAction: {
    allowed: ORG_ROLES,
    input: () => ({
      title: `Matrix tabletop ${stamp()}`,
      type: "tabletop",
      siteId: "1",
      plannedDate: inDays(30),
      scenario: "",
      objectives: "Isolate the pump server within 30 minutes",
    }),
  },
  recordRealEventAction: {
    allowed: ORG_ROLES,
    input: () => ({ title: `Matrix event ${stamp()}`, siteId: "1", actualStart: today(), actualEnd: "", scenario: "", planIds: ["2"] }),
  },
  conductDrillAction: {
    allowed: ORG_ROLES,
    input: () => ({
      drillId: "5",
      actualStart: today(),
      actualEnd: "",
      minutesToDetect: "",
      minutesToIsolate: "",
      minutesToNotifyOem: "",
      minutesToRestore: "",
    }),
  },
  cancelDrillAction: { allowed: ORG_ROLES, input: () => ({ drillId: "5", reason: "Radiology go-live moved." }) },
  addObjectiveAction: { allowed: ORG_ROLES, input: () => ({ drillId: "5", text: "Read images from the downtime viewer" }) },
  rateObjectiveAction: {
    allowed: ORG_ROLES,
    input: async ({ db, sqlite }) => {
      const { conductDrill } = await import("@/lib/services/drills/conduct-drill");
      const { addObjective } = await import("@/lib/services/drills/add-objective");
      const admin = demo(db, "admin");
      addObjective(db, admin, { drillId: 5, text: "Read images from the downtime viewer" });
      conductDrill(db, admin, {
        drillId: 5,
        actualStart: today(),
        actualEnd: null,
        attendedParticipantIds: [],
        minutesToDetect: null,
        minutesToIsolate: null,
        minutesToNotifyOem: null,
        minutesToRestore: null,
      } as never);
      return {
        objectiveId: String(q<{ id: number }>(sqlite, "select id from drill_objectives where drill_id = 5 order by id desc limit 1").id),
        rating: "S",
        ratingNote: "",
      };
    },
  },
  addFindingAction: {
    allowed: ORG_ROLES,
    input: async ({ db }) => {
      const { conductDrill } = await import("@/lib/services/drills/conduct-drill");
      conductDrill(db, demo(db, "admin"), {
        drillId: 5,
        actualStart: today(),
        actualEnd: null,
        attendedParticipantIds: [],
        minutesToDetect: null,
        minutesToIsolate: null,
        minutesToNotifyOem: null,
        minutesToRestore: null,
      } as never);
      return {
        drillId: "5",
        kind: "strength",
        objectiveId: "",
        activityId: "",
        observation: "Radiology switched to the downtime viewer quickly.",
        rootCause: "",
        recommendation: "",
      };
    },
  },
  addImprovementItemAction: {
    allowed: ORG_ROLES,
    input: async ({ db }) => {
      const { conductDrill } = await import("@/lib/services/drills/conduct-drill");
      const { addFinding } = await import("@/lib/services/drills/add-finding");
      const admin = demo(db, "admin");
      conductDrill(db, admin, {
        drillId: 5,
        actualStart: today(),
        actualEnd: null,
        attendedParticipantIds: [],
        minutesToDetect: null,
        minutesToIsolate: null,
        minutesToNotifyOem: null,
        minutesToRestore: null,
      } as never);
      const f = addFinding(db, admin, {
        drillId: 5,
        kind: "improvement",
        objectiveId: null,
        activityId: null,
        observation: "Nobody knew the PACS vendor's phone number.",
        rootCause: "",
        recommendation: "",
      });
      return {
        findingId: String(f.id),
        title: "Add the PACS vendor to the contact list",
        capabilityElement: "planning",
        ownerPartyId: "2",
        ownerUserId: "",
        dueDate: inDays(60),
      };
    },
  },
  saveAarSummaryAction: {
    allowed: ORG_ROLES,
    input: async ({ db }) => {
      const { conductDrill } = await import("@/lib/services/drills/conduct-drill");
      conductDrill(db, demo(db, "admin"), {
        drillId: 5,
        actualStart: today(),
        actualEnd: null,
        attendedParticipantIds: [],
        minutesToDetect: null,
        minutesToIsolate: null,
        minutesToNotifyOem: null,
        minutesToRestore: null,
      } as never);
      return { drillId: "5", aarSummary: "Downtime viewer worked; contacts list incomplete." };
    },
  },
  // Northshore's seminar (conducted): out of the Eastgate-scoped CIO's reach.
  submitAarAction: {
    allowed: ORG_ROLES,
    input: async ({ db, sqlite }) => {
      const { rateObjective } = await import("@/lib/services/drills/rate-objective");
      const { saveAarSummary } = await import("@/lib/services/drills/save-aar-summary");
      const admin = demo(db, "admin");
      for (const o of sqlite.prepare("select id from drill_objectives where drill_id = 8 and rating is null").all() as { id: number }[])
        rateObjective(db, admin, { objectiveId: o.id, rating: "P", ratingNote: "" });
      saveAarSummary(db, admin, { drillId: 8, aarSummary: "Nursing leaders know whom to call when a pump is locked." });
      return { drillId: "8" };
    },
  },
  returnAarAction: { allowed: ["leadership"], input: () => ({ drillId: "4", comment: "Add the timings." }) },
  approveAarAction: { allowed: ["leadership"], input: () => ({ drillId: "4", password: PW }) },
  updateItemStatusAction: {
    allowed: ["admin", "leadership", "lead", "contributor"],
    input: () => ({ itemId: "8", status: "in_progress", closureEvidence: "" }),
  },
  setSiteRulesAction: { allowed: ADMIN_ONLY, input: () => ({ siteId: "1", cms: "on", jointCommission: "on", perPlan: "" }) },
  // Assessments (organization-wide and device-class scopes: the site-scoped CIO reaches them like the CIO)
  createAssessmentAction: {
    allowed: [...ORG_ROLES, "otherSite"],
    input: () => ({ name: `Matrix assessment ${stamp()}`, scopeType: "organization", siteId: "", deviceClassId: "", dueDate: inDays(90), carryForward: "" }),
  },
  // FY2027 (in progress, by the security lead): Identify is assigned to a party, Protect to the IT lead; admins and the author may answer anything.
  saveAnswerAction: {
    allowed: ANSWER_ID,
    input: ({ sqlite }) => {
      const version =
        q<{ v: number } | undefined>(sqlite, "select version as v from assessment_answers where assessment_id = 2 and subcategory_id = 'ID.AM-01'")?.v ?? 0;
      return {
        assessmentId: "2",
        subcategoryId: "ID.AM-01",
        current: "1",
        target: "3",
        notApplicable: "",
        naReason: "",
        notes: "",
        expectedVersion: String(version),
      };
    },
  },
  saveQuickCheckAction: { allowed: ANSWER_ID, input: () => ({ assessmentId: "2", questionKey: "ID-1", answer: "partly", note: "" }) },
  addEvidenceAction: { allowed: ANSWER_ID, input: () => ({ assessmentId: "2", subcategoryId: "ID.AM-01", body: "CMMS reconciliation, November", url: "" }) },
  setTierAction: {
    allowed: ADMIN_ONLY,
    input: () => ({ assessmentId: "2", tier: "2", rationale: "Processes exist but are not yet repeatable across sites." }),
  },
  createActionItemAction: {
    allowed: [...ORG_ROLES, "otherSite"],
    input: () => ({
      assessmentId: "1",
      subcategoryId: "ID.AM-01",
      title: "Reconcile CMMS with NAC monthly",
      ownerPartyId: "1",
      ownerUserId: "",
      dueDate: inDays(60),
    }),
  },
  // Infusion pumps (in review, by the CE lead): a reviewer is leadership or a lead who did not write it.
  // API tokens (admin only)
  createApiTokenAction: { allowed: ADMIN_ONLY, input: () => ({ name: `Matrix token ${stamp()}`, scopes: ["read"], siteId: "", expiresOn: inDays(30) }) },
  revokeApiTokenAction: {
    allowed: ADMIN_ONLY,
    input: ({ sqlite }) => ({ id: String(q<{ id: number }>(sqlite, "select id from api_tokens order by id limit 1").id) }),
  },
  // Advisories and KEV imports (admins and party leads); the demo holds the same files already, so nothing may change.
  importAdvisoriesAction: {
    allowed: ["admin", "lead"],
    mayWriteNothing: true,
    input: () => ({
      files: [
        new File([fs.readFileSync(path.join(process.cwd(), "../shared/data/csaf-icsma/icsma-24-200-01.json"))], "icsma-24-200-01.json", {
          type: "application/json",
        }),
      ],
    }),
  },
  importKevAction: {
    allowed: ["admin", "lead"],
    mayWriteNothing: true,
    input: () => ({
      file: new File(
        [fs.readFileSync(path.join(process.cwd(), "../shared/data/kev/known_exploited_vulnerabilities.json"))],
        "known_exploited_vulnerabilities.json",
        { type: "application/json" },
      ),
    }),
  },
  // Matching advisories to devices and OEM positions (issue #13): the Clinical Engineering lead and admins.
  reviewMatchAction: {
    allowed: ["admin", "lead"],
    input: ({ sqlite }) => {
      const r = q<{ id: number; advisoryId: number }>(
        sqlite,
        "select m.id, m.advisory_id as advisoryId from advisory_device_matches m join devices d on d.id = m.device_id where m.confidence = 'possible' and m.review_decision is null and m.superseded_at is null and d.site_id = 1 order by m.id limit 1",
      );
      return { advisoryId: String(r.advisoryId), matchId: String(r.id), decision: "confirmed", reason: `Checked the label ${stamp()}` };
    },
  },
  recordOemPositionAction: {
    allowed: ["admin", "lead"],
    input: ({ sqlite }) => {
      const r = q<{ advisoryId: number; modelId: number }>(
        sqlite,
        "select advisory_id as advisoryId, model_id as modelId from advisory_device_matches order by id limit 1",
      );
      return {
        advisoryId: String(r.advisoryId),
        modelId: String(r.modelId),
        position: "patch_available",
        bulletinRef: `Bulletin ${stamp()}`,
        bulletinUrl: "",
        validatedVersion: "12.3.0",
        validatedOn: today(),
        installNotes: "",
        note: "",
      };
    },
  },
  rematchAllAction: { allowed: ["admin", "lead"], input: () => ({}) },
  // Recalls (issue #13 item 5): the Clinical Engineering lead and admins import and review; the action on a device is
  // recorded by the routed party's lead (the demo's Arrow kits have no signed owner, so the CE lead) and admins.
  importRecallsAction: {
    allowed: ["admin", "lead"],
    input: () => ({
      files: [
        new File(
          [
            JSON.stringify({
              results: [
                { recall_number: `Z-M${stamp()}`, product_code: "FOZ", recalling_firm: "Arrow International Inc", product_description: "Kit REF AK-25502" },
              ],
            }),
          ],
          "matrix-recall.json",
          { type: "application/json" },
        ),
      ],
    }),
  },
  reviewRecallMatchAction: {
    allowed: ["admin", "lead"],
    input: ({ sqlite }) => ({
      matchId: String(
        q<{ id: number }>(sqlite, "select id from recall_model_matches where confidence = 'confirm' and review_decision is null order by id limit 1").id,
      ),
      decision: "confirmed",
      reason: "The firm's notice lists this kit.",
    }),
  },
  recordRecallActionAction: {
    allowed: ["admin", "lead"],
    input: ({ sqlite }) => {
      const r = q<{ recallId: number; deviceId: number }>(
        sqlite,
        "select m.recall_id as recallId, d.id as deviceId from recall_model_matches m join devices d on d.model_id = m.model_id where m.confidence = 'matched' and not exists (select 1 from recall_actions a where a.recall_id = m.recall_id and a.device_id = d.id) order by d.id limit 1",
      );
      return { recallId: String(r.recallId), deviceId: String(r.deviceId), state: "done", workOrder: `WO-${stamp()}`, actionOn: today(), notes: "" };
    },
  },
  // Replace or mitigate: leads and admins write a decision; leadership (never its author) approves it with a signature.
  createSupportDecisionAction: {
    allowed: ["admin", "lead"],
    input: ({ sqlite }) => ({
      modelId: String(q<{ id: number }>(sqlite, "select id from device_models where name = 'Brilliance 64'").id),
      siteId: "",
      kind: "mitigate",
      controls: ["monitoring"],
      details: "",
      reviewOn: inDays(90),
      replaceBy: "",
      capitalRequestRef: "",
    }),
  },
  approveSupportDecisionAction: {
    allowed: ["leadership"],
    input: ({ db, sqlite }) => {
      const model = q<{ id: number }>(sqlite, "select id from device_models where name = 'Brilliance 64'").id;
      const d = createSupportDecision(db, demo(db, "ce.lead"), {
        modelId: model,
        siteId: null,
        kind: "replace",
        replaceBy: inDays(100),
        capitalRequestRef: `CR-${stamp()}`,
        controls: [],
        details: "",
        reviewOn: inDays(90),
      });
      return { decisionId: String(d.id), password: PW };
    },
  },
  // Signing through the OpenID provider (docs/decisions/0031): whoever may sign opens a challenge for their own session;
  // the actor's account is linked to the provider and the mocked session exists, so the allowed kinds really succeed.
  startSigningChallengeAction: {
    allowed: ["admin", "leadership", "lead", "contributor", "otherSite"],
    input: ({ sqlite, kind }) => {
      const email = (
        { admin: "admin", leadership: "cio", lead: "ce.lead", contributor: "assessor", auditor: "auditor", otherSite: "cio" } as Partial<Record<Kind, string>>
      )[kind];
      if (email) {
        const at = clock.now().toISOString();
        sqlite.prepare("update users set sso_subject = ? where id = ?").run(`https://idp.matrix.example ${email}`, ids[email]);
        sqlite
          .prepare("insert or ignore into sessions (id, user_id, created_at, last_seen_at, method) values ('matrix-account-session', ?, ?, ?, 'sso')")
          .run(ids[email], at, at);
      }
      return { entityType: "raci_version", entityId: "1", returnTo: "/raci/1" };
    },
  },
  // Webhooks (admin only)
  createWebhookAction: {
    allowed: ADMIN_ONLY,
    input: () => ({ name: `Matrix hook ${stamp()}`, url: "https://engine.hospital.example/clearline", events: ["raci.awaiting_signature"] }),
  },
  disableWebhookAction: {
    allowed: ADMIN_ONLY,
    input: async ({ db }) => {
      const { createWebhook } = await import("@/lib/services/webhooks/manage-webhooks");
      const { id } = createWebhook(db, demo(db, "admin"), {
        name: `Matrix hook ${stamp()}`,
        url: "https://engine.hospital.example/clearline",
        events: ["raci.awaiting_signature"],
      });
      return { id: String(id) };
    },
  },
  // Inventory (issue #12): the Clinical Engineering lead (the "lead" here) and admins import and edit; a preview writes nothing.
  previewImportAction: {
    allowed: ["admin", "lead"],
    mayWriteNothing: true,
    input: ({ sqlite }) => ({ file: new File([cmmsCsv(sqlite)], "cmms.csv", { type: "text/csv" }), source: "Matrix CMMS", defaultSiteId: "", profileId: "" }),
  },
  commitImportAction: {
    allowed: ["admin", "lead"],
    input: ({ sqlite }) => ({ file: new File([cmmsCsv(sqlite)], "cmms.csv", { type: "text/csv" }), source: "Matrix CMMS", defaultSiteId: "", profileId: "" }),
  },
  updateDeviceAction: {
    allowed: ["admin", "lead"],
    input: ({ sqlite }) => ({
      id: String(q<{ id: number }>(sqlite, "select id from devices where site_id = 1 order by id limit 1").id),
      location: `Matrix room ${stamp()}`,
      part: "device",
    }),
  },
  updateModelAction: {
    allowed: ["admin", "lead"],
    input: ({ sqlite }) => {
      const m = q<{ id: number; deviceClassId: number | null }>(sqlite, "select id, device_class_id as deviceClassId from device_models order by id limit 1");
      return {
        id: String(m.id),
        deviceClassId: m.deviceClassId == null ? "" : String(m.deviceClassId),
        modelNumber: `M-${stamp()}`,
        fdaProductCode: "",
        mds2OnFile: "",
        mds2Date: "",
        endOfSale: "",
        endOfSupport: "",
        endOfSecurityPatches: "",
      };
    },
  },
  // FY2027 in progress: its author (the security lead), an assignee or a coordinator submits it.
  submitAssessmentAction: {
    allowed: ["admin", "lead", "contributor"],
    input: async ({ db, sqlite }) => {
      // Every subcategory answered and the Tier rated, by an admin, so only who submits differs.
      const { saveAnswer } = await import("@/lib/services/assessments/save-answer");
      const { setTier } = await import("@/lib/services/assessments/set-tier");
      const { CSF_FUNCTIONS } = await import("@/lib/csf/catalog");
      const admin = demo(db, "admin");
      for (const sub of CSF_FUNCTIONS.flatMap((f) => f.categories.flatMap((c) => c.subcategories))) {
        const v =
          (
            sqlite.prepare("select version from assessment_answers where assessment_id = 2 and subcategory_id = ?").get(sub.id) as
              { version: number } | undefined
          )?.version ?? 0;
        saveAnswer(db, admin, {
          assessmentId: 2,
          subcategoryId: sub.id,
          current: 1,
          target: 2,
          notApplicable: false,
          naReason: "",
          notes: "",
          expectedVersion: v,
        } as never);
      }
      setTier(db, admin, { assessmentId: 2, tier: 2, rationale: "Processes exist but are not yet repeatable." });
      return { assessmentId: "2" };
    },
  },
  // Infusion pumps in review: every function accepted by the CIO first; leadership approves, never the author (CE lead).
  approveAssessmentAction: {
    allowed: ["leadership", "otherSite"],
    input: async ({ db, sqlite }) => {
      const { reviewFunction } = await import("@/lib/services/assessments/review-function");
      for (const r of sqlite.prepare("select function_id as f from assessment_function_reviews where assessment_id = 3 and status <> 'accepted'").all() as {
        f: string;
      }[]) {
        reviewFunction(db, demo(db, "cio"), { assessmentId: 3, functionId: r.f, decision: "accept", comment: "" } as never);
      }
      return { assessmentId: "3", password: PW };
    },
  },
  // A function the CIO returned: its assignees, the author (CE lead) or a coordinator resubmit it.
  resubmitFunctionAction: {
    allowed: ["admin", "lead", "contributor"],
    input: async ({ db, sqlite }) => {
      const { reviewFunction } = await import("@/lib/services/assessments/review-function");
      const f = q<{ f: string }>(
        sqlite,
        "select function_id as f from assessment_function_reviews where assessment_id = 3 and status = 'open' order by function_id limit 1",
      ).f;
      reviewFunction(db, demo(db, "cio"), { assessmentId: 3, functionId: f, decision: "return", comment: "Add evidence for the inventory." } as never);
      return { assessmentId: "3", functionId: f };
    },
  },
  reviewFunctionAction: {
    allowed: ["leadership", "otherSite"],
    input: ({ sqlite }) => ({
      assessmentId: "3",
      functionId: q<{ f: string }>(
        sqlite,
        "select function_id as f from assessment_function_reviews where assessment_id = 3 and status = 'open' order by function_id limit 1",
      ).f,
      decision: "accept",
      comment: "",
    }),
  },
  // Patch queue (issue #13 item 4). The item: a Lakeside ventilator (signed RACI: Clinical Engineering Responsible,
  // IT Infrastructure Accountable for patching) with an OEM-validated patch. The matrix's "lead" is the CE lead.
  recordPatchAppliedAction: {
    allowed: ["admin", "lead"],
    input: ({ db, sqlite }) => ({ ...patchKey(db, sqlite), appliedOn: today(), workOrder: `WO-${stamp()}`, notes: "" }),
  },
  markPatchNotApplicableAction: {
    allowed: ["admin", "lead"],
    input: ({ db, sqlite }) => ({ ...patchKey(db, sqlite), reason: "The vulnerable module is not installed." }),
  },
  // Only the Accountable party's lead (the IT lead here) signs a deferral; none of the matrix's kinds is that person.
  // The allowed case is in tests/services/patch-queue.test.ts.
  deferPatchAction: {
    allowed: [],
    input: ({ db, sqlite }) => ({ ...patchKey(db, sqlite), reason: "OR schedule full.", deferUntil: inDays(20), password: PW }),
  },
  savePatchPolicyAction: { allowed: ADMIN_ONLY, input: () => ({ kevDays: "10", criticalDays: "20", highDays: "45", otherDays: "90" }) },
  // A preview reads and writes nothing; rows the actor may not record are named as problems, not refused.
  previewPatchCompletionsAction: {
    allowed: ["admin", "leadership", "lead", "contributor", "auditor", "otherSite"],
    mayWriteNothing: true,
    input: ({ db, sqlite }) => ({ file: new File([completionsCsv(db, sqlite)], "done.csv", { type: "text/csv" }) }),
  },
  commitPatchCompletionsAction: {
    allowed: ["admin", "lead"],
    input: ({ db, sqlite }) => {
      const csv = completionsCsv(db, sqlite);
      // The commit records only the previewed file: the preview's SHA-256 goes with it, as the form sends it.
      return { file: new File([csv], "done.csv", { type: "text/csv" }), expectedSha256: crypto.createHash("sha256").update(csv).digest("hex") };
    },
  },
};

/** Actions whose row is not written yet: listed by name so the gap is visible, and reported as todo. Keep it empty. */
const PENDING = new Set<string>([]);

function exportedActions(): { name: string; file: string }[] {
  const out: { name: string; file: string }[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === "actions.ts") {
        for (const m of fs.readFileSync(p, "utf8").matchAll(/export const (\w+)\s*=\s*define(?:Public|Account)?Action\(/g))
          out.push({ name: m[1]!, file: path.relative(process.cwd(), p) });
      }
    }
  };
  walk(path.join(process.cwd(), "app"));
  return out;
}

const ACTIONS = exportedActions();

describe("authorization matrix over every server action", () => {
  test("every exported action has a row (or is listed as pending), and every row names a real action", () => {
    const names = ACTIONS.map((a) => a.name).filter((n) => n !== "setupAction");
    expect(
      names.filter((n) => !(n in MATRIX) && !PENDING.has(n)),
      "actions without a row in the matrix",
    ).toEqual([]);
    expect(
      Object.keys(MATRIX).filter((n) => !names.includes(n)),
      "rows for actions that do not exist",
    ).toEqual([]);
  });

  for (const { name, file } of ACTIONS) {
    const row = MATRIX[name];
    if (!row) {
      if (PENDING.has(name)) test.todo(`${name} (${file})`);
      continue;
    }
    test.each(KINDS.map((k) => [k, row.allowed.includes(k)] as const))(`${name}: %s → allowed %s`, async (kind, allowed) => {
      const { sqlite, db } = arrange(kind);
      const mod = (await import(/* @vite-ignore */ path.join(process.cwd(), file))) as Record<string, ActionFn>;
      const input = await row.input({ sqlite, db, kind });
      const before = digest(sqlite);
      const result = await mod[name]!(null, input);
      if (allowed) {
        expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
        if (!row.mayWriteNothing) expect(digest(sqlite)).not.toBe(before);
      } else {
        expect(result?.ok, JSON.stringify(result)).toBe(false);
        expect(digest(sqlite), "nothing changed after the refusal").toBe(before);
      }
      sqlite.close();
    });
  }
});

// ------------------------------------------------------------------------------------------------
// Route handlers: the same kinds of actor, through the real route wrapper.

interface RouteRow {
  /** Path with its parameters filled in, and the params the framework would pass. */
  request: (ctx: {
    sqlite: Database.Database;
    db: Db;
  }) => { url: string; params: Record<string, string> } | Promise<{ url: string; params: Record<string, string> }>;
  allowed: readonly Kind[];
  /** Statuses that count as "let through" (default 200). */
  okStatuses?: readonly number[];
}
const SIGNED_IN: Kind[] = ["admin", "leadership", "lead", "contributor", "auditor", "otherSite"];
const EVERYONE: Kind[] = [...KINDS];

const ROUTES: Record<string, RouteRow> = {
  // The probe opens no session and touches no governed data; it answers 503 here because the matrix's database is in memory.
  "app/api/health/route.ts GET": { allowed: EVERYONE, okStatuses: [200, 503], request: () => ({ url: "/api/health", params: {} }) },
  "app/api/raci/export/route.ts GET": { allowed: SIGNED_IN, request: () => ({ url: "/api/raci/export?format=csv", params: {} }) },
  "app/api/raci/classes/[classId]/export/route.ts GET": {
    allowed: SIGNED_IN,
    request: () => ({ url: "/api/raci/classes/4/export?format=csv", params: { classId: "4" } }),
  },
  // Lakeside's figures: the CIO limited to Eastgate may not ask for them.
  "app/api/dashboard/export/route.ts GET": {
    allowed: ["admin", "leadership", "lead", "contributor", "auditor"],
    request: () => ({ url: "/api/dashboard/export?site=1", params: {} }),
  },
  "app/api/assessments/[id]/export/route.ts GET": { allowed: SIGNED_IN, request: () => ({ url: "/api/assessments/2/export?format=csv", params: { id: "2" } }) },
  // The audit trail as CSV: the roles that read the trail (admins and auditors).
  "app/api/audit/export/route.ts GET": { allowed: ["admin", "auditor"], request: () => ({ url: "/api/audit/export", params: {} }) },
  // The inventory export: every role reads the inventory; a site-limited user gets only their site's devices.
  "app/api/inventory/export/route.ts GET": { allowed: SIGNED_IN, request: () => ({ url: "/api/inventory/export?format=csv", params: {} }) },
  "app/api/inventory/sample/route.ts GET": { allowed: SIGNED_IN, request: () => ({ url: "/api/inventory/sample", params: {} }) },
  // The import's progress bar: only who may import (an unknown job reads as null, not as someone else's progress).
  "app/api/inventory/import-progress/route.ts GET": {
    allowed: ["admin", "lead"],
    request: () => ({ url: "/api/inventory/import-progress?job=0b7e6f3c-matrix-job", params: {} }),
  },
  // The patch queue as CSV: every role reads the queue; a site-limited user gets only their site's items.
  "app/api/patches/export/route.ts GET": {
    allowed: SIGNED_IN,
    request: ({ db, sqlite }) => {
      patchItem(db, sqlite);
      return { url: "/api/patches/export?status=all", params: {} };
    },
  },
  // The OpenAPI document describes no data: public.
  "app/api/v1/openapi.json/route.ts GET": { allowed: EVERYONE, request: () => ({ url: "/api/v1/openapi.json", params: {} }) },
  // A redirect to the API reference's list of problem types: public, no data.
  "app/api/v1/problems/route.ts GET": { allowed: EVERYONE, okStatuses: [308], request: () => ({ url: "/api/v1/problems", params: {} }) },
  // A file on a Lakeside site assessment: out of the Eastgate-scoped CIO's reach.
  "app/api/evidence/[id]/route.ts GET": {
    allowed: ["admin", "leadership", "lead", "contributor", "auditor"],
    request: async ({ db, sqlite }) => {
      const { createAssessment } = await import("@/lib/services/assessments/create-assessment");
      const { dataDir } = await import("@/lib/server/config");
      const a = createAssessment(db, demo(db, "admin"), {
        name: "Lakeside site check",
        scopeType: "site",
        siteId: 1,
        deviceClassId: null,
        dueDate: inDays(60),
        carryForward: false,
      } as never);
      const storedName = `matrix-${stamp()}.csv`;
      fs.mkdirSync(path.join(dataDir(), "evidence"), { recursive: true });
      fs.writeFileSync(path.join(dataDir(), "evidence", storedName), "asset,model\n1,Alaris\n");
      sqlite
        .prepare(
          "insert into assessment_evidence (assessment_id, subcategory_id, kind, file_name, stored_name, content_type, size_bytes, added_by, added_at) values (?, 'ID.AM-01', 'file', 'inventory.csv', ?, 'text/csv', 20, ?, ?)",
        )
        .run(a.id, storedName, ids["admin"], clock.now().toISOString());
      const id = q<{ id: number }>(sqlite, "select max(id) as id from assessment_evidence").id;
      return { url: `/api/evidence/${id}`, params: { id: String(id) } };
    },
  },
};
/**
 * The integration API (/api/v1) has its own door: a bearer token, not a session (lib/server/api-route.ts). Each of its
 * handlers is tried with no token, a made-up token, a revoked token and a valid one; only the last is let through.
 *
 * Integration API route files → their declaration (lib/api/v1-routes.ts). Each is called through its real route
 * file with the declaration's own example (the one the OpenAPI document carries) and a token of its scope; the full
 * token matrix (expired, wrong scope, other site) is in tests/services/api-v1-endpoints.test.ts.
 */
const TOKEN_ROUTES: Record<string, () => Promise<ApiRouteDef<z.ZodType, z.ZodType, z.ZodType>>> = {
  "app/api/v1/advisories/route.ts GET": async () => (await import("@/lib/api/v1-routes")).listAdvisoriesRoute as never,
  "app/api/v1/advisories/route.ts POST": async () => (await import("@/lib/api/v1-routes")).uploadAdvisoryRoute as never,
  "app/api/v1/advisories/[id]/route.ts GET": async () => (await import("@/lib/api/v1-routes")).getAdvisoryRoute as never,
  "app/api/v1/raci/coverage/route.ts GET": async () => (await import("@/lib/api/v1-routes")).raciCoverageRoute as never,
  "app/api/v1/devices/route.ts GET": async () => (await import("@/lib/api/v1-routes")).listDevicesRoute as never,
  "app/api/v1/devices/bulk/route.ts POST": async () => (await import("@/lib/api/v1-routes")).upsertDevicesRoute as never,
  "app/api/v1/devices/[id]/route.ts GET": async () => (await import("@/lib/api/v1-routes")).getDeviceRoute as never,
  "app/api/v1/devices/by-asset-tag/[assetTag]/route.ts GET": async () => (await import("@/lib/api/v1-routes")).getDeviceByTagRoute as never,
  "app/api/v1/devices/[id]/history/route.ts GET": async () => (await import("@/lib/api/v1-routes")).deviceHistoryRoute as never,
  "app/api/v1/devices/[id]/history/route.ts POST": async () => (await import("@/lib/api/v1-routes")).recordDeviceWorkRoute as never,
  "app/api/v1/advisories/[id]/devices/route.ts GET": async () => (await import("@/lib/api/v1-routes")).advisoryDevicesRoute as never,
  "app/api/v1/patches/route.ts GET": async () => (await import("@/lib/api/v1-routes")).listPatchesRoute as never,
  "app/api/v1/patches/applied/route.ts POST": async () => (await import("@/lib/api/v1-routes")).recordPatchAppliedRoute as never,
  "app/api/v1/patches/not-applicable/route.ts POST": async () => (await import("@/lib/api/v1-routes")).markPatchNotApplicableRoute as never,
  "app/api/v1/patches/deferral-requests/route.ts POST": async () => (await import("@/lib/api/v1-routes")).requestPatchDeferralRoute as never,
  "app/api/v1/patches/completions/route.ts POST": async () => (await import("@/lib/api/v1-routes")).patchCompletionsRoute as never,
  "app/api/v1/recalls/route.ts GET": async () => (await import("@/lib/api/v1-routes")).listRecallsRoute as never,
  "app/api/v1/recalls/[id]/route.ts GET": async () => (await import("@/lib/api/v1-routes")).getRecallRoute as never,
  "app/api/v1/recalls/[id]/actions/route.ts POST": async () => (await import("@/lib/api/v1-routes")).recordRecallActionRoute as never,
  "app/api/v1/who-owns/route.ts GET": async () => (await import("@/lib/api/v1-routes")).whoOwnsRoute as never,
  "app/api/v1/dashboard/route.ts GET": async () => (await import("@/lib/api/v1-routes")).dashboardRoute as never,
  "app/api/v1/assessments/route.ts GET": async () => (await import("@/lib/api/v1-routes")).listAssessmentsRoute as never,
  "app/api/v1/assessments/[id]/route.ts GET": async () => (await import("@/lib/api/v1-routes")).getAssessmentRoute as never,
};

/** Handled by next-auth itself (sign-in, sign-out, CSRF token); its door is the sign-in service, tested in tests/services/sign-in*.test.ts. */
const FRAMEWORK_ROUTES = new Set(["app/api/auth/[...nextauth]/route.ts GET", "app/api/auth/[...nextauth]/route.ts POST"]);

function exportedHandlers(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === "route.ts") {
        const src = fs.readFileSync(p, "utf8");
        for (const m of src.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g))
          out.push(`${path.relative(process.cwd(), p)} ${m[1]}`);
        for (const m of src.matchAll(/export \{([^}]*)\}/g))
          for (const name of m[1]!.split(",").map((x) =>
            x
              .trim()
              .split(/\s+as\s+/)
              .pop()!,
          ))
            if (/^(GET|POST|PUT|PATCH|DELETE)$/.test(name)) out.push(`${path.relative(process.cwd(), p)} ${name}`);
      }
    }
  };
  walk(path.join(process.cwd(), "app", "api"));
  return out;
}

describe("authorization matrix over every route handler", () => {
  const handlers = exportedHandlers();
  test("every route handler has a row", () => {
    expect(handlers.filter((h) => !(h in ROUTES) && !(h in TOKEN_ROUTES) && !FRAMEWORK_ROUTES.has(h))).toEqual([]);
    expect([...Object.keys(ROUTES), ...Object.keys(TOKEN_ROUTES)].filter((h) => !handlers.includes(h))).toEqual([]);
  });

  for (const [key, row] of Object.entries(ROUTES)) {
    test.each(KINDS.map((k) => [k, row.allowed.includes(k)] as const))(`${key}: %s → allowed %s`, async (kind, allowed) => {
      const previous = process.env.DATABASE_PATH;
      process.env.DATABASE_PATH = path.join(fs.mkdtempSync(path.join((await import("node:os")).tmpdir(), "clearline-matrix-")), "clearline.db");
      const { sqlite, db } = arrange(kind);
      try {
        const [file, method] = key.split(" ") as [string, string];
        const mod = (await import(/* @vite-ignore */ path.join(process.cwd(), file))) as Record<
          string,
          (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>
        >;
        const { url, params } = await row.request({ sqlite, db });
        const before = digest(sqlite);
        const res = await mod[method]!(new Request(`http://clearline.test${url}`, { method }), { params: Promise.resolve(params) });
        if (allowed) expect(row.okStatuses ?? [200], await res.clone().text()).toContain(res.status);
        else {
          expect([401, 403, 404], await res.clone().text()).toContain(res.status);
          expect(digest(sqlite), "nothing changed after the refusal").toBe(before);
        }
      } finally {
        sqlite.close();
        fs.rmSync(path.dirname(process.env.DATABASE_PATH!), { recursive: true, force: true });
        process.env.DATABASE_PATH = previous;
      }
    });
  }
});

describe("authorization matrix over the integration API (bearer tokens)", () => {
  for (const [key, declaration] of Object.entries(TOKEN_ROUTES)) {
    test(`${key}: no token, a made-up token and a revoked token are refused; a valid token with its scope gets through`, async () => {
      const { sqlite, db } = arrange("anonymous");
      try {
        const { createApiToken } = await import("@/lib/services/api/create-api-token");
        const { revokeApiToken } = await import("@/lib/services/api/revoke-api-token");
        const route = await declaration();
        const admin = demo(db, "admin");
        const valid = createApiToken(db, admin, { name: "matrix valid", scopes: [route.scope], siteId: null, expiresOn: inDays(30) }).token;
        const revoked = createApiToken(db, admin, { name: "matrix revoked", scopes: [route.scope], siteId: null, expiresOn: inDays(30) });
        revokeApiToken(db, admin, revoked.id);
        const [file, method] = key.split(" ") as [string, string];
        expect(method).toBe(route.method);
        const mod = (await import(/* @vite-ignore */ path.join(process.cwd(), file))) as Record<
          string,
          (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>
        >;
        const ex = route.doc.example;
        const params = ex.params ?? {};
        const qs = new URLSearchParams(ex.query ?? {}).toString();
        const url = `${route.path.replace(/\{(\w+)\}/g, (_m, k: string) => encodeURIComponent(params[k]!))}${qs ? `?${qs}` : ""}`;
        const call = (token?: string) =>
          mod[method]!(
            new Request(`http://clearline.test${url}`, {
              method,
              headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(ex.body !== undefined ? { "content-type": "application/json" } : {}) },
              body: ex.body !== undefined ? JSON.stringify(ex.body) : undefined,
            }),
            { params: Promise.resolve(params) },
          );
        const before = digest(sqlite);
        for (const token of [undefined, "clt_00000000_madeup", revoked.token]) {
          const res = await call(token);
          expect(res.status, `${token ?? "no token"}: ${await res.clone().text()}`).toBe(401);
        }
        expect(digest(sqlite), "nothing changed after the refusals").toBe(before);
        const ok = await call(valid);
        expect(ok.status, await ok.clone().text()).toBe(route.status ?? 200);
      } finally {
        sqlite.close();
      }
    });
  }
});
