/**
 * The patch-queue and recall endpoints of /api/v1 (issue #14 item 3, decision 0030), the CMMS round trip (bulk upsert
 * devices → read the patch queue → post completions → see the device history), the recovery of an idempotency key
 * left "running" by a dead process, and the "new known-exploited match" webhook raised by new device matches.
 * The token × scope × site matrix of these routes is in api-v1-endpoints.test.ts (it iterates V1_ROUTES).
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import {
  advisoryDevicesRoute,
  getRecallRoute,
  listPatchesRoute,
  listRecallsRoute,
  markPatchNotApplicableRoute,
  patchCompletionsRoute,
  recordPatchAppliedRoute,
  recordRecallActionRoute,
  requestPatchDeferralRoute,
  upsertDevicesRoute,
  deviceHistoryRoute,
  uploadAdvisoryRoute,
} from "@/lib/api/v1-routes";
import { clock } from "@/lib/clock";
import { DEMO_PASSWORD } from "@/db/seed/demo-data";
import { loadActor } from "@/lib/services/auth/load-actor";
import { createApiToken } from "@/lib/services/api/create-api-token";
import { claimIdempotencyKey, IDEMPOTENCY_STALE_MS } from "@/lib/services/api/idempotency-keys";
import { listAffectedDevices } from "@/lib/services/advisories/list-affected-devices";
import { deferPatch } from "@/lib/services/patches/defer-patch";
import { listAllPatchItems } from "@/lib/services/patches/list-patch-queue";
import { pendingDeferralRequest } from "@/lib/services/patches/request-patch-deferral";
import { createWebhook } from "@/lib/services/webhooks/manage-webhooks";
import { call, digest, fresh, inDays, one, token } from "./api-v1-helpers";

const ADVISORY = "ICSMA-23-194-01";
type Item = {
  assetTag: string;
  trackingId: string;
  status: string;
  siteId: number;
  advisoryId: number;
  deviceId: number;
  workOrder: string | null;
  appliedOn: string | null;
  accountable: { partyId: number }[] | null;
};

describe("GET /api/v1/patches", () => {
  test("the cursor walks the whole ranked queue once, in the page's order; filters and a site-limited token agree with the service", async () => {
    const { db, sqlite, admin } = await fresh();
    try {
      const t = token(db, admin, ["read"]);
      const walk = async (query: Record<string, string>, tk = t) => {
        const out: Item[] = [];
        let cursor: string | null = null;
        do {
          const r = await call(db, listPatchesRoute, tk, { query: { ...query, limit: "37", ...(cursor ? { cursor } : {}) } });
          expect(r.status, r.text).toBe(200);
          out.push(...(r.body.items as Item[]));
          cursor = r.body.nextCursor as string | null;
        } while (cursor);
        return out;
      };
      const expected = listAllPatchItems(db, admin, { status: "all" });
      expect(expected.length).toBeGreaterThan(100);
      const all = await walk({ status: "all" });
      expect(all.map((i) => `${i.assetTag} ${i.trackingId}`)).toEqual(expected.map((i) => `${i.assetTag} ${i.trackingId}`));
      // Default: open items (due soon and overdue included), as on /patches.
      const open = await walk({});
      expect(open.map((i) => i.assetTag)).toEqual(listAllPatchItems(db, admin, {}).map((i) => i.assetTag));
      expect(open.every((i) => ["open", "dueSoon", "overdue"].includes(i.status))).toBe(true);
      const it = one<{ id: number }>(sqlite, "select id from parties where name = 'IT Infrastructure'").id;
      expect((await walk({ party: String(it), status: "all" })).length).toBe(listAllPatchItems(db, admin, { party: it, status: "all" }).length);
      const nch = one<{ id: number }>(sqlite, "select id from sites where code = 'NCH'").id;
      const site = await walk({ status: "all" }, token(db, admin, ["read"], nch));
      expect(site.length).toBe(expected.filter((i) => i.siteId === nch).length);
      expect(await call(db, listPatchesRoute, t, { query: { status: "late" } })).toMatchObject({ status: 422, body: { errors: [{ field: "query.status" }] } });
      expect(await call(db, listPatchesRoute, t, { query: { party: "IT" } })).toMatchObject({ status: 422, body: { errors: [{ field: "query.party" }] } });
      expect(await call(db, listPatchesRoute, t, { query: { cursor: Buffer.from('{"d":1}').toString("base64url") } })).toMatchObject({ status: 422 });
    } finally {
      sqlite.close();
    }
  });

  test("recording work while walking the open queue neither skips nor repeats an item", async () => {
    const { db, sqlite, admin } = await fresh();
    try {
      const t = token(db, admin, ["read", "write:patches"]);
      const expected = listAllPatchItems(db, admin, {}).map((i) => i.assetTag + i.trackingId);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const r = await call(db, listPatchesRoute, t, { query: { limit: "25", ...(cursor ? { cursor } : {}) } });
        const items = r.body.items as Item[];
        seen.push(...items.map((i) => i.assetTag + i.trackingId));
        // The CMMS closes the first item of each page before asking for the next page.
        const first = items.find((i) => i.accountable);
        if (first)
          expect(
            (await call(db, recordPatchAppliedRoute, t, { body: { assetTag: first.assetTag, advisory: first.trackingId, workOrder: `WO-${seen.length}` } }))
              .status,
          ).toBe(200);
        cursor = r.body.nextCursor as string | null;
      } while (cursor);
      expect(seen).toEqual(expected);
    } finally {
      sqlite.close();
    }
  });
});

describe("GET /api/v1/advisories/{id}/devices", () => {
  test("pages an advisory's affected devices in asset-tag order, the same set the dashboard's affected list holds; unknown advisory is 404", async () => {
    const { db, sqlite, admin } = await fresh();
    try {
      const t = token(db, admin, ["read"]);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const r = await call(db, advisoryDevicesRoute, t, { params: { id: "20" }, query: { limit: "7", ...(cursor ? { cursor } : {}) } });
        expect(r.status, r.text).toBe(200);
        seen.push(...(r.body.items as { assetTag: string }[]).map((d) => d.assetTag));
        cursor = r.body.nextCursor as string | null;
      } while (cursor);
      const expected = listAffectedDevices(db, admin)
        .rows.filter((x) => x.advisoryId === 20)
        .map((x) => x.assetTag)
        .sort();
      expect(seen.length).toBeGreaterThan(7);
      expect(seen).toEqual(expected);
      const review = await call(db, advisoryDevicesRoute, t, { params: { id: "20" }, query: { review: "true", limit: "500" } });
      expect((review.body.items as { confidence: string }[]).every((d) => d.confidence === "possible")).toBe(true);
      expect(await call(db, advisoryDevicesRoute, t, { params: { id: "99999" } })).toMatchObject({ status: 404 });
    } finally {
      sqlite.close();
    }
  });
});

describe("patch writes through a token", () => {
  test("applied: a record, a patch_applied history entry with the work order, an audit row under the token's name; again is 409 and bad dates are 422, writing nothing", async () => {
    const { db, sqlite, admin } = await fresh();
    try {
      const t = createApiToken(db, admin, { name: "Lakeside Maximo", scopes: ["write:patches"], siteId: null, expiresOn: inDays(30) }).token;
      const dev = one<{ id: number }>(sqlite, "select id from devices where asset_tag = 'LMH-10042'").id;
      const before = digest(sqlite);
      const future = await call(db, recordPatchAppliedRoute, t, {
        body: { assetTag: "LMH-10042", advisory: ADVISORY, workOrder: "WO-1", appliedOn: inDays(1) },
      });
      expect(future).toMatchObject({ status: 422, body: { errors: [{ field: "body.appliedOn", message: expect.stringMatching(/cannot be in the future/) }] } });
      const notADay = await call(db, recordPatchAppliedRoute, t, {
        body: { assetTag: "LMH-10042", advisory: ADVISORY, workOrder: "WO-1", appliedOn: "2026-02-30" },
      });
      expect(notADay).toMatchObject({
        status: 422,
        body: { errors: [{ field: "body.appliedOn", message: expect.stringMatching(/not a date on the calendar/) }] },
      });
      const early = await call(db, recordPatchAppliedRoute, t, {
        body: { assetTag: "LMH-10042", advisory: ADVISORY, workOrder: "WO-1", appliedOn: "2020-01-01" },
      });
      expect(early).toMatchObject({ status: 422, body: { detail: expect.stringMatching(/before the OEM validated/) } });
      expect(await call(db, recordPatchAppliedRoute, t, { body: { assetTag: "NOPE-1", advisory: ADVISORY, workOrder: "WO-1" } })).toMatchObject({
        status: 404,
      });
      expect(await call(db, recordPatchAppliedRoute, t, { body: { assetTag: "LMH-10042", advisory: "ICSMA-00-000-00", workOrder: "WO-1" } })).toMatchObject({
        status: 404,
      });
      expect(
        await call(db, recordPatchAppliedRoute, t, { body: { assetTag: "LMH-10042", advisory: ADVISORY, workOrder: "WO-1", status: "applied" } }),
      ).toMatchObject({ status: 422 });
      // A BEL and an ESC in the work order (found by a probe): refused at the API's door, naming the field.
      expect(
        await call(db, recordPatchAppliedRoute, t, { body: { assetTag: "LMH-10042", advisory: ADVISORY, workOrder: "WO\u0007\u001b[31m" } }),
      ).toMatchObject({ status: 422, body: { errors: [{ field: "body.workOrder", message: expect.stringMatching(/^This field holds control characters/) }] } });
      // A check without a message of its own answers in a sentence, not zod's text (the wrapper installs them).
      const wrongType = await call(db, recordPatchAppliedRoute, t, { body: { assetTag: 42, advisory: ADVISORY, workOrder: "WO-1" } });
      expect(wrongType).toMatchObject({ status: 422, body: { errors: [{ field: "body.assetTag", message: "Give text here." }] } });
      expect(digest(sqlite), "refusals write nothing").toBe(before);

      const ok = await call(db, recordPatchAppliedRoute, t, {
        body: { assetTag: "LMH-10042", advisory: ADVISORY, workOrder: "WO-2026-77", notes: "ICU window" },
      });
      expect(ok.status, ok.text).toBe(200);
      expect(ok.body.item).toMatchObject({ assetTag: "LMH-10042", status: "applied", appliedOn: clock.today(), workOrder: "WO-2026-77" });
      expect(one(sqlite, "select kind, work_order as wo, actor_label as actor from device_events where device_id = ? order by id desc limit 1", dev)).toEqual({
        kind: "patch_applied",
        wo: "WO-2026-77",
        actor: expect.stringContaining("API token “Lakeside Maximo”"),
      });
      expect(one(sqlite, "select action, actor_label as actor from audit_log order by seq desc limit 1")).toEqual({
        action: "PATCH_APPLIED",
        actor: expect.stringContaining("API token “Lakeside Maximo”"),
      });
      const after = digest(sqlite);
      const again = await call(db, recordPatchAppliedRoute, t, { body: { assetTag: "LMH-10042", advisory: ADVISORY, workOrder: "WO-2026-78" } });
      expect(again).toMatchObject({ status: 409, body: { type: "/api/v1/problems#conflict", detail: expect.stringMatching(/already recorded as applied/) } });
      expect(digest(sqlite)).toBe(after);
      const na = await call(db, markPatchNotApplicableRoute, t, { body: { assetTag: "LMH-10042", advisory: ADVISORY, reason: "x" } });
      expect(na.status).toBe(409);

      const n = await call(db, markPatchNotApplicableRoute, t, { body: { assetTag: "LMH-10043", advisory: ADVISORY, reason: "Module not installed." } });
      expect(n.status, n.text).toBe(200);
      expect(n.body.item).toMatchObject({ status: "notApplicable" });
    } finally {
      sqlite.close();
    }
  });

  test("a deferral through the API is a request: the item stays open until the Accountable lead signs, which accepts the request", async () => {
    const { db, sqlite, admin } = await fresh();
    try {
      const t = createApiToken(db, admin, { name: "Lakeside Maximo", scopes: ["read", "write:patches"], siteId: null, expiresOn: inDays(30) }).token;
      const until = inDays(60);
      const r = await call(db, requestPatchDeferralRoute, t, {
        body: { assetTag: "LMH-10048", advisory: ADVISORY, reason: "Spring downtime window.", deferUntil: until },
      });
      expect(r.status, r.text).toBe(201);
      expect(r.body).toMatchObject({ status: "pending", assetTag: "LMH-10048", deferUntil: until, acceptBy: [{ party: "IT Infrastructure" }] });
      const item = (await call(db, listPatchesRoute, t, { query: { device: String(r.body.deviceId), status: "all" } })).body.items as Item[];
      expect(item.map((i) => i.status)).toEqual(["open"]);
      expect(one(sqlite, "select count(*) as n from patch_records where device_id = ?", r.body.deviceId)).toEqual({ n: 0 });
      expect(one(sqlite, "select action from audit_log order by seq desc limit 1")).toEqual({ action: "PATCH_DEFERRAL_REQUESTED" });
      expect(one<{ note: string }>(sqlite, "select note from device_events where device_id = ? order by id desc limit 1", r.body.deviceId).note).toMatch(
        /deferral until .* requested, waiting for the Accountable party's signature/,
      );
      expect(
        await call(db, requestPatchDeferralRoute, t, { body: { assetTag: "LMH-10048", advisory: ADVISORY, reason: "x", deferUntil: inDays(-1) } }),
      ).toMatchObject({ status: 422, body: { errors: [{ field: "body.deferUntil" }] } });
      expect(
        await call(db, requestPatchDeferralRoute, t, { body: { assetTag: "LMH-10048", advisory: ADVISORY, reason: "x", deferUntil: inDays(800) } }),
      ).toMatchObject({ status: 422 });

      // The Accountable party's lead (IT Infrastructure) accepts it with a signature: the request is answered.
      const pending = pendingDeferralRequest(db, r.body.advisoryId as number, r.body.deviceId as number)!;
      expect(pending.id).toBe(r.body.id);
      const itLead = loadActor(db, one<{ id: number }>(sqlite, "select id from users where email = 'it.lead@lakeside.example'").id)!;
      const signed = await deferPatch(db, itLead, {
        advisoryId: pending.advisoryId,
        deviceId: pending.deviceId,
        reason: pending.reason,
        deferUntil: pending.deferUntil,
        password: DEMO_PASSWORD,
        requestId: pending.id,
      });
      expect(one(sqlite, "select accepted_record_id as rec from patch_deferral_requests where id = ?", pending.id)).toEqual({ rec: signed.recordId });
      expect(pendingDeferralRequest(db, pending.advisoryId, pending.deviceId)).toBeNull();
      const now = (await call(db, listPatchesRoute, t, { query: { device: String(r.body.deviceId), status: "all" } })).body.items as Item[];
      expect(now.map((i) => i.status)).toEqual(["deferred"]);
    } finally {
      sqlite.close();
    }
  });

  test("bulk completions are all or nothing: one bad completion is a 422 naming its index, nothing written; then all are recorded", async () => {
    const { db, sqlite, admin } = await fresh();
    try {
      const t = token(db, admin, ["write:patches"]);
      const today = clock.today();
      const good = [
        { assetTag: "LMH-10050", advisory: ADVISORY, workOrder: "WO-A", appliedOn: today },
        { assetTag: "LMH-10051", advisory: ADVISORY.toLowerCase(), workOrder: "WO-B", appliedOn: today, notes: "Rebooted." },
      ];
      const before = digest(sqlite);
      const bad = await call(db, patchCompletionsRoute, t, {
        body: {
          source: "Maximo",
          completions: [...good, { assetTag: "LMH-10052", advisory: ADVISORY, workOrder: "WO-C", appliedOn: inDays(2) }, { ...good[0]!, workOrder: "WO-D" }],
        },
      });
      expect(bad.status, bad.text).toBe(422);
      expect(bad.body.errors).toEqual([
        { field: "body.completions.2.appliedOn", message: expect.stringMatching(/cannot be in the future/) },
        { field: "body.completions.3", message: expect.stringMatching(/already on line 0/) },
      ]);
      expect(digest(sqlite)).toBe(before);
      const tooMany = await call(db, patchCompletionsRoute, t, { body: { source: "Maximo", completions: Array.from({ length: 5001 }, () => good[0]) } });
      expect(tooMany.status).toBe(413);
      const ok = await call(db, patchCompletionsRoute, t, { body: { source: "Maximo", completions: good } });
      expect(ok.status, ok.text).toBe(200);
      expect(ok.body).toEqual({ recorded: 2 });
      expect(
        sqlite
          .prepare(
            "select d.asset_tag as tag, r.work_order as wo from patch_records r join devices d on d.id = r.device_id where r.outcome = 'applied' and d.asset_tag in ('LMH-10050', 'LMH-10051') order by d.asset_tag",
          )
          .all(),
      ).toEqual([
        { tag: "LMH-10050", wo: "WO-A" },
        { tag: "LMH-10051", wo: "WO-B" },
      ]);
    } finally {
      sqlite.close();
    }
  });
});

describe("recalls", () => {
  test("list and detail within the token's site; recording an action with a work order ends it being outstanding; twice is 409", async () => {
    const { db, sqlite, admin } = await fresh();
    try {
      const t = createApiToken(db, admin, { name: "Lakeside CMMS", scopes: ["read", "write:recalls"], siteId: null, expiresOn: inDays(30) }).token;
      const list = await call(db, listRecallsRoute, t, { query: { status: "outstanding" } });
      expect(list.status, list.text).toBe(200);
      expect(list.body.items).toMatchObject([{ recallNumber: "Z-0053-2020", devices: 3, outstanding: 2 }]);
      const p1 = await call(db, listRecallsRoute, t, { query: { limit: "1" } });
      const p2 = await call(db, listRecallsRoute, t, { query: { limit: "1", cursor: p1.body.nextCursor as string } });
      expect([...(p1.body.items as { id: number }[]), ...(p2.body.items as { id: number }[])].map((r) => r.id).sort()).toEqual([1, 2]);
      expect(p2.body.nextCursor).toBeNull();
      const detail = await call(db, getRecallRoute, t, { params: { id: "1" }, query: { state: "outstanding" } });
      expect((detail.body.devices as { assetTag: string }[]).map((d) => d.assetTag)).toEqual(["LMH-ARW-001", "NCH-ARW-001"]);
      expect(await call(db, getRecallRoute, t, { params: { id: "999" } })).toMatchObject({ status: 404 });

      const before = digest(sqlite);
      expect(
        await call(db, recordRecallActionRoute, t, {
          params: { id: "1" },
          body: { assetTag: "LMH-10001", state: "done", workOrder: "WO-R", actionOn: clock.today() },
        }),
      ).toMatchObject({ status: 404, body: { detail: "Recall Z-0053-2020 does not concern LMH-10001's model." } });
      expect(
        await call(db, recordRecallActionRoute, t, {
          params: { id: "1" },
          body: { assetTag: "LMH-ARW-001", state: "fixed", workOrder: "WO-R", actionOn: clock.today() },
        }),
      ).toMatchObject({ status: 422, body: { errors: [{ field: "body.state" }] } });
      expect(
        await call(db, recordRecallActionRoute, t, {
          params: { id: "1" },
          body: { assetTag: "LMH-ARW-001", state: "done", workOrder: "WO-R", actionOn: inDays(3) },
        }),
      ).toMatchObject({ status: 422, body: { errors: [{ field: "body.actionOn" }] } });
      expect(digest(sqlite)).toBe(before);
      const ok = await call(db, recordRecallActionRoute, t, {
        params: { id: "1" },
        body: { assetTag: "LMH-ARW-001", state: "done", workOrder: "WO-2026-2210", actionOn: clock.today(), notes: "Lots pulled." },
      });
      expect(ok.status, ok.text).toBe(201);
      expect(ok.body).toMatchObject({ state: "done", workOrder: "WO-2026-2210" });
      const dev = one<{ id: number }>(sqlite, "select id from devices where asset_tag = 'LMH-ARW-001'").id;
      expect(one(sqlite, "select kind, work_order as wo, actor_label as actor from device_events where device_id = ? order by id desc limit 1", dev)).toEqual({
        kind: "recall_action",
        wo: "WO-2026-2210",
        actor: expect.stringContaining("API token “Lakeside CMMS”"),
      });
      expect(one(sqlite, "select action, actor_label as actor from audit_log order by seq desc limit 1")).toEqual({
        action: "RECALL_ACTION_RECORDED",
        actor: expect.stringContaining("API token “Lakeside CMMS”"),
      });
      expect(
        (
          await call(db, recordRecallActionRoute, t, {
            params: { id: "1" },
            body: { assetTag: "LMH-ARW-001", state: "done", workOrder: "WO-X", actionOn: clock.today() },
          })
        ).status,
      ).toBe(409);
      const outstanding = await call(db, getRecallRoute, t, { params: { id: "1" }, query: { state: "outstanding" } });
      expect((outstanding.body.devices as { assetTag: string }[]).map((d) => d.assetTag)).toEqual(["NCH-ARW-001"]);
    } finally {
      sqlite.close();
    }
  });
});

describe("a CMMS round trip", () => {
  test("bulk upsert devices → they join the patch queue → post completions → patch_applied in each device's history", async () => {
    const { db, sqlite, admin } = await fresh();
    try {
      const t = createApiToken(db, admin, {
        name: "Eastgate CMMS",
        scopes: ["read", "write:inventory", "write:patches"],
        siteId: null,
        expiresOn: inDays(30),
      }).token;
      // A model and version the demo's advisory affects, with an OEM-validated patch.
      const like = one<{ maker: string; model: string; version: string | null }>(
        sqlite,
        "select mf.name as maker, m.name as model, d.software_version as version from devices d join device_models m on m.id = d.model_id join manufacturers mf on mf.id = m.manufacturer_id where d.asset_tag = 'LMH-10035'",
      );
      const devices = ["RT-P-1", "RT-P-2"].map((assetTag, i) => ({
        assetTag,
        cmmsId: `P${i}`,
        site: "EOC",
        manufacturer: like.maker,
        model: like.model,
        softwareVersion: like.version ?? undefined,
        connected: true,
      }));
      const up = await call(db, upsertDevicesRoute, t, { body: { source: "AIMS", devices } });
      expect(up.status, up.text).toBe(200);
      expect(up.body.counts).toMatchObject({ new: 2 });

      const ids = devices.map((d) => one<{ id: number }>(sqlite, "select id from devices where asset_tag = ?", d.assetTag).id);
      const queue = await Promise.all(ids.map(async (id) => (await call(db, listPatchesRoute, t, { query: { device: String(id) } })).body.items as Item[]));
      expect(queue.map((q) => q.map((i) => `${i.assetTag} ${i.trackingId}`))).toEqual([[`RT-P-1 ${ADVISORY}`], [`RT-P-2 ${ADVISORY}`]]);
      for (const i of queue.flat()) expect(["open", "dueSoon", "overdue"]).toContain(i.status);

      const done = await call(db, patchCompletionsRoute, t, {
        body: {
          source: "AIMS",
          completions: queue.flat().map((i, n) => ({ assetTag: i.assetTag, advisory: i.trackingId, workOrder: `WO-RT-${n + 1}`, appliedOn: clock.today() })),
        },
        headers: { "idempotency-key": "rt-completions-1" },
      });
      expect(done.status, done.text).toBe(200);
      expect(done.body).toEqual({ recorded: 2 });
      const replay = await call(db, patchCompletionsRoute, t, {
        body: {
          source: "AIMS",
          completions: queue.flat().map((i, n) => ({ assetTag: i.assetTag, advisory: i.trackingId, workOrder: `WO-RT-${n + 1}`, appliedOn: clock.today() })),
        },
        headers: { "idempotency-key": "rt-completions-1" },
      });
      expect(replay.headers.get("idempotent-replayed")).toBe("true");

      for (const [n, id] of ids.entries()) {
        const h = await call(db, deviceHistoryRoute, t, { params: { id: String(id) } });
        expect(h.body.items).toMatchObject([{ kind: "patch_applied", workOrder: `WO-RT-${n + 1}`, actor: "API token “Eastgate CMMS”" }, { kind: "imported" }]);
      }
      expect(((await call(db, listPatchesRoute, t, { query: { device: String(ids[0]), status: "all" } })).body.items as Item[])[0]).toMatchObject({
        status: "applied",
        workOrder: "WO-RT-1",
        appliedOn: clock.today(),
      });
    } finally {
      sqlite.close();
    }
  });
});

describe("Idempotency-Key left running by a dead process", () => {
  test("a key still 'running' after the stale limit is taken over by the retry; a recent one is still a 409", async () => {
    const { db, sqlite, admin } = await fresh();
    try {
      const t = token(db, admin, ["write:patches"]);
      const tokenId = one<{ id: number }>(sqlite, "select max(id) as id from api_tokens").id;
      const body = { assetTag: "LMH-10053", advisory: ADVISORY, workOrder: "WO-CRASH" };
      // The first attempt claimed the key and its process died before the write: what such a claim leaves behind.
      const route = "POST /api/v1/patches/applied";
      const sha = crypto
        .createHash("sha256")
        .update(`${route}\n\n${JSON.stringify(body)}`)
        .digest("hex");
      expect(claimIdempotencyKey(db, tokenId, "crash-1", route, sha, new Date(clock.ms() - 10_000))).toMatchObject({ kind: "new" });
      const before = digest(sqlite);
      const busy = await call(db, recordPatchAppliedRoute, t, { body, headers: { "idempotency-key": "crash-1" } });
      expect(busy).toMatchObject({ status: 409, body: { type: "/api/v1/problems#idempotency-conflict" } });
      expect(busy.headers.get("retry-after")).toBe("5");
      expect(digest(sqlite), "a running key refuses and writes nothing").toBe(before);
      // Past the stale limit the retry takes the key over, runs, and stores its response.
      sqlite
        .prepare("update api_idempotency_keys set created_at = ? where key = 'crash-1'")
        .run(new Date(clock.ms() - IDEMPOTENCY_STALE_MS - 1000).toISOString());
      const retried = await call(db, recordPatchAppliedRoute, t, { body, headers: { "idempotency-key": "crash-1" } });
      expect(retried.status, retried.text).toBe(200);
      expect(retried.body.item).toMatchObject({ assetTag: "LMH-10053", status: "applied", workOrder: "WO-CRASH" });
      expect(one(sqlite, "select count(*) as n, max(response_status) as s from api_idempotency_keys where key = 'crash-1'")).toEqual({ n: 1, s: 200 });
      // Another request with that key is still a conflict; the same one replays.
      expect((await call(db, recordPatchAppliedRoute, t, { body: { ...body, workOrder: "WO-OTHER" }, headers: { "idempotency-key": "crash-1" } })).status).toBe(
        409,
      );
      const replay = await call(db, recordPatchAppliedRoute, t, { body, headers: { "idempotency-key": "crash-1" } });
      expect(replay.headers.get("idempotent-replayed")).toBe("true");
    } finally {
      sqlite.close();
    }
  });
});

describe("webhook: a new known-exploited match", () => {
  test("an advisory upload and a CMMS upsert that match devices to a KEV advisory each enqueue kev.known_exploited_match; a write matching nothing new enqueues none", async () => {
    const { db, sqlite, admin } = await fresh();
    try {
      createWebhook(db, admin, { name: "SOC", url: "https://soc.example/hooks/clearline", events: ["kev.known_exploited_match"] });
      const events = () =>
        sqlite
          .prepare("select payload from webhook_deliveries where event_type = 'kev.known_exploited_match' order by id")
          .all()
          .map((r) => JSON.parse((r as { payload: string }).payload).data);
      const t = token(db, admin, ["read", "write:advisories", "write:inventory"]);
      // EternalBlue's ICSMA advisory under a new tracking id: the devices it concerns are new matches of a KEV advisory.
      const csaf = JSON.parse(fs.readFileSync(path.join(process.cwd(), "..", "shared", "data", "csaf-icsma", "icsma-18-058-02.json"), "utf8")) as {
        document: { tracking: { id: string } };
      };
      csaf.document.tracking.id = "ICSMA-18-058-02-API";
      const up = await call(db, uploadAdvisoryRoute, t, { body: csaf });
      expect(up.status, up.text).toBe(200);
      const [first] = events();
      expect(first).toMatchObject({
        trigger: "device_match",
        advisory: { trackingId: "ICSMA-18-058-02-API" },
        cves: expect.arrayContaining([expect.objectContaining({ cve: "CVE-2017-0144" })]),
      });
      expect(first.newDevices).toBeGreaterThan(0);
      expect(first.devices.length).toBe(Math.min(100, first.newDevices));

      // A new device of a matched model, from the CMMS: one more event per KEV advisory it joins, naming it.
      const matched = one<{ maker: string; model: string; version: string | null; site: string }>(
        sqlite,
        "select mf.name as maker, m.name as model, d.software_version as version, s.code as site from advisory_device_matches x join advisories a on a.id = x.advisory_id join devices d on d.id = x.device_id join device_models m on m.id = d.model_id join manufacturers mf on mf.id = m.manufacturer_id join sites s on s.id = d.site_id where a.tracking_id = 'ICSMA-18-058-02-API' limit 1",
      );
      const n0 = events().length;
      const dev = await call(db, upsertDevicesRoute, t, {
        body: {
          source: "Maximo",
          devices: [
            { assetTag: "KEV-NEW-1", site: matched.site, manufacturer: matched.maker, model: matched.model, softwareVersion: matched.version ?? undefined },
          ],
        },
      });
      expect(dev.status, dev.text).toBe(200);
      const later = events().slice(n0);
      expect(later.length).toBeGreaterThan(0);
      expect(later.every((e) => e.newDevices === 1 && e.devices[0].assetTag === "KEV-NEW-1")).toBe(true);
      expect(later.map((e) => e.advisory.trackingId)).toContain("ICSMA-18-058-02-API");
      // A change that matches nothing new raises nothing.
      const n1 = events().length;
      await call(db, upsertDevicesRoute, t, { body: { source: "Maximo", devices: [{ assetTag: "KEV-NEW-1", location: "Radiology" }] } });
      expect(events().length).toBe(n1);
    } finally {
      sqlite.close();
    }
  });
});
