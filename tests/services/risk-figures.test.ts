import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { clock } from "@/lib/clock";
import { addDays } from "@/lib/rules/patch-priority";
import { getRiskFigures } from "@/lib/services/dashboard/get-risk-figures";
import { exportDashboard } from "@/lib/services/dashboard/export-dashboard";
import { linkedFacts } from "@/lib/services/assessments/linked-facts";
import { listAffectedDevices } from "@/lib/services/advisories/list-affected-devices";
import { listOemOverdue } from "@/lib/services/advisories/list-oem-overdue";
import { reviewMatches } from "@/lib/services/advisories/review-matches";
import { listPatchQueue } from "@/lib/services/patches/list-patch-queue";
import { recordPatchApplied } from "@/lib/services/patches/record-patch-applied";
import { listRecalls } from "@/lib/services/recalls/list-recalls";
import { recordRecallAction } from "@/lib/services/recalls/record-recall-action";
import { listSupportDecisions } from "@/lib/services/support-decisions/list-support-decisions";
import { createSupportDecision } from "@/lib/services/support-decisions/create-support-decision";
import { parseRecallListQuery } from "@/lib/validation/recalls";
import { parsePatchQueueFilter } from "@/lib/validation/patches";
import { devicesOfClass, makeAdvisory, matchDevices, patchDemo, validatePatch } from "./patch-fixtures";

type Demo = Awaited<ReturnType<typeof patchDemo>>;
let d: Demo;
const today = clock.today();
const ORG = { scopeType: "organization", siteId: null, deviceClassId: null } as const;

beforeAll(async () => {
  d = await patchDemo();
}, 60_000);

const siteIdOf = (code: string) => d.db.get<{ id: number }>(sql`select id from sites where code = ${code}`)!.id;

describe("one source: every dashboard figure is the count of the list it links to", () => {
  test.each([
    ["the whole organization", null],
    ["Northshore", "NCH"],
    ["Lakeside Main", "LMH"],
  ] as const)("%s", (_label, code) => {
    const siteId = code ? siteIdOf(code) : null;
    const f = getRiskFigures(d.db, d.auditor, { siteId }, today);
    const a = f.advisories!;
    const p = f.patches!;
    const r = f.recalls!;
    // /advisories/devices?kev=1&unpatched=1, ?kev=1, (none), ?review=1 — the list's device count is the figure.
    expect(listAffectedDevices(d.db, d.auditor, { kev: true, unpatched: true, siteId }).devices).toBe(a.kevUnpatchedDevices);
    expect(listAffectedDevices(d.db, d.auditor, { kev: true, siteId }).devices).toBe(a.kevAffectedDevices);
    expect(listAffectedDevices(d.db, d.auditor, { siteId }).devices).toBe(a.affectedDevices);
    expect(listAffectedDevices(d.db, d.auditor, { review: true, siteId }).total).toBe(a.awaitingReview);
    // /advisories/oem-overdue?site=
    expect(listOemOverdue(d.db, d.auditor, { siteId }, today)).toHaveLength(a.oemOverdue);
    // /patches?status=open&party=<id>&role=responsible (and overdue), party=none, age=
    const site = siteId ?? undefined;
    for (const x of p.byParty) {
      const party = x.partyId === null ? { party: "none" as const } : { party: x.partyId, role: "responsible" as const };
      expect(listPatchQueue(d.db, d.auditor, { status: "open", site, ...party }, today).total, x.party).toBe(x.open);
      expect(listPatchQueue(d.db, d.auditor, { status: "overdue", site, ...party }, today).total, x.party).toBe(x.overdue);
    }
    expect(listPatchQueue(d.db, d.auditor, { status: "open", party: "none", site }, today).total).toBe(p.noSignedOwner);
    for (const age of p.byAge)
      expect(listPatchQueue(d.db, d.auditor, { status: "open", age: age.key as "upTo30", site }, today).total, age.label).toBe(age.count);
    // /recalls?status=outstanding&class=… — the list's outstanding devices.
    const outstanding = (recallClass?: "I" | "II" | "III" | "none") =>
      listRecalls(d.db, d.auditor, { status: "outstanding", site: siteId, recallClass }).reduce((n, x) => n + x.outstanding, 0);
    expect(outstanding()).toBe(r.outstanding);
    for (const c of r.outstandingByClass) expect(outstanding(c.recallClass ?? "none")).toBe(c.devices);
    // /inventory/decisions?site=
    const decisions = listSupportDecisions(d.db, d.auditor, today, { siteId });
    expect(decisions.withoutDecision).toHaveLength(r.unsupportedWithoutDecision);
    expect(decisions.overdue).toHaveLength(r.decisionsOverdue);
  });

  test("the Accountable party's items are not in its Responsible backlog: the role filter keeps the two apart", () => {
    const p = getRiskFigures(d.db, d.auditor, {}, today).patches!;
    const it = p.byParty.find((x) => x.party === "IT Infrastructure")!;
    const both = listPatchQueue(d.db, d.auditor, { status: "open", party: it.partyId! }, today).total;
    const accountable = listPatchQueue(d.db, d.auditor, { status: "open", party: it.partyId!, role: "accountable" }, today).total;
    expect(accountable).toBeGreaterThan(0); // IT is Accountable where Clinical Engineering patches (the demo's RACI)
    expect(both).toBeGreaterThan(it.open);
    expect(listPatchQueue(d.db, d.auditor, { status: "open", party: it.partyId!, role: "responsible" }, today).total).toBe(it.open);
  });

  test("the XLSX export carries the same figures on its own sheet", async () => {
    const nch = siteIdOf("NCH");
    const f = getRiskFigures(d.db, d.cio, { siteId: nch }, today);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from((await exportDashboard(d.db, d.cio, { siteId: nch })).body) as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    wb.getWorksheet("Vulnerabilities and patches")!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[0]).toEqual(["Scope", "Northshore Community Hospital"]);
    expect(rows).toContainEqual(["Devices affected by known-exploited vulnerabilities (CISA KEV) and not yet patched", f.advisories!.kevUnpatchedDevices]);
    expect(rows).toContainEqual(["OEM-validated patches applied within policy (%)", f.patches!.appliedWithinPolicyPct]);
    expect(rows).toContainEqual(["Unsupported devices with open advisories and no replace-or-mitigate decision", f.recalls!.unsupportedWithoutDecision]);
    for (const x of f.patches!.byParty) expect(rows).toContainEqual([x.party, x.open, x.overdue]);
  });

  test("a role without the permission gets no figures rather than an error", () => {
    const nobody = { ...d.auditor, roles: [] };
    expect(getRiskFigures(d.db, nobody, {}, today)).toEqual({ advisories: null, patches: null, recalls: null });
  });
});

describe("CSF linked facts: the same figures, moving with every write (cache stamped by data_versions)", () => {
  const facts = () => linkedFacts(d.db, d.auditor, ORG, clock.now());
  const num = (text: string, re: RegExp) => Number(re.exec(text)![1]!.replace(/,/g, ""));

  test("ID.RA-01, ID.RA-02, ID.RA-08, PR.PS-02, ID.AM-08 and ID.RA-06 carry the dashboard's numbers and links", () => {
    const f = getRiskFigures(d.db, d.auditor, {}, today);
    const x = facts();
    expect(x["ID.RA-01"]!.text).toContain(`${f.advisories!.kevUnpatchedDevices} of them not yet patched`);
    expect(x["ID.RA-01"]!.links!.map((l) => l.href)).toContain("/advisories/devices?kev=1&unpatched=1");
    expect(x["ID.RA-02"]!.text).toContain(`${f.advisories!.advisories} CISA medical advisories`);
    expect(x["ID.RA-08"]!.text).toContain(`${f.advisories!.oemOverdue} OEM answers are overdue`);
    expect(x["PR.PS-02"]!.text).toContain(`${f.patches!.appliedWithinPolicyPct}% (${f.patches!.appliedWithinPolicy} of ${f.patches!.applied})`);
    expect(x["PR.PS-02"]!.text).toContain(
      `${f.recalls!.unsupportedWithoutDecision} unsupported devices with open advisories have no replace-or-mitigate decision`,
    );
    expect(x["ID.AM-08"]!.text).toContain(`${f.recalls!.outstanding} devices have an outstanding FDA recall`);
    expect(x["ID.RA-06"]!.links!.map((l) => l.href)).toEqual(["/inventory/decisions"]);
    // A site's assessment links to that site's lists.
    const nch = siteIdOf("NCH");
    const site = linkedFacts(d.db, d.auditor, { scopeType: "site", siteId: nch, deviceClassId: null }, clock.now());
    expect(site["ID.RA-08"]!.links!.map((l) => l.href)).toContain(`/advisories/oem-overdue?site=${nch}`);
    expect(site["ID.RA-01"]!.text).toContain(`${getRiskFigures(d.db, d.auditor, { siteId: nch }, today).advisories!.affectedDevices} devices are affected`);
  });

  test("advisories domain: confirming a possible match moves ID.RA-01 and ID.RA-08", () => {
    const before = facts();
    const match = d.db.get<{ id: number; advisoryId: number }>(
      sql`select id, advisory_id as advisoryId from advisory_device_matches where confidence = 'possible' and review_decision is null and superseded_at is null order by id limit 1`,
    )!;
    reviewMatches(d.db, d.ce, {
      advisoryId: match.advisoryId,
      matchId: match.id,
      decision: "confirmed",
      reason: "Version read from the device's about screen.",
    });
    const after = facts();
    const awaiting = /(\d[\d,]*) possible matches await a Clinical Engineering review/;
    expect(num(after["ID.RA-08"]!.text, awaiting)).toBe(num(before["ID.RA-08"]!.text, awaiting) - 1);
    expect(after["ID.RA-01"]!.text).not.toBe(before["ID.RA-01"]!.text);
  });

  test("patches domain: applying the OEM-validated patch on a known-exploited item lowers 'not yet patched' and raises 'applied'", () => {
    const devs = devicesOfClass(d.db, "Ventilators", 20);
    const chosen = devs.filter((x) => x.modelId === devs[0]!.modelId).slice(0, 2);
    const adv = makeAdvisory(d.db, { cvss: 9.8, kev: true });
    matchDevices(
      d.db,
      adv,
      chosen.map((x) => x.id),
    );
    validatePatch(d.db, adv.advisoryId, chosen[0]!.modelId, addDays(today, -5));
    const before = facts();
    const kevUnpatched = /(\d[\d,]*) of them not yet patched/;
    const applied = /\((\d[\d,]*) of (\d[\d,]*)\)/;
    // Only patch_records changes below: the figures must follow the `patches` counter, not a cached value.
    const versions = () =>
      d.db.get<{ v: string }>(sql`select group_concat(domain || version) as v from (select * from data_versions where domain <> 'patches' order by domain)`)!.v;
    const others = versions();
    recordPatchApplied(d.db, d.ce, { advisoryId: adv.advisoryId, deviceId: chosen[0]!.id, appliedOn: today, workOrder: "WO-KEV-1", notes: "" });
    expect(versions()).toBe(others);
    const mid = facts();
    // The second device still has the known-exploited advisory unpatched: a device counts until none is left.
    expect(num(mid["ID.RA-01"]!.text, kevUnpatched)).toBe(num(before["ID.RA-01"]!.text, kevUnpatched) - 1);
    expect(num(mid["PR.PS-02"]!.text, applied)).toBe(num(before["PR.PS-02"]!.text, applied) + 1);
    expect(
      listAffectedDevices(d.db, d.auditor, { kev: true, unpatched: true }).rows.some((r) => r.deviceId === chosen[0]!.id && r.advisoryId === adv.advisoryId),
    ).toBe(false);
    expect(getRiskFigures(d.db, d.auditor, {}, today).advisories!.kevAffectedDevices).toBe(num(before["ID.RA-01"]!.text, /; (\d[\d,]*) by known-exploited/)); // still affected, now patched
  });

  test("recalls domain: recording a recall action lowers ID.AM-08's outstanding recalls", () => {
    const before = facts();
    const open = d.db.get<{ recallId: number; deviceId: number }>(sql`
      select m.recall_id as recallId, d.id as deviceId from recall_model_matches m join devices d on d.model_id = m.model_id
      where m.confidence <> 'confirm' and not exists (select 1 from recall_actions a where a.recall_id = m.recall_id and a.device_id = d.id) order by d.id limit 1`)!;
    recordRecallAction(d.db, d.ce, { recallId: open.recallId, deviceId: open.deviceId, state: "done", workOrder: "WO-RISK-1", actionOn: today, notes: "" });
    const outstanding = /(\d[\d,]*) devices have an outstanding FDA recall/;
    expect(num(facts()["ID.AM-08"]!.text, outstanding)).toBe(num(before["ID.AM-08"]!.text, outstanding) - 1);
  });

  test("a replace-or-mitigate decision lowers 'unsupported devices without a decision' in PR.PS-02, ID.AM-08 and ID.RA-06", () => {
    const first = listSupportDecisions(d.db, d.auditor, today).withoutDecision[0]!;
    const covered = listSupportDecisions(d.db, d.auditor, today).withoutDecision.filter((x) => x.modelId === first.modelId && x.siteId === first.siteId).length;
    const before = facts();
    createSupportDecision(d.db, d.ce, {
      modelId: first.modelId,
      siteId: first.siteId,
      kind: "mitigate",
      replaceBy: null,
      capitalRequestRef: "",
      controls: ["network_segmentation"],
      details: "",
      reviewOn: addDays(today, 90),
    });
    const after = facts();
    const without = /(\d[\d,]*) unsupported devices with open advisories have no replace-or-mitigate decision/;
    for (const id of ["PR.PS-02", "ID.AM-08", "ID.RA-06"]) expect(num(after[id]!.text, without), id).toBe(num(before[id]!.text, without) - covered);
  });
});

describe("list filters the dashboard links to: a bad value gets a sentence, never silently ignored", () => {
  test("recalls", () => {
    expect(parseRecallListQuery({ class: "II", status: "outstanding", site: "3", party: "none" })).toEqual({
      query: { recallClass: "II", status: "outstanding", site: 3, party: "none" },
      problems: [],
    });
    expect(parseRecallListQuery({ party: "7" }).query.party).toBe(7);
    const bad = parseRecallListQuery({ class: "IV", status: "gone", site: "x1", party: "-2" });
    expect(bad.query).toEqual({ recallClass: undefined, status: "all", site: null, party: undefined });
    expect(bad.problems).toEqual([
      'Recall class "IV" is not one of the choices; it was ignored.',
      'Status "gone" is not one of the choices; it was ignored.',
      'Site "x1" is not a valid choice; it was ignored.',
      'Routed to "-2" is not a valid choice; it was ignored.',
    ]);
  });

  test("patch queue role", () => {
    expect(parsePatchQueueFilter({ party: "2", role: "responsible" }).filter).toMatchObject({ party: 2, role: "responsible" });
    expect(parsePatchQueueFilter({ party: "2", role: "owner" }).problems).toEqual(['Role "owner" is not one of the choices; it was ignored.']);
  });
});
