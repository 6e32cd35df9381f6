import { eq, sql } from "drizzle-orm";
import { patchDeferralRequests } from "@/db/schema";
import type { Tx } from "../client";
import type { Actor } from "@/lib/auth/permissions";
import { addDays } from "@/lib/rules/patch-priority";
import { isAffected } from "@/lib/services/advisories/affected";
import { writeOemPosition } from "@/lib/services/advisories/record-oem-position";
import { writeSignature } from "@/lib/services/signatures/sign-record";
import { toPatchItem, type PatchItem } from "@/lib/services/patches/list-patch-queue";
import { patchItemRef, writePatchRecord } from "@/lib/services/patches/load-patch-item";
import { deferralContent, DEFERRAL_MEANING } from "@/lib/services/patches/defer-patch";
import { getPatchPolicy } from "@/lib/services/patches/patch-policy";
import { computePatchRoutes } from "@/lib/services/patches/route-patches";
import { scopeWhere, selectQueue } from "@/lib/services/patches/patch-queue-sql";
import { notifyPastDuePatches } from "@/lib/services/patches/notify-past-due-patches";

/**
 * The patch queue's demo (issue #13 item 8), on top of the matched advisories and the OEM answers: more OEM-validated
 * patches — for a class Clinical Engineering patches, one IT Infrastructure patches (bedside monitors) and one with no
 * signed RACI ("no signed owner") — then work recorded through the same writers the services use: patches applied
 * with work orders by each Responsible lead, one not applicable, one deferral signed by the Accountable lead, and
 * items left open, due soon and overdue (with their `patch.past_due` notices).
 */
export function seedPatchesDemo(tx: Tx, users: { ce: Actor; it: Actor; admin: Actor }, now: Date): void {
  const today = now.toISOString().slice(0, 10);
  const day = (offset: number) => new Date(now.getTime() + offset * 86_400_000);
  const routes = computePatchRoutes(tx, users.admin);
  // (advisory, model) pairs with affected devices and no OEM answer yet, by class.
  const pairs = tx.all<{ advisoryId: number; trackingId: string; modelId: number; model: string; classId: number | null; n: number }>(sql`
    select advisory_device_matches.advisory_id as advisoryId, a.tracking_id as trackingId, advisory_device_matches.model_id as modelId, dm.name as model,
           dm.device_class_id as classId, count(*) as n
    from advisory_device_matches
    join advisories a on a.id = advisory_device_matches.advisory_id
    join device_models dm on dm.id = advisory_device_matches.model_id
    where ${isAffected()}
      and not exists (select 1 from oem_positions op where op.advisory_id = advisory_device_matches.advisory_id and op.model_id = advisory_device_matches.model_id)
    group by 1, 2, 3, 4, 5
    order by n desc, a.tracking_id, dm.name`);
  const signedBy = (partyName: string) => (p: (typeof pairs)[number]) => {
    const r = p.classId != null ? routes.get(p.classId) : undefined;
    return r?.signed === true && r.responsible.some((h) => h.party === partyName);
  };
  const picks: { pair: (typeof pairs)[number]; validatedDaysAgo: number }[] = [];
  const take = (pred: (p: (typeof pairs)[number]) => boolean, validatedDaysAgo: number) => {
    const p = pairs.find((x) => pred(x) && !picks.some((k) => k.pair === x));
    if (p) picks.push({ pair: p, validatedDaysAgo });
  };
  // Validated 100 and 120 days ago: past due under every default rule (the longest, "other", is 90 days).
  take(signedBy("IT Infrastructure"), 100);
  take(signedBy("Clinical Engineering"), 120);
  take((p) => p.classId == null || !routes.get(p.classId)?.signed, 20); // no signed owner
  take(signedBy("IT Infrastructure"), 3);
  for (const { pair, validatedDaysAgo } of picks) {
    writeOemPosition(
      tx,
      users.ce,
      {
        advisoryId: pair.advisoryId,
        modelId: pair.modelId,
        trackingId: pair.trackingId,
        modelName: pair.model,
        position: "patch_available",
        bulletinRef: `${pair.trackingId} OEM service bulletin`,
        bulletinUrl: null,
        validatedVersion: "OEM validated update",
        validatedOn: addDays(today, -validatedDaysAgo),
        installNotes: "Schedule clinical downtime with the unit; verify alarms after the update.",
        note: "Validated fix announced by the manufacturer.",
      },
      day(-validatedDaysAgo + 1),
    );
  }

  const policy = getPatchPolicy(tx);
  const items: (PatchItem & { recordId: number | null })[] = selectQueue(tx, scopeWhere({})).map((r) => ({
    ...toPatchItem(r, routes, policy, today),
    recordId: r.recordId,
  }));
  const byParty = (party: string) => items.filter((i) => i.responsible?.some((h) => h.party === party));
  const lead = (i: PatchItem) => (i.responsible?.some((h) => h.party === "IT Infrastructure") ? users.it : users.ce);
  let wo = 24_100;
  const applied = (i: PatchItem, daysAgo: number) => {
    const on = addDays(today, -daysAgo) < i.validatedOn ? i.validatedOn : addDays(today, -daysAgo);
    const workOrder = `WO-${wo++}`;
    writePatchRecord(
      tx,
      lead(i),
      i,
      { outcome: "applied", appliedOn: on, workOrder, notes: null },
      { kind: "patch_applied", workOrder, note: `${i.trackingId}: OEM-validated patch (${i.validatedVersion}) applied on ${on}.` },
      "PATCH_APPLIED",
      day(-daysAgo),
    );
  };
  // Each Responsible party has applied some of its items and left others open (some past due).
  for (const party of ["Clinical Engineering", "IT Infrastructure"]) {
    const mine = byParty(party);
    mine.slice(0, Math.ceil(mine.length / 3)).forEach((i, k) => applied(i, 1 + (k % 20)));
    // The lowest-ranked few were applied late, after their due date: "applied within policy" is not 100 %.
    mine
      .slice(-3)
      .filter((i) => i.dueOn < today)
      .forEach((i) => applied(i, 0));
  }
  const ce = byParty("Clinical Engineering").slice(Math.ceil(byParty("Clinical Engineering").length / 3), -3);
  const na = ce[0];
  if (na) {
    writePatchRecord(
      tx,
      users.ce,
      na,
      { outcome: "not_applicable", reason: "The device runs the OEM's locked clinical image without the affected network service." },
      { kind: "note", note: `${na.trackingId}: patch marked not applicable. Reason: the affected network service is not installed.` },
      "PATCH_MARKED_NOT_APPLICABLE",
      day(-2),
    );
  }
  // A deferral signed by the Accountable party's lead (IT Infrastructure for the classes Clinical Engineering patches).
  const deferred = ce.find((i) => i !== na && i.accountable?.some((h) => h.party === "IT Infrastructure"));
  if (deferred) {
    const reason = "The unit's spare pumps are out for service; patch after they return.";
    const deferUntil = addDays(today, 21);
    const at = day(-1);
    const sig = writeSignature(
      tx,
      users.it,
      { ref: patchItemRef(deferred), content: deferralContent({ ...deferred, reason, deferUntil }), meaning: DEFERRAL_MEANING },
      at,
    );
    // The CMMS asked for it through the API first (decision 0030); the lead's signature accepted the request.
    const requested = tx
      .insert(patchDeferralRequests)
      .values({
        advisoryId: deferred.advisoryId,
        deviceId: deferred.deviceId,
        reason,
        deferUntil,
        apiTokenId: null,
        requestedBy: "API token “Lakeside Maximo” <token:demo>",
        requestedAt: day(-2).toISOString(),
      })
      .returning({ id: patchDeferralRequests.id })
      .get();
    const recordId = writePatchRecord(
      tx,
      users.it,
      deferred,
      { outcome: "deferred", reason, deferUntil, signatureId: sig.id },
      { kind: "note", note: `${deferred.trackingId}: patch deferred until ${deferUntil}, accepted by ${users.it.name} (Accountable). Reason: ${reason}` },
      "PATCH_DEFERRED",
      at,
    );
    tx.update(patchDeferralRequests).set({ acceptedRecordId: recordId }).where(eq(patchDeferralRequests.id, requested.id)).run();
  }
  notifyPastDuePatches(tx, now);
}
