import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { users } from "@/db/schema";
import { eq } from "drizzle-orm";
import { addDays, comparePatchPriority, DEFAULT_PATCH_POLICY } from "@/lib/rules/patch-priority";
import { loadActor } from "@/lib/services/auth/load-actor";
import { dropUnknownPatchFilterIds, listAllPatchItems, listPatchQueue } from "@/lib/services/patches/list-patch-queue";
import { patchExportResponse } from "@/lib/services/patches/export-patch-queue";
import { getPatchItem } from "@/lib/services/patches/load-patch-item";
import { recordPatchApplied } from "@/lib/services/patches/record-patch-applied";
import { recordOemPosition } from "@/lib/services/advisories/record-oem-position";
import { markPatchNotApplicable } from "@/lib/services/patches/mark-patch-not-applicable";
import { deferPatch, deferralContent } from "@/lib/services/patches/defer-patch";
import { savePatchPolicy } from "@/lib/services/patches/save-patch-policy";
import { getPatchSummary } from "@/lib/services/patches/get-patch-summary";
import { checkPastDuePatches, notifyPastDuePatches } from "@/lib/services/patches/notify-past-due-patches";
import { commitPatchCompletions, previewPatchCompletions } from "@/lib/services/patches/import-patch-completions";
import { verifyRecordSignatures } from "@/lib/services/signatures/sign-record";
import { clock } from "@/lib/clock";
import { DEMO_PASSWORD } from "@/db/seed/demo-data";
import { devicesOfClass, makeAdvisory, matchDevices, patchCounts, patchDemo, validatePatch } from "./patch-fixtures";

type Demo = Awaited<ReturnType<typeof patchDemo>>;
let d: Demo;
const today = clock.today();

/**
 * One model's devices of a class, matched to a fresh advisory whose OEM-validated patch came out `validatedDaysAgo`
 * days ago.
 */
function scenario(className: string, opts: { cvss: number | null; kev?: boolean; validatedDaysAgo: number; n?: number; siteId?: number }) {
  const devs = devicesOfClass(d.db, className, 20, opts.siteId);
  const modelId = devs[0]!.modelId;
  const chosen = devs.filter((x) => x.modelId === modelId).slice(0, opts.n ?? 2);
  const adv = makeAdvisory(d.db, { cvss: opts.cvss, kev: opts.kev });
  matchDevices(
    d.db,
    adv,
    chosen.map((x) => x.id),
  );
  validatePatch(d.db, adv.advisoryId, modelId, addDays(today, -opts.validatedDaysAgo));
  return { ...adv, devices: chosen, modelId };
}

beforeAll(async () => {
  d = await patchDemo();
});

describe("patch queue: items, routing, ranking, due dates", () => {
  test("an affected device whose model has an OEM-validated patch is an item, routed by its class's signed RACI", () => {
    const s = scenario("Ventilators", { cvss: 9.8, validatedDaysAgo: 5 });
    const rows = listPatchQueue(d.db, d.auditor, { advisory: s.advisoryId }).rows;
    expect(rows.map((r) => r.deviceId).sort()).toEqual(s.devices.map((x) => x.id).sort());
    const r = rows[0]!;
    expect(r.responsible!.map((h) => h.party)).toEqual(["Clinical Engineering"]);
    expect(r.accountable!.map((h) => h.party)).toEqual(["IT Infrastructure"]);
    expect(r.responsible![0]!.lead).toBe("Carlos Estrada");
    // Critical (CVSS 9.8): 30 days from the OEM's validated date.
    expect(r.dueOn).toBe(addDays(addDays(today, -5), 30));
    expect(r.status).toBe("open");
  });

  test("a class without an effective signed RACI shows no signed owner, and the 'none' party filter finds it", () => {
    const s = scenario("Telemetry transmitters", { cvss: 5, validatedDaysAgo: 1 });
    const rows = listPatchQueue(d.db, d.auditor, { advisory: s.advisoryId }).rows;
    expect(rows.length).toBe(s.devices.length);
    expect(rows.every((r) => r.responsible === null && r.accountable === null)).toBe(true);
    const none = listPatchQueue(d.db, d.auditor, { party: "none", advisory: s.advisoryId });
    expect(none.total).toBe(s.devices.length);
    const ce = d.ce.partyId!;
    expect(listPatchQueue(d.db, d.auditor, { party: ce, advisory: s.advisoryId }).total).toBe(0);
  });

  test("filter by party: the Responsible and the Accountable party both see the item, another party does not", () => {
    const s = scenario("Ventilators", { cvss: 7.5, validatedDaysAgo: 3 });
    expect(listPatchQueue(d.db, d.auditor, { party: d.ce.partyId!, advisory: s.advisoryId }).total).toBe(s.devices.length);
    expect(listPatchQueue(d.db, d.auditor, { party: d.it.partyId!, advisory: s.advisoryId }).total).toBe(s.devices.length);
    expect(listPatchQueue(d.db, d.auditor, { party: d.sec.partyId!, advisory: s.advisoryId }).total).toBe(0);
  });

  test("not affected means not in the queue: a dismissed or unconfirmed possible match, and a model without a validated patch", () => {
    const devs = devicesOfClass(d.db, "Ventilators", 20);
    const adv = makeAdvisory(d.db, { cvss: 8 });
    matchDevices(d.db, adv, [devs[0]!.id], "possible");
    validatePatch(d.db, adv.advisoryId, devs[0]!.modelId, addDays(today, -2));
    expect(listPatchQueue(d.db, d.auditor, { advisory: adv.advisoryId }).total).toBe(0);
    d.db.run(
      sql`update advisory_device_matches set review_decision = 'confirmed', review_reason = 'checked on site', reviewed_by = ${d.ce.id}, reviewed_at = ${clock.now().toISOString()} where advisory_id = ${adv.advisoryId}`,
    );
    expect(listPatchQueue(d.db, d.auditor, { advisory: adv.advisoryId }).total).toBe(1);
    const other = makeAdvisory(d.db, { cvss: 8 });
    matchDevices(d.db, other, [devs[0]!.id]);
    expect(listPatchQueue(d.db, d.auditor, { advisory: other.advisoryId }).total).toBe(0);
  });

  test("the database's order is the documented rule's order (KEV, CVSS, life-sustaining, criticality, PHI, connected)", () => {
    scenario("Bedside patient monitors", { cvss: 9.1, validatedDaysAgo: 2, n: 3 });
    scenario("Ventilators", { cvss: 6.1, kev: true, validatedDaysAgo: 2, n: 2 });
    scenario("Large-volume infusion pumps", { cvss: 9.1, validatedDaysAgo: 2, n: 3 });
    const items = listAllPatchItems(d.db, d.auditor, { status: "all" });
    expect(items.length).toBeGreaterThan(10);
    const facts = d.db.all<{
      id: number;
      lifeSustaining: number;
      criticality: "critical" | "high" | "moderate" | "low";
      storesPhi: number;
      connected: number;
    }>(sql`
      select d.id, c.life_sustaining as lifeSustaining, c.criticality, d.stores_phi as storesPhi, d.connected from devices d join device_models m on m.id = d.model_id join device_classes c on c.id = m.device_class_id`);
    const byId = new Map(facts.map((f) => [f.id, f]));
    const asFacts = (i: (typeof items)[number]) => {
      const f = byId.get(i.deviceId)!;
      return {
        onKev: i.onKev,
        cvss: i.cvss,
        lifeSustaining: f.lifeSustaining === 1,
        criticality: f.criticality,
        storesPhi: f.storesPhi === 1,
        connected: f.connected === 1,
        assetTag: i.assetTag,
      };
    };
    const sorted = [...items].sort((a, b) => comparePatchPriority(asFacts(a), asFacts(b)) || a.trackingId.localeCompare(b.trackingId));
    expect(items.map((i) => `${i.trackingId}/${i.assetTag}`)).toEqual(sorted.map((i) => `${i.trackingId}/${i.assetTag}`));
    expect(items[0]!.onKev).toBe(true);
    // KEV: 14 days by the default policy.
    expect(items[0]!.dueRule).toBe("known exploited: 14 days");
  });

  test("due soon and overdue from the policy; the status filters agree with each item's status", () => {
    const late = scenario("Ventilators", { cvss: 9.5, validatedDaysAgo: 40 }); // critical, 30 days: overdue by 10
    const soon = scenario("Ventilators", { cvss: 7.2, validatedDaysAgo: 50 }); // high, 60 days: due in 10
    expect(listPatchQueue(d.db, d.auditor, { advisory: late.advisoryId }).rows.every((r) => r.status === "overdue")).toBe(true);
    expect(listPatchQueue(d.db, d.auditor, { advisory: soon.advisoryId }).rows.every((r) => r.status === "dueSoon")).toBe(true);
    for (const status of ["overdue", "dueSoon", "open", "deferred", "applied", "notApplicable"] as const) {
      const rows = listAllPatchItems(d.db, d.auditor, { status });
      const want = status === "open" ? ["open", "dueSoon", "overdue"] : [status];
      expect(
        rows.every((r) => want.includes(r.status)),
        status,
      ).toBe(true);
    }
    expect(listPatchQueue(d.db, d.auditor, { status: "overdue", advisory: late.advisoryId }).total).toBe(late.devices.length);
    expect(listPatchQueue(d.db, d.auditor, { status: "dueSoon", advisory: soon.advisoryId }).total).toBe(soon.devices.length);
  });

  test("an admin sets the policy (audited); due dates follow; anyone else is refused and nothing changes", () => {
    const s = scenario("Ventilators", { cvss: 9.0, validatedDaysAgo: 10 });
    expect(listPatchQueue(d.db, d.auditor, { advisory: s.advisoryId }).rows[0]!.status).toBe("open");
    const before = patchCounts(d.db);
    for (const who of [d.ce, d.cio, d.auditor]) {
      expect(() => savePatchPolicy(d.db, who, { kevDays: 7, criticalDays: 15, highDays: 30, otherDays: 60 })).toThrowError(
        expect.objectContaining({ code: "FORBIDDEN" }),
      );
    }
    expect(() => savePatchPolicy(d.db, d.admin, { kevDays: 40, criticalDays: 15, highDays: 30, otherDays: 60 })).toThrowError(/known exploited ≤ critical/);
    expect(patchCounts(d.db)).toEqual(before);
    savePatchPolicy(d.db, d.admin, { kevDays: 5, criticalDays: 7, highDays: 30, otherDays: 60 });
    const r = listPatchQueue(d.db, d.auditor, { advisory: s.advisoryId }).rows[0]!;
    expect(r.dueOn).toBe(addDays(addDays(today, -10), 7));
    expect(r.status).toBe("overdue");
    expect(d.db.get<{ n: number }>(sql`select count(*) as n from audit_log where action = 'PATCH_POLICY_SAVED'`)!.n).toBe(1);
    savePatchPolicy(d.db, d.admin, DEFAULT_PATCH_POLICY);
  });

  test("site scope: a user limited to one site sees that site's items only, and another site's item is not found", () => {
    const s = scenario("Ventilators", { cvss: 8.8, validatedDaysAgo: 1, n: 6 });
    const sites = [...new Set(s.devices.map((x) => x.siteId))];
    const siteId = sites[0]!;
    d.db.update(users).set({ siteId }).where(eq(users.id, d.contributor.id)).run();
    const { active: _a, ...scoped } = loadActor(d.db, d.contributor.id)!;
    const rows = listAllPatchItems(d.db, scoped, { advisory: s.advisoryId });
    expect(rows.length).toBe(s.devices.filter((x) => x.siteId === siteId).length);
    expect(rows.every((r) => r.siteId === siteId)).toBe(true);
    const elsewhere = s.devices.find((x) => x.siteId !== siteId);
    if (elsewhere) {
      expect(() => getPatchItem(d.db, scoped, s.advisoryId, elsewhere.id, today)).toThrowError(expect.objectContaining({ code: "NOT_FOUND" }));
      expect(listPatchQueue(d.db, scoped, { site: elsewhere.siteId, advisory: s.advisoryId }).total).toBe(0);
    }
    d.db.update(users).set({ siteId: null }).where(eq(users.id, d.contributor.id)).run();
  });
});

describe("the queue's filters on the page and in the export (found by a probe)", () => {
  test("an id that names nothing is dropped and named on the page; the export refuses it and any bad value", () => {
    expect(dropUnknownPatchFilterIds(d.db, d.auditor, { site: 99_999, party: "none", advisory: 99_998, status: "open" })).toEqual({
      filter: { site: undefined, party: "none", advisory: undefined, status: "open" },
      problems: ["Site 99999 does not exist; it was ignored.", "Advisory 99998 does not exist; it was ignored."],
    });
    const exported = (q: string) => {
      try {
        return patchExportResponse(d.db, d.auditor, new URL(`http://x/api/patches/export?${q}`), today).status;
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(exported("status=all")).toBe(200);
    // An export has no pages: a page parameter is no reason to refuse it (found in review).
    expect(exported("status=all&page=abc")).toBe(200);
    expect(exported("status=all&site=99999")).toBe("Site 99999 does not exist. Nothing was exported: correct the filter and export again.");
    expect(exported("party=abc")).toMatch(/^Party "abc" is not a valid choice\. Nothing was exported/);
    expect(exported("site=0x1")).toMatch(/^Site "0x1" is not a valid choice\. Nothing was exported/);
  });
});

describe("recording work", () => {
  test("the OEM's validation date stays consistent with the records applied under it (found by a probe, corrected in review)", () => {
    const s = scenario("Ventilators", { cvss: 7.5, validatedDaysAgo: 10 });
    const dev = s.devices[0]!;
    recordPatchApplied(d.db, d.ce, { advisoryId: s.advisoryId, deviceId: dev.id, appliedOn: addDays(today, -5), workOrder: "WO-3001", notes: "" });
    const model = d.db.get<{ name: string }>(sql`select name from device_models where id = ${s.modelId}`)!.name;
    const position = (over: { validatedOn: string; validatedVersion?: string; bulletinUrl?: string | null }) => ({
      advisoryId: s.advisoryId,
      modelId: s.modelId,
      position: "patch_available" as const,
      bulletinRef: "OEM bulletin 2",
      bulletinUrl: null,
      validatedVersion: "2.0.1",
      installNotes: null,
      note: null,
      ...over,
    });
    const before = patchCounts(d.db);
    // The same version, validated after a device was already recorded patched with it: refused.
    expect(() => recordOemPosition(d.db, d.ce, position({ validatedOn: addDays(today, -2) }))).toThrow(
      `1 device of ${model} was recorded patched for ${s.trackingId} before ${addDays(today, -2)} (the earliest on ${addDays(today, -5)})`,
    );
    expect(patchCounts(d.db)).toEqual(before);
    expect(d.db.get<{ n: number }>(sql`select count(*) as n from oem_positions where advisory_id = ${s.advisoryId}`)!.n).toBe(1);
    // A correction to an earlier date — even before the advisory's release (coordinated disclosure) — is recorded.
    recordOemPosition(d.db, d.ce, position({ validatedOn: "2024-12-20" }));
    // A newly validated version with a later date is recorded; editing it afterwards (same version and date, a bulletin
    // link added) is not refused for the records applied under the earlier version.
    recordOemPosition(d.db, d.ce, position({ validatedOn: addDays(today, -2), validatedVersion: "2.0.2" }));
    recordOemPosition(d.db, d.ce, position({ validatedOn: addDays(today, -2), validatedVersion: "2.0.2", bulletinUrl: "https://oem.example/b2" }));
  });

  test("applied: by the Responsible party's lead, with a work order; the device history and audit trail show it", () => {
    const s = scenario("Ventilators", { cvss: 9.8, validatedDaysAgo: 10 });
    const dev = s.devices[0]!;
    const before = patchCounts(d.db);
    recordPatchApplied(d.db, d.ce, { advisoryId: s.advisoryId, deviceId: dev.id, appliedOn: today, workOrder: "WO-1001", notes: "downtime in OR 3" });
    const item = getPatchItem(d.db, d.auditor, s.advisoryId, dev.id, today);
    expect(item.status).toBe("applied");
    expect(item.workOrder).toBe("WO-1001");
    const ev = d.db.get<{ kind: string; work_order: string; note: string }>(
      sql`select kind, work_order, note from device_events where device_id = ${dev.id} order by id desc limit 1`,
    )!;
    expect(ev).toMatchObject({ kind: "patch_applied", work_order: "WO-1001" });
    expect(ev.note).toContain(s.trackingId);
    const after = patchCounts(d.db);
    expect(after.patch_records - before.patch_records).toBe(1);
    expect(after.device_events - before.device_events).toBe(1);
    expect(after.audit_log - before.audit_log).toBe(1);
    // Applied items leave the open queue and show under "applied".
    expect(listPatchQueue(d.db, d.auditor, { advisory: s.advisoryId }).rows.map((r) => r.deviceId)).not.toContain(dev.id);
    expect(listPatchQueue(d.db, d.auditor, { advisory: s.advisoryId, status: "applied" }).rows.map((r) => r.deviceId)).toEqual([dev.id]);
  });

  test("refusals change nothing: a party the RACI does not name, an auditor, a second 'applied', a date before validation", () => {
    const s = scenario("Ventilators", { cvss: 9.8, validatedDaysAgo: 10 });
    const dev = s.devices[0]!;
    const input = { advisoryId: s.advisoryId, deviceId: dev.id, appliedOn: today, workOrder: "WO-2002", notes: "" };
    const before = patchCounts(d.db);
    for (const who of [d.sec, d.auditor, d.contributor, d.cio]) {
      expect(() => recordPatchApplied(d.db, who, input)).toThrowError(expect.objectContaining({ code: "FORBIDDEN" }));
    }
    expect(() => recordPatchApplied(d.db, d.ce, { ...input, appliedOn: addDays(today, -30) })).toThrowError(/before the OEM validated/);
    expect(patchCounts(d.db)).toEqual(before);
    recordPatchApplied(d.db, d.it, input); // the Accountable party's lead may record it too
    const mid = patchCounts(d.db);
    expect(() => recordPatchApplied(d.db, d.ce, input)).toThrowError(expect.objectContaining({ code: "INVALID_STATE" }));
    expect(() => markPatchNotApplicable(d.db, d.ce, { advisoryId: s.advisoryId, deviceId: dev.id, reason: "x" })).toThrowError(
      expect.objectContaining({ code: "INVALID_STATE" }),
    );
    expect(patchCounts(d.db)).toEqual(mid);
  });

  test("not applicable, with a reason; admins may record for a class with no signed owner, its leads may not", () => {
    const s = scenario("Telemetry transmitters", { cvss: 6, validatedDaysAgo: 3 });
    const [a, b] = s.devices;
    const before = patchCounts(d.db);
    expect(() => markPatchNotApplicable(d.db, d.ce, { advisoryId: s.advisoryId, deviceId: a!.id, reason: "feature not licensed" })).toThrowError(
      expect.objectContaining({ code: "FORBIDDEN" }),
    );
    expect(patchCounts(d.db)).toEqual(before);
    markPatchNotApplicable(d.db, d.admin, { advisoryId: s.advisoryId, deviceId: a!.id, reason: "feature not licensed" });
    expect(getPatchItem(d.db, d.auditor, s.advisoryId, a!.id, today).status).toBe("notApplicable");
    expect(getPatchItem(d.db, d.auditor, s.advisoryId, b!.id, today).status).toBe("open");
  });

  test("deferred: only the Accountable party's lead, with the password and a signature bound to the reason and date; open again after the until-date", async () => {
    const s = scenario("Ventilators", { cvss: 8.1, validatedDaysAgo: 5 });
    const dev = s.devices[0]!;
    const until = addDays(today, 60); // past the due date (high: 60 days from validation, 5 days ago)
    const input = { advisoryId: s.advisoryId, deviceId: dev.id, reason: "OR schedule full until next month", deferUntil: until, password: DEMO_PASSWORD };
    const before = patchCounts(d.db);
    await expect(deferPatch(d.db, d.ce, input)).rejects.toMatchObject({ code: "FORBIDDEN" }); // Responsible, not Accountable
    await expect(deferPatch(d.db, d.admin, input)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(patchCounts(d.db)).toEqual(before);
    await expect(deferPatch(d.db, d.it, { ...input, password: "wrong password" })).rejects.toMatchObject({ code: "VALIDATION" });
    const afterWrong = patchCounts(d.db);
    expect(afterWrong.patch_records).toBe(before.patch_records);
    expect(afterWrong.signatures).toBe(before.signatures);
    const { signatureId } = await deferPatch(d.db, d.it, input);
    const item = getPatchItem(d.db, d.auditor, s.advisoryId, dev.id, today);
    expect(item.status).toBe("deferred");
    const sigs = verifyRecordSignatures(
      d.db,
      { entityType: "patch_item", entityId: `${s.advisoryId}:${dev.id}` },
      deferralContent({ ...item, reason: input.reason, deferUntil: until }),
    );
    expect(sigs.find((x) => x.id === signatureId)!.verdict.valid).toBe(true);
    expect(sigs.find((x) => x.id === signatureId)!.signerId).toBe(d.it.id);
    // The day after the until-date, the item is open again (overdue by then), with its original due date.
    const later = getPatchItem(d.db, d.auditor, s.advisoryId, dev.id, addDays(until, 1));
    expect(later.status).toBe("overdue");
    expect(later.dueOn).toBe(item.dueOn);
    expect(listPatchQueue(d.db, d.auditor, { advisory: s.advisoryId, status: "deferred" }).total).toBe(1);
    expect(listPatchQueue(d.db, d.auditor, { advisory: s.advisoryId, status: "deferred" }, addDays(until, 1)).total).toBe(0);
  });

  test("a class with no signed owner cannot be deferred: nobody has accepted accountability", async () => {
    const s = scenario("Telemetry transmitters", { cvss: 6, validatedDaysAgo: 3 });
    const before = patchCounts(d.db);
    await expect(
      deferPatch(d.db, d.it, { advisoryId: s.advisoryId, deviceId: s.devices[0]!.id, reason: "x", deferUntil: addDays(today, 5), password: DEMO_PASSWORD }),
    ).rejects.toMatchObject({ code: "INVALID_STATE" });
    expect(patchCounts(d.db)).toEqual(before);
  });
});

describe("CSV of completions from the CMMS: preview, then all or nothing", () => {
  const file = (text: string) => ({ name: "completions.csv", bytes: new TextEncoder().encode(text) });

  test("a clean file previews each row, then records every row as applied with its work order", async () => {
    const s = scenario("Ventilators", { cvss: 9.8, validatedDaysAgo: 8, n: 2 });
    const [a, b] = s.devices;
    const csv = `Asset tag,Advisory,Work order,Date applied,Notes\n${a!.assetTag},${s.trackingId},WO-7001,${today},night shift\n${b!.assetTag},${s.trackingId.toLowerCase()},WO-7002,${addDays(today, -1)},\n`;
    const before = patchCounts(d.db);
    const preview = await previewPatchCompletions(d.db, d.ce, file(csv));
    expect(preview.problems).toEqual([]);
    expect(preview.rows.map((r) => r.workOrder)).toEqual(["WO-7001", "WO-7002"]);
    expect(patchCounts(d.db)).toEqual(before);
    const r = await commitPatchCompletions(d.db, d.ce, file(csv), preview.sha256);
    expect(r.recorded).toBe(2);
    expect(
      listPatchQueue(d.db, d.auditor, { advisory: s.advisoryId, status: "applied" })
        .rows.map((x) => x.workOrder)
        .sort(),
    ).toEqual(["WO-7001", "WO-7002"]);
    const after = patchCounts(d.db);
    expect(after.patch_records - before.patch_records).toBe(2);
    expect(after.device_events - before.device_events).toBe(2);
  });

  test("one bad row refuses the whole file, each bad row named by line with a sentence; nothing is written", async () => {
    const s = scenario("Ventilators", { cvss: 9.8, validatedDaysAgo: 8, n: 2 });
    const tele = scenario("Telemetry transmitters", { cvss: 5, validatedDaysAgo: 8, n: 1 });
    const [a, b] = s.devices;
    const csv = [
      "Asset tag,Advisory,Work order,Date applied",
      `${a!.assetTag},${s.trackingId},WO-8001,${today}`,
      `NO-SUCH-TAG,${s.trackingId},WO-8002,${today}`,
      `${b!.assetTag},${s.trackingId},,${today}`,
      `${b!.assetTag},${s.trackingId},WO-8004,2025-02-30`,
      `${a!.assetTag},${s.trackingId},WO-8005,${today}`,
      `${tele.devices[0]!.assetTag},${tele.trackingId},WO-8006,${today}`,
      `${b!.assetTag},ICSMA-00-000-00,WO-8007,${today}`,
    ].join("\n");
    const before = patchCounts(d.db);
    const preview = await previewPatchCompletions(d.db, d.ce, file(csv));
    expect(preview.problems).toEqual([
      "Line 3: no device has asset tag NO-SUCH-TAG.",
      expect.stringMatching(/^Line 4: the work order is empty/),
      expect.stringMatching(/^Line 5: Date applied 2025-02-30 is not a date on the calendar/),
      expect.stringMatching(/^Line 6: asset .* are already on line 2\.$/),
      expect.stringMatching(/^Line 7: you may not record work for .*no signed owner/),
      "Line 8: no advisory ICSMA-00-000-00 has been imported.",
    ]);
    await expect(commitPatchCompletions(d.db, d.ce, file(csv), preview.sha256)).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringMatching(/^Nothing was imported: 6 rows have problems\. Line 3/),
    });
    expect(patchCounts(d.db)).toEqual(before);
    expect(getPatchItem(d.db, d.auditor, s.advisoryId, a!.id, today).status).not.toBe("applied");
  });

  test("a file without the needed columns, or not the previewed file, is refused with a sentence", async () => {
    await expect(previewPatchCompletions(d.db, d.ce, file("Tag,When\nA,2025-01-01\n"))).rejects.toMatchObject({
      message: expect.stringMatching(/no Advisory, Work order, Date applied columns/),
    });
    const s = scenario("Ventilators", { cvss: 9.8, validatedDaysAgo: 8, n: 1 });
    const csv = `Asset tag,Advisory,Work order,Date applied\n${s.devices[0]!.assetTag},${s.trackingId},WO-9001,${today}\n`;
    const before = patchCounts(d.db);
    await expect(commitPatchCompletions(d.db, d.ce, file(csv), "a".repeat(64))).rejects.toMatchObject({ code: "CONFLICT" });
    const sha = (await previewPatchCompletions(d.db, d.ce, file(csv))).sha256;
    await expect(commitPatchCompletions(d.db, d.auditor, file(csv), sha)).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringMatching(/you may not record work/),
    });
    // Not previewed (no SHA-256), notes longer than the form allows, a control character: refused, nothing written
    // (found by a probe).
    await expect(commitPatchCompletions(d.db, d.ce, file(csv), undefined)).rejects.toMatchObject({
      code: "VALIDATION",
      message: "Preview the file first: the import records only a file you have previewed.",
    });
    const long = `Asset tag,Advisory,Work order,Date applied,Notes\n${s.devices[0]!.assetTag},${s.trackingId},WO-9001,${today},${"n".repeat(2001)}\n`;
    expect((await previewPatchCompletions(d.db, d.ce, file(long))).problems).toEqual(["Line 2: the notes are 2,001 characters long; at most 2,000."]);
    const bell = `Asset tag,Advisory,Work order,Date applied\n${s.devices[0]!.assetTag},${s.trackingId},WO-9001\u0007,${today}\n`;
    expect((await previewPatchCompletions(d.db, d.ce, file(bell))).problems).toEqual([
      "Line 2: a cell holds control characters (invisible bytes such as NUL, BEL or ESC): export it as plain text.",
    ]);
    // A binary file is refused in this import's own words, not the inventory's.
    await expect(previewPatchCompletions(d.db, d.ce, { name: "done.csv", bytes: new Uint8Array([0x00, 0x01, 0x02, 0xff, 0x00]) })).rejects.toMatchObject({
      message: "This file is not a CSV or XLSX export (its content is binary). Export the completed work orders as CSV or Excel (.xlsx).",
    });
    expect(patchCounts(d.db)).toEqual(before);
  });
});

describe("demo and past-due webhook", () => {
  test("the demo has items applied, open and overdue for more than one Responsible party, and a class with no signed owner", () => {
    const all = listAllPatchItems(d.db, d.auditor, { status: "all" });
    for (const party of ["Clinical Engineering", "IT Infrastructure"]) {
      const mine = all.filter((i) => i.responsible?.some((h) => h.party === party));
      expect(
        mine.some((i) => i.status === "applied"),
        party,
      ).toBe(true);
      expect(
        mine.some((i) => i.status === "overdue"),
        party,
      ).toBe(true);
    }
    expect(all.some((i) => i.responsible === null)).toBe(true);
    expect(all.some((i) => i.status === "deferred")).toBe(true);
    expect(all.some((i) => i.status === "notApplicable")).toBe(true);
  });

  test("patch.past_due is emitted once per item when it becomes past due, in the same transaction as its notice", () => {
    const { db } = d;
    db.run(sql`insert into webhook_subscriptions (name, url, events, secret_sealed, created_by, created_at)
      select 'Past due test', 'https://engine.hospital.example/hook', '["patch.past_due"]', secret_sealed, created_by, created_at from webhook_subscriptions limit 1`);
    const s = scenario("Ventilators", { cvss: 9.9, validatedDaysAgo: 31, n: 2 });
    const count = () =>
      db.get<{ n: number }>(sql`select count(*) as n from webhook_deliveries where event_type = 'patch.past_due' and payload like ${`%${s.trackingId}%`}`)!.n;
    const subs = db.get<{ n: number }>(sql`select count(*) as n from webhook_subscriptions where disabled_at is null and events like '%patch.past_due%'`)!.n;
    expect(subs).toBeGreaterThan(0);
    notifyPastDuePatches(db, clock.now());
    expect(count()).toBe(2 * subs);
    notifyPastDuePatches(db, clock.now());
    expect(count()).toBe(2 * subs);
    const payload = JSON.parse(
      db.get<{ p: string }>(
        sql`select payload as p from webhook_deliveries where event_type = 'patch.past_due' and payload like ${`%${s.trackingId}%`} limit 1`,
      )!.p,
    ) as { data: { dueOn: string } };
    expect(payload.data.dueOn).toBe(addDays(addDays(today, -31), 30));
  });
});

describe("past-due check of the server loop (checkPastDuePatches)", () => {
  test("finds the new past-due items through the queue's index, notifies each once, and finds nothing left for the full SQL check", () => {
    const { db } = d;
    const s = scenario("Ventilators", { cvss: 7.2, validatedDaysAgo: 70, n: 2 }); // high: 60 days
    const notices = () => db.get<{ n: number }>(sql`select count(*) as n from patch_past_due_notices where advisory_id = ${s.advisoryId}`)!.n;
    const deliveries = () => db.get<{ n: number }>(sql`select count(*) as n from webhook_deliveries where event_type = 'patch.past_due'`)!.n;
    expect(notices()).toBe(0);
    expect(checkPastDuePatches(db, clock.now())).toBeGreaterThanOrEqual(2);
    expect(notices()).toBe(2);
    // Nothing is left that the full rule would still notify, and a second pass sends nothing and writes nothing.
    const sent = deliveries();
    expect(notifyPastDuePatches(db, clock.now())).toBe(0);
    expect(checkPastDuePatches(db, clock.now())).toBe(0);
    expect(deliveries()).toBe(sent);
    // Work recorded on a past-due item before its notice: the loop does not announce it.
    const t = scenario("Ventilators", { cvss: 7.2, validatedDaysAgo: 70, n: 2 });
    recordPatchApplied(db, d.ce, { advisoryId: t.advisoryId, deviceId: t.devices[0]!.id, appliedOn: today, workOrder: "WO-BEFORE", notes: "" });
    expect(checkPastDuePatches(db, clock.now())).toBe(1);
    expect(db.get<{ n: number }>(sql`select count(*) as n from patch_past_due_notices where advisory_id = ${t.advisoryId}`)!.n).toBe(1);
  });
});

describe("dashboard figures (PR.PS-02)", () => {
  test("applied within policy, backlog by age and party, no signed owner: each figure moves with the work, never stale", () => {
    const s = scenario("Ventilators", { cvss: 9.8, validatedDaysAgo: 45, n: 2 }); // critical: due 15 days ago
    const before = getPatchSummary(d.db, d.auditor, {}, today);
    expect(before.byAge.reduce((n, a) => n + a.count, 0)).toBe(before.open);
    expect(before.byParty.reduce((n, p) => n + p.open, 0)).toBeGreaterThanOrEqual(before.open);
    expect(before.byParty.find((p) => p.partyId === null)!.open).toBe(before.noSignedOwner);
    expect(listPatchQueue(d.db, d.auditor, { status: "open", age: "upTo60" }).total).toBe(before.byAge.find((a) => a.key === "upTo60")!.count);
    recordPatchApplied(d.db, d.ce, { advisoryId: s.advisoryId, deviceId: s.devices[0]!.id, appliedOn: today, workOrder: "WO-LATE", notes: "" });
    const after = getPatchSummary(d.db, d.auditor, {}, today);
    expect(after.applied).toBe(before.applied + 1);
    expect(after.appliedWithinPolicy).toBe(before.appliedWithinPolicy); // applied after its due date
    expect(after.open).toBe(before.open - 1);
    expect(after.overdue).toBe(before.overdue - 1);
  });
});
