import { eq } from "drizzle-orm";
import type { Tx } from "../client";
import {
  actionItems,
  activities,
  drillClasses,
  drillFindings,
  drillObjectives,
  drillParticipants,
  drillPlans,
  drills,
  planAcknowledgements,
  planVersions,
  responsePlans,
  siteDrillSettings,
  type EXERCISE_TYPE_IDS,
} from "../schema";
import type { Actor } from "@/lib/auth/permissions";
import type { PlanContact, PlanStep } from "@/lib/rules/plans";
import type { CapabilityElement } from "@/lib/rules/drills";
import { appendAudit } from "@/lib/services/audit/append-audit";
import { defaultRules } from "@/lib/services/drills/compliance";
import { aarSignedContent, DRILL_ENTITY } from "@/lib/services/drills/drill-records";
import {
  acknowledgersOf,
  loadPeople,
  PLAN_ENTITY,
  planSignedContent,
  versionContent,
  type PlanRow,
  type PlanVersionRow,
} from "@/lib/services/plans/plan-records";
import { writeSignature } from "@/lib/services/signatures/sign-record";

type PartyKey = "ce" | "it" | "sec" | "clin" | "supply" | "em" | "oem";
type SiteCode = "LMH" | "NCH" | "EOC";
type Rating = "P" | "S" | "M" | "U";
type Capability = CapabilityElement;
type ExerciseType = (typeof EXERCISE_TYPE_IDS)[number];

const DAY = 86_400_000;

interface PlanContent {
  scenario: string;
  classes: string[];
  /** Activity name prefixes (db/seed/raci-data.ts). */
  activities: string[];
  users: string[];
  parties: PartyKey[];
  steps: { party: PartyKey | null; role: string; action: string }[];
  contacts: PlanContact[];
  downtimeProcedures: string;
}

interface ItemDef {
  title: string;
  capability: Capability;
  party: PartyKey;
  user?: string;
  /** Days before now (negative: after now). */
  due: number;
  inProgress?: number;
  closed?: { at: number; by: string; evidence: string };
}

interface FindingDef {
  kind: "strength" | "improvement";
  /** Index into the drill's objectives. */
  objective?: number;
  activity?: string;
  observation: string;
  rootCause?: string;
  recommendation?: string;
  items?: ItemDef[];
}

interface DrillDef {
  title: string;
  /** null: a real event that activated a plan. */
  type: ExerciseType | null;
  site: SiteCode;
  scenario: string;
  /** Days before now; negative for a drill still to come. Real events: the day they started. */
  planned: number;
  scheduled: { by: string; at: number };
  facilitator?: string;
  plans: number[];
  classes: string[];
  participants?: { users: string[]; parties: PartyKey[]; absent?: string[] };
  objectives: { text: string; rating?: Rating; note?: string }[];
  conducted?: { start: number; end?: number; by: string; minutes?: { detect?: number; isolate?: number; notifyOem?: number; restore?: number } };
  /** When the AAR (ratings, findings, items, overview) was written, days before now. */
  aar?: { by: string; at: number; summary: string; findings: FindingDef[] };
  submitted?: { by: string; at: number };
  approved?: number;
  cancelled?: { by: string; at: number; reason: string };
}

/**
 * Demo response plans and drills (issue #5 item 10): four plans approved by the CIO (one with a second
 * version, one overdue for review), acknowledgements partly done, and a year of drills across the three
 * sites such that Lakeside Main meets CMS and the Joint Commission, Northshore is overdue for CMS (a
 * functional exercise but no second listed exercise in the last 12 months) and Eastgate is exempt after a
 * real event. Rows are inserted directly, with the audit rows and signatures the services would write.
 */
export function seedDrillsDemo(
  tx: Tx,
  ctx: { users: Map<string, Actor>; partyIds: Map<string, number>; classIds: Map<string, number>; siteIds: Map<string, number>; now: Date },
) {
  const { users, partyIds, classIds, siteIds, now } = ctx;
  const u = (key: string) => {
    const a = users.get(`${key}@lakeside.example`);
    if (!a) throw new Error(`demo user ${key} missing`);
    return a;
  };
  const party = (key: PartyKey) => partyIds.get(key)!;
  const cls = (name: string) => {
    const id = classIds.get(name);
    if (!id) throw new Error(`demo class ${name} missing`);
    return id;
  };
  const acts = tx.select({ id: activities.id, name: activities.name }).from(activities).all();
  const act = (prefix: string) => {
    const a = acts.find((x) => x.name.startsWith(prefix));
    if (!a) throw new Error(`demo activity ${prefix} missing`);
    return a.id;
  };
  const site = (code: SiteCode) => siteIds.get(code)!;
  /** A moment `d` days before now (negative: after), at a fixed hour offset for ordering within a day. */
  const at = (d: number, hour = 0) => {
    const t = new Date(now.getTime() - d * DAY + hour * 3_600_000);
    if (t.getTime() > now.getTime()) throw new Error("demo history must not be in the future");
    return t;
  };
  const dateOf = (d: number) => new Date(now.getTime() - d * DAY).toISOString().slice(0, 10);
  const cio = u("cio");
  const ids = (xs: number[]) => JSON.stringify([...new Set(xs)].sort((a, b) => a - b));

  // ---------------------------------------------------------------------------------------------
  // Site rules: the hospitals keep their defaults; the clinic follows CMS and its own plans.
  // ---------------------------------------------------------------------------------------------
  const eastgateRules = { cms: true, jointCommission: false, perPlan: true };
  tx.insert(siteDrillSettings)
    .values({ siteId: site("EOC"), ...eastgateRules, updatedBy: u("admin").id, updatedAt: at(200).toISOString() })
    .run();
  appendAudit(tx, {
    actor: u("admin"),
    action: "SITE_DRILL_RULES_SET",
    entityType: "site",
    entityId: site("EOC"),
    oldValues: defaultRules("clinic"),
    newValues: eastgateRules,
    at: at(200),
  });

  // ---------------------------------------------------------------------------------------------
  // Plans
  // ---------------------------------------------------------------------------------------------
  const contentColumns = (c: PlanContent) => ({
    scenario: c.scenario,
    deviceClassIds: ids(c.classes.map(cls)),
    activityIds: ids(c.activities.map(act)),
    namedUserIds: ids(c.users.map((x) => u(x).id)),
    namedPartyIds: ids(c.parties.map(party)),
    steps: JSON.stringify(c.steps.map((s): PlanStep => ({ partyId: s.party ? party(s.party) : null, role: s.role, action: s.action }))),
    contacts: JSON.stringify(c.contacts),
    downtimeProcedures: c.downtimeProcedures,
    reviewIntervalMonths: 12,
    exerciseIntervalMonths: 12,
  });

  /** A new draft version: version 1 starts empty (createPlan), later ones copy the version in force (startNewPlanVersion). */
  const startVersion = (plan: PlanRow, versionNo: number, by: Actor, started: number, from?: PlanVersionRow, scenario = ""): PlanVersionRow => {
    const iso = at(started).toISOString();
    const copied = from
      ? {
          scenario: from.scenario,
          deviceClassIds: from.deviceClassIds,
          activityIds: from.activityIds,
          namedUserIds: from.namedUserIds,
          namedPartyIds: from.namedPartyIds,
          steps: from.steps,
          contacts: from.contacts,
          downtimeProcedures: from.downtimeProcedures,
          reviewIntervalMonths: from.reviewIntervalMonths,
          exerciseIntervalMonths: from.exerciseIntervalMonths,
        }
      : { scenario, reviewIntervalMonths: 12, exerciseIntervalMonths: 12 };
    const v = tx
      .insert(planVersions)
      .values({ planId: plan.id, versionNo, ...copied, createdBy: by.id, createdAt: iso, updatedBy: by.id, updatedAt: iso })
      .returning()
      .get();
    if (from)
      appendAudit(tx, {
        actor: by,
        action: "PLAN_VERSION_STARTED",
        entityType: PLAN_ENTITY,
        entityId: v.id,
        newValues: { planId: plan.id, versionNo, from: from.versionNo },
        at: at(started),
      });
    return v;
  };

  /** Saves the draft's content (updatePlanDraft). */
  const editVersion = (v: PlanVersionRow, c: PlanContent, by: Actor, edited: number): PlanVersionRow => {
    const cols = contentColumns(c);
    tx.update(planVersions)
      .set({ ...cols, revision: v.revision + 1, updatedBy: by.id, updatedAt: at(edited).toISOString() })
      .where(eq(planVersions.id, v.id))
      .run();
    tx.update(responsePlans)
      .set({ updatedAt: at(edited).toISOString() })
      .where(eq(responsePlans.id, v.planId))
      .run();
    const saved = tx.select().from(planVersions).where(eq(planVersions.id, v.id)).get()!;
    appendAudit(tx, {
      actor: by,
      action: "PLAN_DRAFT_UPDATED",
      entityType: PLAN_ENTITY,
      entityId: v.id,
      oldValues: versionContent(v),
      newValues: versionContent(saved),
      at: at(edited),
    });
    return saved;
  };

  const approve = (plan: PlanRow, v: PlanVersionRow, when: number): PlanVersionRow => {
    const iso = at(when).toISOString();
    const previous = tx
      .select()
      .from(planVersions)
      .where(eq(planVersions.planId, plan.id))
      .all()
      .find((x) => x.status === "approved");
    if (previous) tx.update(planVersions).set({ status: "superseded", supersededAt: iso }).where(eq(planVersions.id, previous.id)).run();
    tx.update(planVersions).set({ status: "approved", approvedBy: cio.id, approvedAt: iso }).where(eq(planVersions.id, v.id)).run();
    const approved = tx.select().from(planVersions).where(eq(planVersions.id, v.id)).get()!;
    writeSignature(
      tx,
      cio,
      { ref: { entityType: PLAN_ENTITY, entityId: String(v.id) }, content: planSignedContent(plan, approved), meaning: "Approved" },
      at(when),
    );
    tx.update(responsePlans).set({ updatedAt: iso }).where(eq(responsePlans.id, plan.id)).run();
    appendAudit(tx, {
      actor: cio,
      action: "PLAN_VERSION_APPROVED",
      entityType: PLAN_ENTITY,
      entityId: v.id,
      oldValues: { status: "draft", superseded: previous?.versionNo ?? null },
      newValues: { status: "approved", versionNo: v.versionNo },
      at: at(when),
    });
    return approved;
  };

  const createPlan = (title: string, siteCode: SiteCode | null, by: Actor, created: number, c: PlanContent, edited: number, approved: number) => {
    const iso = at(created).toISOString();
    const plan = tx
      .insert(responsePlans)
      .values({ title, siteId: siteCode ? site(siteCode) : null, createdBy: by.id, createdAt: iso, updatedAt: iso })
      .returning()
      .get();
    const v = startVersion(plan, 1, by, created, undefined, c.scenario);
    appendAudit(tx, {
      actor: by,
      action: "PLAN_CREATED",
      entityType: "response_plan",
      entityId: plan.id,
      newValues: { title, siteId: plan.siteId, scenario: c.scenario, reviewIntervalMonths: 12, exerciseIntervalMonths: 12, versionId: v.id },
      at: at(created),
    });
    return { plan, v1: approve(plan, editVersion(v, c, by, edited), approved) };
  };

  const people = loadPeople(tx);
  const acknowledge = (v: PlanVersionRow, who: string, when: number) => {
    const actor = u(who);
    if (!acknowledgersOf(v, people).includes(actor.id)) throw new Error(`${who} is not asked to acknowledge plan version ${v.id}`);
    tx.insert(planAcknowledgements)
      .values({ planVersionId: v.id, userId: actor.id, acknowledgedAt: at(when).toISOString() })
      .run();
    appendAudit(tx, {
      actor,
      action: "PLAN_ACKNOWLEDGED",
      entityType: PLAN_ENTITY,
      entityId: v.id,
      newValues: { planId: v.planId, versionNo: v.versionNo },
      at: at(when),
    });
  };

  // Ransomware on the infusion-pump servers: organization-wide; version 2 after the full-scale exercise.
  const pumpClasses = ["Infusion pumps", "Large-volume infusion pumps", "Syringe pumps", "PCA pumps"];
  const ransomwareV1: PlanContent = {
    scenario:
      "Ransomware encrypts the infusion-pump server (drug-library and auto-programming server) and spreads toward the clinical VLANs. " +
      "Pumps keep infusing on their cached drug library, but new drug-library updates, EHR auto-programming and pump event logs are lost until the server is restored.",
    classes: pumpClasses,
    activities: [
      "Triage device alerts",
      "Contain / isolate devices",
      "External notifications",
      "Backup and restore",
      "Restore / reimage",
      "Recovery communications",
    ],
    users: ["cio"],
    parties: ["ce", "it", "sec", "clin", "oem"],
    steps: [
      {
        party: "it",
        role: "Network on-call engineer",
        action: "Confirm the EDR alert on the pump server, declare a device-security incident and page the incident commander.",
      },
      {
        party: "it",
        role: "Network engineer",
        action: "Move the pump-server VLAN behind the quarantine ACL; do not power off pumps or the wireless controllers.",
      },
      { party: "clin", role: "Charge nurse", action: "Switch to manual pump programming with an independent double check; stop EHR auto-programming orders." },
      { party: "ce", role: "HTM on-call", action: "Call the pump manufacturer, open a security case and collect server and pump event logs for them." },
      {
        party: "sec",
        role: "Incident commander (CISO office)",
        action: "Scope the incident, preserve evidence and decide with Clinical Engineering on FDA, HHS/CISA and H-ISAC notifications.",
      },
      {
        party: "it",
        role: "Server team",
        action: "Rebuild the pump server from the offline backup; Clinical Engineering verifies the drug library before pumps reconnect.",
      },
    ],
    contacts: [
      { name: "Priya Natarajan", role: "IT Infrastructure Manager", phone: "555-0117" },
      { name: "Sam Okafor", role: "CISO, incident commander", phone: "555-0119" },
      { name: "Carlos Estrada", role: "Director of Clinical Engineering", phone: "555-0121" },
      { name: "Pump manufacturer support desk", role: "OEM technical support", phone: "555-0140" },
      { name: "Pharmacy on-call", role: "Drug-library owner", phone: "555-0163" },
    ],
    downtimeProcedures:
      "Pumps continue on the cached drug library. New orders are programmed manually with an independent double check by a second nurse. " +
      "Pharmacy prints the current high-alert infusion concentrations for every unit. Document infusions on the paper MAR until auto-programming is restored.",
  };
  const ransomwareV2: PlanContent = {
    ...ransomwareV1,
    parties: ["ce", "it", "sec", "clin", "em", "oem"],
    steps: [
      ...ransomwareV1.steps.slice(0, 3),
      {
        party: "ce",
        role: "HTM on-call",
        action: "Call the pump manufacturer's 24/7 product-security line (not the support desk), open a security case and send server and pump event logs.",
      },
      ransomwareV1.steps[4]!,
      {
        party: "it",
        role: "Server team",
        action:
          "Rebuild the pump server from the weekly offline backup, including the drug-library export; Clinical Engineering verifies the library before pumps reconnect.",
      },
      {
        party: "em",
        role: "Emergency operations lead",
        action: "Open the hospital command center and send recovery updates to nursing units every two hours until pumps are back on the server.",
      },
    ],
    contacts: [
      ...ransomwareV1.contacts.filter((c) => c.role !== "OEM technical support"),
      { name: "Pump manufacturer product security", role: "OEM product-security line (24/7)", phone: "555-0142" },
      { name: "Hospital command center", role: "Emergency operations", phone: "555-0100" },
    ],
  };
  const ransomware = createPlan("Ransomware locks infusion-pump servers", null, u("security.lead"), 320, ransomwareV1, 310, 300);

  // PACS outage: Lakeside Main Hospital only.
  const pacs = createPlan(
    "PACS outage",
    "LMH",
    u("ce.lead"),
    270,
    {
      scenario:
        "The PACS archive and reading servers at Lakeside Main become unavailable (hardware failure or a cyber incident). " +
        "CT and MRI keep acquiring images but cannot send them; radiologists cannot read prior studies.",
      classes: ["PACS and imaging IT", "PACS servers", "PACS workstations", "CT scanners", "MRI scanners"],
      activities: ["Triage device alerts", "Contain / isolate devices", "Backup and restore", "Restore / reimage", "Recovery communications"],
      users: ["security.lead"],
      parties: ["it", "ce", "clin", "oem"],
      steps: [
        {
          party: "it",
          role: "Server on-call",
          action: "Confirm the outage, check whether it is a cyber incident and page the PACS vendor and Information Security if so.",
        },
        {
          party: "clin",
          role: "Radiology supervisor",
          action: "Set modalities to store locally and read from the modality consoles; postpone non-urgent studies.",
        },
        {
          party: "ce",
          role: "Imaging engineer",
          action: "Verify modality local storage capacity every hour and move studies to the standby archive when it runs low.",
        },
        { party: "oem", role: "PACS vendor support", action: "Diagnose the archive, restore from the last good backup and confirm database integrity." },
        { party: "it", role: "Server team", action: "Re-send stored studies to PACS after restore and reconcile the study counts with each modality." },
      ],
      contacts: [
        { name: "PACS vendor support", role: "OEM 24/7 support", phone: "555-0150" },
        { name: "Radiology supervisor", role: "Clinical department owner", phone: "555-0131" },
        { name: "Priya Natarajan", role: "IT Infrastructure Manager", phone: "555-0117" },
      ],
      downtimeProcedures:
        "Urgent studies are read on the modality console and reported by phone to the ordering physician; the ED gets verbal preliminary reads. " +
        "Outside images arrive on disc and are read on the standalone viewer. Log every verbal report for entry into the RIS after recovery.",
    },
    255,
    250,
  );

  // Vendor remote-access compromise: organization-wide.
  const vendor = createPlan(
    "Vendor remote-access compromise",
    null,
    u("security.lead"),
    200,
    {
      scenario:
        "An OEM's remote-support channel (VPN account or vendor modem) is used by an attacker, or a vendor session is seen from an address outside the vendor's published ranges, " +
        "on imaging, monitoring or laboratory systems.",
      classes: ["Central monitoring stations", "CT scanners", "MRI scanners", "PACS servers", "Chemistry analyzers"],
      activities: [
        "OEM contract security terms",
        "Device credentials",
        "Monitor device traffic",
        "Triage device alerts",
        "Contain / isolate devices",
        "External notifications",
      ],
      users: [],
      parties: ["sec", "it", "ce", "supply", "oem"],
      steps: [
        { party: "sec", role: "Security analyst", action: "Confirm the suspicious vendor session from the monitoring alert and declare an incident." },
        { party: "it", role: "Network engineer", action: "Disable the vendor's VPN account and block the vendor jump host for the affected classes." },
        { party: "ce", role: "HTM engineer", action: "Check the device is safe for clinical use; take it out of service if its configuration changed." },
        { party: "oem", role: "OEM product security", action: "Confirm whether the session was theirs and which service account was used." },
        { party: "supply", role: "Contract manager", action: "Invoke the contract's security-incident clause and track the vendor's written report." },
      ],
      contacts: [
        { name: "Sam Okafor", role: "CISO, incident commander", phone: "555-0119" },
        { name: "Security operations", role: "24/7 monitoring", phone: "555-0110" },
        { name: "Vendor management office", role: "Supply Chain / Contracts", phone: "555-0171" },
      ],
      downtimeProcedures:
        "Devices whose vendor access was cut keep running locally. A device whose configuration may have changed is tagged out of service by Clinical Engineering " +
        "and replaced from the loaner pool; imaging studies are routed to the other scanner.",
    },
    185,
    180,
  );

  // Bedside monitor network outage: Northshore; approved 14 months ago and not reviewed since.
  const monitors = createPlan(
    "Bedside monitor network outage",
    "NCH",
    u("ce.lead"),
    440,
    {
      scenario:
        "The monitoring network at Northshore fails (switch failure, broadcast storm or malware): bedside monitors keep alarming locally, " +
        "but central stations and telemetry lose every patient.",
      classes: ["Physiologic monitors", "Bedside patient monitors", "Central monitoring stations", "Telemetry transmitters"],
      activities: ["Network segmentation", "Triage device alerts", "Contain / isolate devices", "Restore / reimage", "Recovery communications"],
      users: [],
      parties: ["ce", "it", "clin"],
      steps: [
        {
          party: "clin",
          role: "Charge nurse",
          action: "Call the outage overhead, put a nurse in line of sight of every monitored patient and turn bedside alarm volumes up.",
        },
        {
          party: "it",
          role: "Network on-call engineer",
          action: "Find the failed segment, fail over to the standby switch and rule out malware on the monitoring VLAN.",
        },
        {
          party: "ce",
          role: "HTM on-call",
          action: "Check central stations and telemetry receivers; call the monitor manufacturer if the network is healthy.",
        },
        { party: "ce", role: "HTM on-call", action: "Verify alarms end to end for each unit before central monitoring is declared restored." },
      ],
      contacts: [
        { name: "Northshore network on-call", role: "IT Infrastructure", phone: "555-0118" },
        { name: "Monitor manufacturer support", role: "OEM 24/7 support", phone: "555-0155" },
        { name: "Northshore nursing supervisor", role: "Clinical department owner", phone: "555-0133" },
      ],
      downtimeProcedures:
        "Bedside monitoring with a nurse in line of sight of each patient; telemetry patients move to monitored beds or get a 1:4 observer. " +
        "Vital signs are documented on paper every 15 minutes until central monitoring is verified.",
    },
    425,
    420,
  );

  // Acknowledgements: version 1 of the ransomware plan by everyone; version 2 only partly.
  for (const [who, d] of [
    ["ce.lead", 296],
    ["security.lead", 295],
    ["it.lead", 294],
    ["assessor", 290],
    ["cio", 288],
  ] as const)
    acknowledge(ransomware.v1, who, d);
  const v2 = editVersion(startVersion(ransomware.plan, 2, u("ce.lead"), 70, ransomware.v1), ransomwareV2, u("ce.lead"), 60);
  const ransomwareV2Approved = approve(ransomware.plan, v2, 45);
  acknowledge(ransomwareV2Approved, "ce.lead", 44);
  acknowledge(ransomwareV2Approved, "assessor", 40);
  // PACS: complete. Vendor: the IT lead has not acknowledged. Monitors: complete (long ago).
  for (const [who, d] of [
    ["it.lead", 245],
    ["ce.lead", 244],
    ["security.lead", 240],
    ["assessor", 238],
  ] as const)
    acknowledge(pacs.v1, who, d);
  for (const [who, d] of [
    ["security.lead", 178],
    ["ce.lead", 175],
    ["assessor", 170],
  ] as const)
    acknowledge(vendor.v1, who, d);
  for (const [who, d] of [
    ["ce.lead", 418],
    ["it.lead", 415],
    ["assessor", 410],
  ] as const)
    acknowledge(monitors.v1, who, d);

  // ---------------------------------------------------------------------------------------------
  // Drills
  // ---------------------------------------------------------------------------------------------
  const createDrill = (def: DrillDef) => {
    const realEvent = def.type === null;
    const scheduledAt = at(def.scheduled.at);
    const by = u(def.scheduled.by);
    const d = tx
      .insert(drills)
      .values({
        title: def.title,
        kind: realEvent ? "real_event" : "exercise",
        type: def.type,
        siteId: site(def.site),
        status: realEvent ? "conducted" : "planned",
        scenario: def.scenario,
        plannedDate: dateOf(def.planned),
        actualStart: realEvent ? dateOf(def.conducted!.start) : null,
        actualEnd: realEvent && def.conducted!.end != null ? dateOf(def.conducted!.end) : null,
        facilitatorUserId: def.facilitator ? u(def.facilitator).id : null,
        conductedBy: realEvent ? by.id : null,
        createdBy: by.id,
        createdAt: scheduledAt.toISOString(),
        updatedAt: scheduledAt.toISOString(),
      })
      .returning()
      .get();
    const planIds = def.plans;
    const deviceClassIds = def.classes.map(cls);
    for (const planId of planIds) tx.insert(drillPlans).values({ drillId: d.id, planId }).run();
    for (const deviceClassId of deviceClassIds) tx.insert(drillClasses).values({ drillId: d.id, deviceClassId }).run();
    const participantIds = new Map<string, number>();
    for (const key of def.participants?.users ?? [])
      participantIds.set(
        key,
        tx
          .insert(drillParticipants)
          .values({ drillId: d.id, userId: u(key).id })
          .returning()
          .get().id,
      );
    for (const key of def.participants?.parties ?? [])
      participantIds.set(
        key,
        tx
          .insert(drillParticipants)
          .values({ drillId: d.id, partyId: party(key) })
          .returning()
          .get().id,
      );
    const objectiveIds = def.objectives.map(
      (o, i) =>
        tx
          .insert(drillObjectives)
          .values({ drillId: d.id, text: o.text, sortOrder: i + 1 })
          .returning()
          .get().id,
    );
    if (realEvent) {
      appendAudit(tx, {
        actor: by,
        action: "REAL_EVENT_RECORDED",
        entityType: DRILL_ENTITY,
        entityId: d.id,
        newValues: { title: def.title, siteId: d.siteId, actualStart: d.actualStart, actualEnd: d.actualEnd, scenario: def.scenario, planIds, deviceClassIds },
        at: scheduledAt,
      });
      def.objectives.forEach((o, i) =>
        appendAudit(tx, {
          actor: by,
          action: "DRILL_OBJECTIVE_ADDED",
          entityType: DRILL_ENTITY,
          entityId: d.id,
          newValues: { objectiveId: objectiveIds[i], text: o.text },
          at: scheduledAt,
        }),
      );
    } else {
      appendAudit(tx, {
        actor: by,
        action: "DRILL_SCHEDULED",
        entityType: DRILL_ENTITY,
        entityId: d.id,
        newValues: {
          title: def.title,
          type: def.type,
          siteId: d.siteId,
          plannedDate: d.plannedDate,
          scenario: def.scenario,
          planIds,
          deviceClassIds,
          objectives: def.objectives.map((o) => o.text),
          facilitatorUserId: d.facilitatorUserId,
          participantUserIds: (def.participants?.users ?? []).map((k) => u(k).id),
          participantPartyIds: (def.participants?.parties ?? []).map(party),
        },
        at: scheduledAt,
      });
    }

    if (def.cancelled) {
      const c = def.cancelled;
      tx.update(drills)
        .set({ status: "cancelled", cancelReason: c.reason, updatedAt: at(c.at).toISOString() })
        .where(eq(drills.id, d.id))
        .run();
      appendAudit(tx, {
        actor: u(c.by),
        action: "DRILL_CANCELLED",
        entityType: DRILL_ENTITY,
        entityId: d.id,
        oldValues: { status: "planned" },
        newValues: { status: "cancelled", reason: c.reason },
        at: at(c.at),
      });
      return d;
    }
    if (!def.conducted) return d;

    const c = def.conducted;
    const conductedAt = at(c.end ?? c.start, 8);
    if (!realEvent) {
      const absent = new Set(def.participants?.absent ?? []);
      const attended: number[] = [];
      for (const [key, pid] of participantIds) {
        tx.update(drillParticipants)
          .set({ attended: !absent.has(key) })
          .where(eq(drillParticipants.id, pid))
          .run();
        if (!absent.has(key)) attended.push(pid);
      }
      const set = {
        status: "conducted" as const,
        actualStart: dateOf(c.start),
        actualEnd: c.end != null ? dateOf(c.end) : null,
        minutesToDetect: c.minutes?.detect ?? null,
        minutesToIsolate: c.minutes?.isolate ?? null,
        minutesToNotifyOem: c.minutes?.notifyOem ?? null,
        minutesToRestore: c.minutes?.restore ?? null,
        conductedBy: u(c.by).id,
      };
      tx.update(drills)
        .set({ ...set, updatedAt: conductedAt.toISOString() })
        .where(eq(drills.id, d.id))
        .run();
      appendAudit(tx, {
        actor: u(c.by),
        action: "DRILL_CONDUCTED",
        entityType: DRILL_ENTITY,
        entityId: d.id,
        oldValues: { status: "planned" },
        newValues: { ...set, attended },
        at: conductedAt,
      });
    }

    // The after-action report: ratings, strengths and areas for improvement, the improvement plan, the overview.
    const items: { id: number; def: ItemDef }[] = [];
    if (def.aar) {
      const a = def.aar;
      const author = u(a.by);
      const when = at(a.at, 9);
      def.objectives.forEach((o, i) => {
        if (!o.rating) return;
        tx.update(drillObjectives)
          .set({ rating: o.rating, ratingNote: o.note ?? "" })
          .where(eq(drillObjectives.id, objectiveIds[i]!))
          .run();
        appendAudit(tx, {
          actor: author,
          action: "DRILL_OBJECTIVE_RATED",
          entityType: DRILL_ENTITY,
          entityId: d.id,
          oldValues: { objectiveId: objectiveIds[i], rating: null, ratingNote: "" },
          newValues: { objectiveId: objectiveIds[i], rating: o.rating, ratingNote: o.note ?? "" },
          at: when,
        });
      });
      for (const f of a.findings) {
        const values = {
          drillId: d.id,
          kind: f.kind,
          objectiveId: f.objective != null ? objectiveIds[f.objective]! : null,
          activityId: f.activity ? act(f.activity) : null,
          observation: f.observation,
          rootCause: f.rootCause ?? "",
          recommendation: f.recommendation ?? "",
        };
        const row = tx
          .insert(drillFindings)
          .values({ ...values, createdBy: author.id, createdAt: when.toISOString() })
          .returning()
          .get();
        appendAudit(tx, {
          actor: author,
          action: f.kind === "strength" ? "DRILL_STRENGTH_ADDED" : "DRILL_AREA_FOR_IMPROVEMENT_ADDED",
          entityType: DRILL_ENTITY,
          entityId: d.id,
          newValues: { findingId: row.id, ...values },
          at: when,
        });
        for (const item of f.items ?? []) {
          const input = {
            findingId: row.id,
            title: item.title,
            capabilityElement: item.capability,
            ownerPartyId: party(item.party),
            ownerUserId: item.user ? u(item.user).id : null,
            dueDate: dateOf(item.due),
          };
          const i = tx
            .insert(actionItems)
            .values({
              sourceType: "drill",
              drillId: d.id,
              findingId: row.id,
              capabilityElement: item.capability,
              title: item.title,
              ownerPartyId: input.ownerPartyId,
              ownerUserId: input.ownerUserId,
              dueDate: input.dueDate,
              createdBy: author.id,
              createdAt: when.toISOString(),
              updatedAt: when.toISOString(),
            })
            .returning()
            .get();
          items.push({ id: i.id, def: item });
          appendAudit(tx, {
            actor: author,
            action: "ACTION_ITEM_CREATED",
            entityType: "action_item",
            entityId: i.id,
            newValues: { ...input, drillId: d.id, sourceType: "drill" },
            at: when,
          });
        }
      }
      tx.update(drills).set({ aarSummary: a.summary, updatedAt: when.toISOString() }).where(eq(drills.id, d.id)).run();
      appendAudit(tx, {
        actor: author,
        action: "DRILL_AAR_SUMMARY_SAVED",
        entityType: DRILL_ENTITY,
        entityId: d.id,
        oldValues: { aarSummary: "" },
        newValues: { aarSummary: a.summary },
        at: when,
      });
    }
    if (def.submitted) {
      const s = def.submitted;
      tx.update(drills)
        .set({ status: "aar_review", aarSubmittedBy: u(s.by).id, aarSubmittedAt: at(s.at, 10).toISOString(), updatedAt: at(s.at, 10).toISOString() })
        .where(eq(drills.id, d.id))
        .run();
      appendAudit(tx, {
        actor: u(s.by),
        action: "DRILL_AAR_SUBMITTED",
        entityType: DRILL_ENTITY,
        entityId: d.id,
        oldValues: { status: "conducted" },
        newValues: { status: "aar_review" },
        at: at(s.at, 10),
      });
    }
    if (def.approved != null) {
      // The signature covers the AAR as submitted: objectives, findings and the improvement plan already exist.
      const when = at(def.approved, 11);
      writeSignature(tx, cio, { ref: { entityType: DRILL_ENTITY, entityId: String(d.id) }, content: aarSignedContent(tx, d.id), meaning: "Approved" }, when);
      tx.update(drills)
        .set({ status: "aar_approved", aarApprovedBy: cio.id, aarApprovedAt: when.toISOString(), updatedAt: when.toISOString() })
        .where(eq(drills.id, d.id))
        .run();
      appendAudit(tx, {
        actor: cio,
        action: "DRILL_AAR_APPROVED",
        entityType: DRILL_ENTITY,
        entityId: d.id,
        oldValues: { status: "aar_review" },
        newValues: { status: "aar_approved" },
        at: when,
      });
    }

    // The improvement plan moves on after approval: items in progress and closed with evidence.
    for (const { id, def: item } of items) {
      const owner = item.user ? u(item.user) : cio;
      if (item.inProgress != null) {
        tx.update(actionItems)
          .set({ status: "in_progress", updatedAt: at(item.inProgress, 12).toISOString() })
          .where(eq(actionItems.id, id))
          .run();
        appendAudit(tx, {
          actor: owner,
          action: "ACTION_ITEM_STATUS_CHANGED",
          entityType: "action_item",
          entityId: id,
          oldValues: { status: "open" },
          newValues: { status: "in_progress" },
          at: at(item.inProgress, 12),
        });
      }
      if (item.closed) {
        const when = at(item.closed.at, 13);
        tx.update(actionItems)
          .set({ status: "closed", closureEvidence: item.closed.evidence, closedAt: when.toISOString(), updatedAt: when.toISOString() })
          .where(eq(actionItems.id, id))
          .run();
        appendAudit(tx, {
          actor: u(item.closed.by),
          action: "ACTION_ITEM_CLOSED",
          entityType: "action_item",
          entityId: id,
          oldValues: { status: item.inProgress != null ? "in_progress" : "open" },
          newValues: { status: "closed", closureEvidence: item.closed.evidence },
          at: when,
        });
      }
    }
    if (def.approved != null && items.every((i) => i.def.closed)) {
      const lastClosure = Math.min(def.approved, ...items.map((i) => i.def.closed!.at));
      const when = at(lastClosure, 13);
      const closer = items.find((i) => i.def.closed!.at === lastClosure)?.def.closed!.by ?? "cio";
      tx.update(drills).set({ status: "closed", closedAt: when.toISOString(), updatedAt: when.toISOString() }).where(eq(drills.id, d.id)).run();
      appendAudit(tx, {
        actor: u(closer),
        action: "DRILL_CLOSED",
        entityType: DRILL_ENTITY,
        entityId: d.id,
        oldValues: { status: "aar_approved" },
        newValues: { status: "closed", reason: "every improvement item is closed" },
        at: when,
      });
    }
    return d;
  };

  // --- Lakeside Main Hospital: meets CMS and the Joint Commission; one drill awaits AAR approval, one is planned.
  createDrill({
    title: "Medical device incident response workshop",
    type: "workshop",
    site: "LMH",
    scenario:
      "A facilitated workshop to agree who declares a device-security incident, who isolates devices and who calls the manufacturer, before any plan was written.",
    planned: 380,
    scheduled: { by: "security.lead", at: 420 },
    facilitator: "security.lead",
    plans: [],
    classes: ["Infusion pumps", "Physiologic monitors"],
    participants: { users: ["ce.lead", "it.lead", "assessor"], parties: ["clin", "em"], absent: ["em"] },
    objectives: [
      {
        text: "Agree who declares a device-security incident and how clinical units are told",
        rating: "S",
        note: "Agreed for weekdays; nights and weekends still unclear.",
      },
      { text: "Walk through the RACI activities for containment and OEM notification", rating: "P" },
    ],
    conducted: { start: 380, by: "security.lead" },
    aar: {
      by: "security.lead",
      at: 376,
      summary:
        "Clinical Engineering, IT and nursing agreed a single escalation path. The organization has no written response plan for its top device scenarios; the first one will cover ransomware on the infusion-pump servers.",
      findings: [
        { kind: "strength", objective: 1, observation: "Clinical Engineering and IT agreed one on-call escalation path for device-security alerts." },
        {
          kind: "improvement",
          objective: 0,
          activity: "Exercise the plans",
          observation: "There is no written response plan for ransomware on the infusion-pump servers; each team described a different first step.",
          rootCause: "Response knowledge lived in individual email threads.",
          recommendation: "Write, approve and communicate a response plan per top scenario, starting with infusion pumps.",
          items: [
            {
              title: "Write the infusion-pump ransomware response plan and have it approved",
              capability: "planning",
              party: "ce",
              user: "ce.lead",
              due: 330,
              closed: { at: 299, by: "ce.lead", evidence: "Plan “Ransomware locks infusion-pump servers” version 1 approved and signed by the CIO." },
            },
          ],
        },
      ],
    },
    submitted: { by: "security.lead", at: 372 },
    approved: 368,
  });

  createDrill({
    title: "PACS outage tabletop",
    type: "tabletop",
    site: "LMH",
    scenario: "Monday 07:30: the PACS archive stops answering. CT and MRI have a full morning list and the ED has three trauma patients waiting for imaging.",
    planned: 200,
    scheduled: { by: "ce.lead", at: 240 },
    facilitator: "ce.lead",
    plans: [pacs.plan.id],
    classes: ["PACS servers", "PACS workstations", "CT scanners"],
    participants: { users: ["it.lead", "security.lead", "assessor"], parties: ["clin", "oem"], absent: ["oem"] },
    objectives: [
      {
        text: "Radiology switches to modality-local storage and console reading within 30 minutes",
        rating: "S",
        note: "Done in 40 minutes; the ED was told late.",
      },
      {
        text: "IT identifies the last good PACS backup and estimates the restore time",
        rating: "M",
        note: "The runbook pointed at a retired backup appliance.",
      },
      { text: "Clinical Engineering reaches the PACS vendor's support desk", rating: "P" },
    ],
    conducted: { start: 200, by: "ce.lead", minutes: { detect: 12, notifyOem: 35, restore: 480 } },
    aar: {
      by: "ce.lead",
      at: 197,
      summary:
        "Radiology kept urgent imaging going on the modality consoles. Restoring the archive would have taken a full day because the restore runbook was out of date, and the ED heard about the outage 50 minutes after radiology.",
      findings: [
        { kind: "strength", objective: 2, observation: "The PACS vendor was reached in 35 minutes through the contract's escalation number." },
        {
          kind: "improvement",
          objective: 1,
          activity: "Backup and restore",
          observation: "The restore runbook referred to a retired backup appliance; nobody could say how old the last restorable copy was.",
          rootCause: "The runbook was not updated when PACS backups moved to the new appliance.",
          recommendation: "Update the runbook and test a restore every quarter.",
          items: [
            {
              title: "Update the PACS restore runbook and run a timed test restore",
              capability: "planning",
              party: "it",
              user: "it.lead",
              due: 150,
              closed: { at: 160, by: "it.lead", evidence: "Runbook version 3 in the IT wiki; test restore completed in 3 h 40 min under change CHG-20417." },
            },
          ],
        },
        {
          kind: "improvement",
          objective: 0,
          activity: "Recovery communications",
          observation: "The emergency department learned of the outage 50 minutes after radiology.",
          rootCause: "The PACS outage call tree ended at radiology.",
          recommendation: "Add the ED charge nurse to the outage paging group.",
          items: [
            {
              title: "Add the ED charge nurse to the PACS-DOWN paging group",
              capability: "organization",
              party: "it",
              user: "it.lead",
              due: 170,
              closed: { at: 172, by: "it.lead", evidence: "Paging group PACS-DOWN now includes the ED charge nurse phone; test page acknowledged." },
            },
          ],
        },
      ],
    },
    submitted: { by: "ce.lead", at: 195 },
    approved: 190,
  });

  createDrill({
    title: "Ransomware on the infusion-pump server — full-scale exercise",
    type: "full_scale",
    site: "LMH",
    scenario:
      "Live exercise on the test pump server and two medical-surgical units: the pump server is 'encrypted' at 10:00. Nursing runs real pumps on the cached library while IT isolates the VLAN and restores from backup.",
    planned: 90,
    scheduled: { by: "security.lead", at: 150 },
    facilitator: "security.lead",
    plans: [ransomware.plan.id],
    classes: ["Infusion pumps", "Large-volume infusion pumps", "Syringe pumps"],
    participants: { users: ["ce.lead", "it.lead", "assessor", "cio"], parties: ["clin", "em", "oem"], absent: ["oem"] },
    objectives: [
      {
        text: "Detect the encrypted pump server and declare an incident within 30 minutes",
        rating: "S",
        note: "Detected in 22 minutes; declared at 41 minutes because the on-call list was out of date.",
      },
      {
        text: "Isolate the pump-server VLAN without interrupting running infusions",
        rating: "M",
        note: "Isolation took 95 minutes: the quarantine ACL was written during the exercise.",
      },
      { text: "Notify the pump manufacturer's product-security team", rating: "S", note: "The general support desk was called first." },
      { text: "Keep infusions running on the cached drug library with double checks", rating: "P" },
      {
        text: "Restore the pump server from the offline backup and verify it before pumps reconnect",
        rating: "U",
        note: "The offline drug-library copy was five weeks old; the restore was stopped.",
      },
    ],
    conducted: { start: 90, by: "security.lead", minutes: { detect: 22, isolate: 95, notifyOem: 70 } },
    aar: {
      by: "security.lead",
      at: 85,
      summary:
        "Nursing kept every infusion running safely. Detection was quick, but isolation depended on an ACL written under pressure and the server could not be restored because the offline drug-library copy was stale. Plan version 2 adds the OEM's product-security line and the command center.",
      findings: [
        {
          kind: "strength",
          objective: 3,
          observation:
            "Both units kept every infusion running on the cached drug library; the independent double check was applied to every manual programming.",
        },
        {
          kind: "improvement",
          objective: 1,
          activity: "Contain / isolate devices",
          observation: "There was no pre-approved quarantine ACL for the pump-server VLAN; engineers wrote and tested one during the exercise.",
          rootCause: "The plan described isolation but no one had scripted or tested it.",
          recommendation: "Pre-stage a one-command quarantine ACL and test it twice a year.",
          items: [
            {
              title: "Pre-stage and test the quarantine ACL for the infusion-pump server VLAN",
              capability: "equipment",
              party: "it",
              user: "it.lead",
              due: 30,
            },
          ],
        },
        {
          kind: "improvement",
          objective: 4,
          activity: "Backup and restore",
          observation: "The offline copy of the drug library was five weeks old, so the restored server would have pushed an outdated library.",
          rootCause: "The weekly offline backup excluded the drug-library export.",
          recommendation: "Add the export to the weekly offline backup and rehearse the restore with Clinical Engineering.",
          items: [
            {
              title: "Add the drug-library export to the weekly offline backup and verify a restore",
              capability: "equipment",
              party: "it",
              user: "it.lead",
              due: 14,
              inProgress: 40,
            },
            { title: "Run a timed restore of the pump server with Clinical Engineering", capability: "exercise", party: "it", due: -60 },
          ],
        },
        {
          kind: "improvement",
          objective: 2,
          activity: "External notifications",
          observation: "The pump manufacturer's general support desk was called; it took 70 minutes to reach product security.",
          rootCause: "The plan's contact list had only the support desk number.",
          recommendation: "Add the OEM's 24/7 product-security line to the plan.",
          items: [
            {
              title: "Add the pump manufacturer's 24/7 product-security line to the plan contacts",
              capability: "planning",
              party: "ce",
              user: "ce.lead",
              due: 40,
              closed: {
                at: 44,
                by: "ce.lead",
                evidence: "Plan “Ransomware locks infusion-pump servers” version 2, approved by the CIO, lists the product-security line 555-0142.",
              },
            },
          ],
        },
        {
          kind: "improvement",
          objective: 0,
          activity: "Triage device alerts",
          observation: "The incident was declared 19 minutes after detection because the on-call list named an engineer who had left.",
          rootCause: "Nobody owns the device-security on-call list.",
          recommendation: "Train HTM on-call and charge nurses on declaring a device-security incident; review the list monthly.",
          items: [
            {
              title: "Train HTM on-call staff and charge nurses to declare a device-security incident",
              capability: "training",
              party: "ce",
              user: "assessor",
              due: -45,
            },
          ],
        },
      ],
    },
    submitted: { by: "security.lead", at: 82 },
    approved: 75,
  });

  createDrill({
    title: "Vendor remote-access cut-off drill",
    type: "drill",
    site: "LMH",
    scenario: "A CT scanner's vendor VPN account opens a session at 02:00 from an unknown address. The team must find and cut every vendor path to imaging.",
    planned: 21,
    scheduled: { by: "security.lead", at: 50 },
    facilitator: "it.lead",
    plans: [vendor.plan.id],
    classes: ["CT scanners", "MRI scanners", "Central monitoring stations"],
    participants: { users: ["security.lead", "ce.lead", "assessor"], parties: ["oem", "supply"], absent: ["supply"] },
    objectives: [
      { text: "Detect an unapproved vendor remote session within 15 minutes", rating: "P" },
      {
        text: "Cut every vendor remote-access path for imaging within 30 minutes",
        rating: "S",
        note: "A forgotten vendor modem on the MRI was found at minute 27.",
      },
      {
        text: "Confirm with each manufacturer which service account was used",
        rating: "M",
        note: "Two manufacturers share one service account among their engineers.",
      },
    ],
    conducted: { start: 21, by: "it.lead", minutes: { detect: 9, isolate: 27, notifyOem: 55, restore: 180 } },
    aar: {
      by: "security.lead",
      at: 16,
      summary:
        "Monitoring caught the session in 9 minutes and every path was cut in 27. Shared vendor service accounts mean the manufacturers cannot tell us who logged in; contracts and access design must change.",
      findings: [
        { kind: "strength", objective: 0, activity: "Monitor device traffic", observation: "Device traffic monitoring flagged the session in 9 minutes." },
        {
          kind: "improvement",
          objective: 2,
          activity: "Device credentials",
          observation: "Two manufacturers use one shared service account for all their field engineers; neither could say who opened the session.",
          rootCause: "The service contracts do not require named accounts or MFA.",
          recommendation: "Require named, MFA-protected vendor accounts and on-demand access approved per session.",
          items: [
            { title: "Require named, MFA-protected vendor accounts in the imaging service contracts", capability: "planning", party: "supply", due: -75 },
            {
              title: "Replace standing vendor VPN accounts with on-demand access approved per session",
              capability: "equipment",
              party: "sec",
              user: "security.lead",
              due: -40,
            },
          ],
        },
      ],
    },
    submitted: { by: "security.lead", at: 14 },
  });

  createDrill({
    title: "PACS outage functional exercise with radiology downtime",
    type: "functional",
    site: "LMH",
    scenario:
      "The PACS archive is taken offline on a Saturday morning; radiology runs on modality storage while IT restores the archive from the standby copy.",
    planned: -30,
    scheduled: { by: "ce.lead", at: 12 },
    facilitator: "ce.lead",
    plans: [pacs.plan.id],
    classes: ["PACS servers", "PACS workstations", "Digital radiography"],
    participants: { users: ["it.lead", "security.lead", "assessor"], parties: ["clin", "oem"] },
    objectives: [
      { text: "Run urgent imaging on modality-local storage for four hours" },
      { text: "Restore the archive from the standby copy within the runbook's target time" },
      { text: "Reconcile the study counts between each modality and PACS after recovery" },
    ],
  });

  // --- Northshore Community Hospital: a functional exercise this year, but its tabletop lapsed: overdue for CMS.
  createDrill({
    title: "Bedside monitor network outage tabletop",
    type: "tabletop",
    site: "NCH",
    scenario: "The ICU's central station shows 'no data' for every bed at 03:00 on a Sunday.",
    planned: 410,
    scheduled: { by: "ce.lead", at: 430 },
    facilitator: "ce.lead",
    plans: [monitors.plan.id],
    classes: ["Bedside patient monitors", "Central monitoring stations", "Telemetry transmitters"],
    participants: { users: ["it.lead", "assessor"], parties: ["clin", "em"] },
    objectives: [
      { text: "Nursing moves to bedside monitoring with a nurse in line of sight within 15 minutes", rating: "S", note: "The telemetry unit was not told." },
      { text: "IT finds the failed switch and the monitoring VLAN's failover path", rating: "P" },
    ],
    conducted: { start: 410, by: "ce.lead" },
    aar: {
      by: "ce.lead",
      at: 407,
      summary: "The ICU responded well; the telemetry unit was missing from the overhead announcement list.",
      findings: [
        { kind: "strength", objective: 1, observation: "IT located the failed switch from the network map in minutes." },
        {
          kind: "improvement",
          objective: 0,
          activity: "Recovery communications",
          observation: "The telemetry and step-down units were not on the overhead announcement list.",
          rootCause: "The list was written for the ICU only.",
          recommendation: "Add every monitored unit to the announcement list.",
          items: [
            {
              title: "Add telemetry and step-down units to the monitoring downtime announcement list",
              capability: "organization",
              party: "it",
              user: "it.lead",
              due: 370,
              closed: {
                at: 380,
                by: "it.lead",
                evidence: "Announcement list MON-DOWN updated with 4 East telemetry and 3 West step-down; operator script revised.",
              },
            },
          ],
        },
      ],
    },
    submitted: { by: "ce.lead", at: 405 },
    approved: 400,
  });

  createDrill({
    title: "Bedside monitor network outage — functional exercise",
    type: "functional",
    site: "NCH",
    scenario: "The monitoring VLAN core switch is shut down in a controlled test on the ICU; central stations and telemetry lose every patient.",
    planned: 100,
    scheduled: { by: "it.lead", at: 140 },
    facilitator: "it.lead",
    plans: [monitors.plan.id],
    classes: ["Bedside patient monitors", "Central monitoring stations"],
    participants: { users: ["ce.lead", "assessor", "security.lead"], parties: ["clin", "em", "oem"], absent: ["oem", "security.lead"] },
    objectives: [
      { text: "Detect the loss of central-station data within 5 minutes", rating: "P" },
      { text: "Switch the ICU to bedside alarms with a nurse at every monitor", rating: "S", note: "Float nurses did not know the procedure." },
      { text: "Restore the monitoring network and verify alarms end to end", rating: "S", note: "Verification was ad hoc." },
    ],
    conducted: { start: 100, by: "it.lead", minutes: { detect: 4, isolate: 18, notifyOem: 40, restore: 135 } },
    aar: {
      by: "it.lead",
      at: 97,
      summary: "The alarm-loss alert worked and the network failed over in 18 minutes. Float staff and the restore verification need work.",
      findings: [
        { kind: "strength", objective: 0, observation: "The central station's alarm-loss alert paged the charge nurse in 4 minutes." },
        {
          kind: "improvement",
          objective: 2,
          activity: "Restore / reimage",
          observation: "Alarm verification after the restore was improvised bed by bed.",
          rootCause: "No checklist for returning monitors to clinical use.",
          recommendation: "Write an end-to-end alarm verification checklist.",
          items: [
            {
              title: "Write an end-to-end alarm verification checklist for return to clinical use",
              capability: "planning",
              party: "ce",
              user: "ce.lead",
              due: 40,
              closed: { at: 55, by: "ce.lead", evidence: "Checklist HTM-CL-112 published in the CMMS and used during the monitor firmware upgrade." },
            },
          ],
        },
        {
          kind: "improvement",
          objective: 1,
          activity: "Contain / isolate devices",
          observation: "ICU float nurses did not know the monitor downtime procedure.",
          rootCause: "Downtime procedures are taught to unit staff only.",
          recommendation: "Brief the float pool on monitor downtime.",
          items: [
            {
              title: "Brief the ICU float pool on the monitor downtime procedure",
              capability: "training",
              party: "clin",
              due: 60,
              closed: {
                at: 70,
                by: "cio",
                evidence: "Huddle attendance sheets: 32 of 35 float nurses briefed; the procedure card is on every ICU monitor cart.",
              },
            },
          ],
        },
      ],
    },
    submitted: { by: "it.lead", at: 95 },
    approved: 90,
  });

  createDrill({
    title: "Ransomware awareness seminar for Northshore nursing leaders",
    type: "seminar",
    site: "NCH",
    scenario: "A one-hour seminar on what ransomware on the pump server looks like at the bedside and what the plan asks of nursing.",
    planned: 150,
    scheduled: { by: "security.lead", at: 170 },
    facilitator: "security.lead",
    plans: [ransomware.plan.id],
    classes: ["Infusion pumps"],
    participants: { users: ["assessor"], parties: ["clin"] },
    objectives: [
      { text: "Nursing leaders can describe the manual programming and double-check procedure" },
      { text: "Nursing leaders know who declares a device-security incident" },
    ],
    conducted: { start: 150, by: "security.lead" },
  });

  createDrill({
    title: "Vendor remote-access cut-off drill (Northshore)",
    type: "drill",
    site: "NCH",
    scenario: "Repeat of the Lakeside Main vendor cut-off drill for Northshore's imaging and lab systems.",
    planned: 40,
    scheduled: { by: "security.lead", at: 80 },
    facilitator: "security.lead",
    plans: [vendor.plan.id],
    classes: ["CT scanners", "Chemistry analyzers"],
    participants: { users: ["it.lead", "ce.lead"], parties: ["oem"] },
    objectives: [{ text: "Cut every vendor remote-access path for Northshore imaging within 30 minutes" }],
    cancelled: { by: "security.lead", at: 45, reason: "ICU surge at Northshore: the imaging and IT staff could not be released. To be rescheduled." },
  });

  // --- Eastgate Outpatient Clinic: a real event activated the vendor plan; with this year's tabletop, CMS is met (exempt).
  createDrill({
    title: "Vendor remote-access compromise tabletop",
    type: "tabletop",
    site: "EOC",
    scenario: "The clinic's chemistry analyzer shows a remote-support session nobody requested.",
    planned: 150,
    scheduled: { by: "security.lead", at: 175 },
    facilitator: "security.lead",
    plans: [vendor.plan.id],
    classes: ["Chemistry analyzers", "Digital radiography"],
    participants: { users: ["it.lead", "ce.lead", "assessor"], parties: ["oem", "supply"], absent: ["supply"] },
    objectives: [
      { text: "Identify every device at Eastgate with vendor remote access", rating: "S", note: "The analyzer's vendor modem was not in the inventory." },
      { text: "Agree who may cut vendor access and how the manufacturer is told", rating: "P" },
    ],
    conducted: { start: 150, by: "security.lead" },
    aar: {
      by: "security.lead",
      at: 148,
      summary: "The clinic knows who cuts vendor access. The inventory missed the analyzer's vendor modem.",
      findings: [
        { kind: "strength", objective: 1, observation: "Roles for cutting vendor access and telling the manufacturer were clear to everyone." },
        {
          kind: "improvement",
          objective: 0,
          activity: "Maintain the device inventory",
          observation: "The chemistry analyzer's vendor modem was not in the CMMS inventory.",
          rootCause: "Network discovery does not see analog modems and the CMMS entry predates the modem.",
          recommendation: "Reconcile the clinic's inventory with a walk-down and network discovery.",
          items: [
            {
              title: "Reconcile Eastgate's inventory with network discovery, including vendor modems",
              capability: "equipment",
              party: "ce",
              user: "assessor",
              due: 100,
              closed: {
                at: 110,
                by: "assessor",
                evidence: "CMMS reconciliation report for Eastgate: 3 devices added, including the analyzer's vendor modem (now disconnected).",
              },
            },
          ],
        },
      ],
    },
    submitted: { by: "security.lead", at: 146 },
    approved: 140,
  });

  createDrill({
    title: "Unauthorized vendor session on the Eastgate chemistry analyzer",
    type: null,
    site: "EOC",
    scenario:
      "Monitoring flagged a remote-support session to the chemistry analyzer from an address outside the manufacturer's published ranges. The Vendor remote-access compromise plan was activated; the analyzer was taken out of service for four hours.",
    planned: 60,
    scheduled: { by: "security.lead", at: 59 },
    plans: [vendor.plan.id],
    classes: ["Chemistry analyzers"],
    objectives: [
      { text: "Cut the session and the vendor access path", rating: "P", note: "Cut 11 minutes after the alert." },
      { text: "Confirm with the manufacturer whether the session was theirs", rating: "S", note: "Confirmation took two days." },
      { text: "Return the analyzer to clinical use after verification", rating: "P" },
    ],
    conducted: { start: 60, end: 59, by: "security.lead" },
    aar: {
      by: "security.lead",
      at: 55,
      summary:
        "The plan worked: the session was cut in 11 minutes and the analyzer returned to service after verification. The manufacturer took two days to confirm the session was not theirs.",
      findings: [
        {
          kind: "strength",
          objective: 0,
          activity: "Contain / isolate devices",
          observation: "The session was cut 11 minutes after the alert, following the plan's steps.",
        },
        {
          kind: "improvement",
          objective: 1,
          activity: "External notifications",
          observation: "The manufacturer took two days to confirm whether the session was theirs.",
          rootCause: "The service contract sets no response time for security inquiries.",
          recommendation: "Add a 24-hour security-inquiry response time to the analyzer service contract.",
          items: [
            { title: "Add a 24-hour security-inquiry response time to the analyzer service contract", capability: "planning", party: "supply", due: -30 },
          ],
        },
      ],
    },
    submitted: { by: "security.lead", at: 52 },
    approved: 48,
  });
}
