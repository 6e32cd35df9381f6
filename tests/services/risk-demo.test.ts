import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { clock } from "@/lib/clock";
import { OEM_POSITIONS } from "@/lib/rules/oem-clock";
import { DEMO_DATA_DIR } from "@/db/seed/advisories-demo";
import { DEMO_RECALL_FILE } from "@/db/seed/recalls-demo";
import { getRiskFigures } from "@/lib/services/dashboard/get-risk-figures";
import { listOemOverdue } from "@/lib/services/advisories/list-oem-overdue";
import { currentOemPosition } from "@/lib/services/advisories/oem-position";
import { listAllPatchItems } from "@/lib/services/patches/list-patch-queue";
import { patchRoutes } from "@/lib/services/patches/route-patches";
import { listRecalls } from "@/lib/services/recalls/list-recalls";
import { listSupportDecisions } from "@/lib/services/support-decisions/list-support-decisions";
import { patchDemo } from "./patch-fixtures";

/**
 * Issue #13 item 8 on a fresh demo database: everything the advisory → patch → recall → replace-or-mitigate loop
 * shows has something to show. Dates in the demo are relative to "now", so these hold at today's date and at
 * CLEARLINE_NOW 18 months ahead.
 */
type Demo = Awaited<ReturnType<typeof patchDemo>>;
let d: Demo;
const today = clock.today();

beforeAll(async () => {
  d = await patchDemo();
}, 60_000);

describe("the demo of issue #13", () => {
  test("the 22 CISA advisories of the shipped CSAF files and the whole KEV catalog are imported", () => {
    const files = fs.readdirSync(path.join(DEMO_DATA_DIR, "csaf")).filter((f) => f.endsWith(".json"));
    expect(files).toHaveLength(22);
    const ids = files
      .map((f) => (JSON.parse(fs.readFileSync(path.join(DEMO_DATA_DIR, "csaf", f), "utf8")) as { document: { tracking: { id: string } } }).document.tracking.id)
      .sort();
    expect(d.db.all<{ t: string }>(sql`select tracking_id as t from advisories order by tracking_id`).map((r) => r.t)).toEqual(ids);
    const kev = JSON.parse(fs.readFileSync(path.join(DEMO_DATA_DIR, "kev", "known_exploited_vulnerabilities.json"), "utf8")) as { vulnerabilities: unknown[] };
    expect(d.db.get<{ n: number }>(sql`select count(*) as n from kev_entries where removed_at is null`)!.n).toBe(kev.vulnerabilities.length);
  });

  test("advisories are matched to the demo inventory: some on the exact version, some possible (to confirm), some on known-exploited CVEs", () => {
    const by = Object.fromEntries(
      d.db
        .all<{ c: string; n: number }>(sql`select confidence as c, count(*) as n from advisory_device_matches where superseded_at is null group by 1`)
        .map((r) => [r.c, r.n]),
    );
    expect(by["version"]).toBeGreaterThan(0);
    expect(by["possible"]).toBeGreaterThan(0);
    const f = getRiskFigures(d.db, d.auditor, {}, today).advisories!;
    expect(f.affectedDevices).toBeGreaterThan(0);
    expect(f.awaitingReview).toBeGreaterThan(0);
    expect(f.kevAffectedDevices).toBeGreaterThan(0);
    expect(f.kevUnpatchedDevices).toBeGreaterThan(0);
  });

  test("OEM answers are in every state, and some are overdue under the FDA clocks", () => {
    const positions = d.db.all<{ p: string }>(sql`
      select distinct ${currentOemPosition(sql`m.advisory_id`, sql`m.model_id`)} as p from advisory_device_matches m where m.superseded_at is null`);
    expect(positions.map((r) => r.p).sort()).toEqual([...OEM_POSITIONS].sort());
    const overdue = listOemOverdue(d.db, d.auditor, {}, today);
    expect(overdue.length).toBeGreaterThan(0);
    expect(new Set(overdue.map((r) => r.position))).toEqual(new Set(["not_answered", "validating"]));
  });

  test("patches applied, due and overdue for more than one Responsible party; a class without a signed RACI shows 'no signed owner'", () => {
    const items = listAllPatchItems(d.db, d.auditor, { status: "all" }, today);
    for (const party of ["Clinical Engineering", "IT Infrastructure"]) {
      const mine = items.filter((i) => i.responsible?.some((h) => h.party === party));
      expect(
        mine.some((i) => i.status === "applied" && i.workOrder),
        `${party} applied`,
      ).toBe(true);
      expect(
        mine.some((i) => (i.status === "open" || i.status === "dueSoon") && i.dueOn >= today),
        `${party} due`,
      ).toBe(true);
      expect(
        mine.some((i) => i.status === "overdue"),
        `${party} overdue`,
      ).toBe(true);
    }
    const routes = patchRoutes(d.db, d.auditor);
    const unsigned = [...routes.values()].filter((r) => !r.signed).map((r) => r.className);
    const noOwner = items.filter((i) => i.responsible === null && i.deviceClass !== null);
    expect(noOwner.length).toBeGreaterThan(0);
    expect(noOwner.every((i) => unsigned.includes(i.deviceClass!))).toBe(true);
    expect(getRiskFigures(d.db, d.auditor, {}, today).patches!.noSignedOwner).toBeGreaterThan(0);
  });

  test("the openFDA example recalls are imported and matched; one device actioned, others outstanding", () => {
    const file = JSON.parse(fs.readFileSync(path.join(DEMO_DATA_DIR, "openfda", DEMO_RECALL_FILE), "utf8")) as { results: unknown[] };
    const recalls = listRecalls(d.db, d.auditor, { status: "all", site: null });
    expect(recalls).toHaveLength(file.results.length);
    const matched = recalls.filter((r) => r.devices > 0);
    expect(matched.length).toBeGreaterThan(0);
    expect(matched.some((r) => r.outstanding > 0 && r.outstanding < r.devices)).toBe(true);
    expect(getRiskFigures(d.db, d.auditor, {}, today).recalls!.outstanding).toBeGreaterThan(0);
  });

  test("one signed mitigate decision, one decision overdue for review, and unsupported devices still without one", () => {
    const v = listSupportDecisions(d.db, d.auditor, today);
    expect(v.decisions.filter((x) => x.kind === "mitigate" && x.status === "approved")).toHaveLength(1);
    expect(v.overdue).toHaveLength(1);
    expect(v.overdue[0]!.approved).toBe(true);
    expect(v.withoutDecision.length).toBeGreaterThan(0);
  });
});
