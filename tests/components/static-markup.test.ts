import { createElement as h, Fragment, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, test } from "vitest";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { markupOf, staticMarkup } from "@/components/ui/static-markup";
import { registeredMarkup } from "@/components/ui/markup-registry";
import { AssessmentsSection, DrillsSection, MyItemsSection, ResponsibilitiesSection } from "@/components/dashboard/dashboard-view";
import { InventorySection } from "@/components/inventory/inventory-dashboard-section";
import { AdvisorySection } from "@/components/advisories/advisory-dashboard-section";
import { PatchSection } from "@/components/patches/patch-dashboard-section";
import { RecallsSection } from "@/components/recalls/recalls-dashboard-section";
import { loadActor } from "@/lib/services/auth/load-actor";
import { getDashboard, getMyDashboardItems } from "@/lib/services/dashboard/get-dashboard";
import { getRiskFigures } from "@/lib/services/dashboard/get-risk-figures";
import { getInventorySummary } from "@/lib/services/inventory/get-inventory-summary";
import { GapList, ResultScores } from "@/components/assessments/results-sections";
import { getAssessmentResults } from "@/lib/services/assessments/results";
import { assessments } from "@/db/schema";
import { RaciTableContent, gridViolations } from "@/components/raci/raci-table";
import { packCells, unpackCells } from "@/components/raci/grid-wire";
import { getRaciClass } from "@/lib/services/raci/get-raci-class";
import { cellKey } from "@/lib/rules/raci";
import { deviceClasses } from "@/db/schema";
import { registerMarkup } from "@/components/ui/markup-registry";
import { demoDb } from "../test-db";

/** Decision 0045: read-only sections rendered to a string once per cached read model must be what React renders. */
const EVIL = `<img src=x onerror="alert('x')"> & "quotes"`;

function Leaf({ label, n }: { label: string; n: number }) {
  return h("li", { className: "leaf", "data-n": n }, label, " — ", n);
}

describe("staticMarkup renders what react-dom/server renders", () => {
  test("host elements, attributes, SVG, styles, escaping, fragments and server components", () => {
    const tree: ReactNode = h(
      "section",
      { "aria-labelledby": "t", className: `a ${EVIL}` },
      h("h2", { id: "t" }, EVIL),
      h("label", { htmlFor: "f" }, "Field"),
      h("hr", { className: "rule", hidden: true }),
      h("br"),
      h("p", { hidden: false, "aria-hidden": true, "data-flag": true }, 0, null, false, undefined, "text"),
      h(
        "ul",
        null,
        [1, 2].map((n) => h(Leaf, { key: n, label: `item ${n}`, n })),
      ),
      h(Fragment, null, h("span", { style: { maxWidth: "640px", width: "30%", marginTop: 4, opacity: 0.5, zIndex: 2 } }, "styled")),
      h(
        "svg",
        { viewBox: "0 0 10 10", width: "100%", role: "img", "aria-labelledby": "x-t x-d" },
        h("title", { id: "x-t" }, "Chart"),
        h("defs", null, h("pattern", { id: "p", width: "6", height: "6", patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" })),
        h("line", { x1: 0, y1: 0, x2: 0, y2: 6, stroke: "#475569", strokeWidth: "3" }),
        h("text", { x: 1.5, y: 2, textAnchor: "end", fontSize: "12", fontWeight: "600" }, "label"),
      ),
      h("div", { dangerouslySetInnerHTML: { __html: "<b>kept as is</b>" } }),
      h("time", { dateTime: "2026-12-02" }, "2 December"),
      h("td", { tabIndex: -1, colSpan: 2, crossOrigin: "anonymous", draggable: false, spellCheck: true, title: undefined }, "cell"),
    );
    expect(staticMarkup(tree)).toBe(renderToStaticMarkup(tree));
    expect(staticMarkup(tree)).not.toContain("<img");
  });

  test("refuses what it cannot render faithfully instead of dropping it", () => {
    const client = Object.assign(() => null, { $$typeof: Symbol.for("react.client.reference") });
    expect(() => staticMarkup(h(client))).toThrow(/not a server component/);
    expect(() => staticMarkup(h(async () => h("p", null, "later")))).toThrow(/async/);
    expect(() => staticMarkup(h("a", { onClick: () => undefined }, "Go"))).toThrow(/function/);
    expect(() => staticMarkup(h("p", null, h("input", { name: "q" })))).toThrow(/form control/);
  });
});

describe("the dashboard's sections as markup, on the demo", () => {
  let db: Db;
  let cio: Actor;
  beforeAll(async () => {
    ({ db } = await demoDb());
    const u = db
      .select()
      .from(users)
      .all()
      .find((x) => x.email.startsWith("cio@"))!;
    const { active: _a, ...a } = loadActor(db, u.id)!;
    cio = a;
  });

  test("every section is the same markup as React's, for the organization and for a site", () => {
    for (const siteId of [null, 1]) {
      const data = getDashboard(db, cio, { siteId });
      const risk = getRiskFigures(db, cio, { siteId }, data.today);
      const parts: ReactNode[] = [
        h(ResponsibilitiesSection, { data }),
        h(AssessmentsSection, { data }),
        h(DrillsSection, { data }),
        h(MyItemsSection, { mine: getMyDashboardItems(db, cio) }),
        h(InventorySection, { summary: getInventorySummary(db, cio, { siteId }, data.today), siteId }),
        h(AdvisorySection, { summary: risk.advisories!, siteId }),
        h(PatchSection, { summary: risk.patches!, siteId }),
        h(RecallsSection, { figures: risk.recalls!, siteId }),
      ];
      for (const part of parts) {
        const markup = staticMarkup(part);
        expect(markup.length).toBeGreaterThan(200);
        expect(markup).toBe(renderToStaticMarkup(part));
      }
    }
  });

  test("an assessment's scores and gap list are the same markup as React's", () => {
    const ids = db
      .select({ id: assessments.id })
      .from(assessments)
      .all()
      .map((a) => a.id);
    expect(ids.length).toBeGreaterThan(1);
    for (const id of ids) {
      const r = getAssessmentResults(db, cio, id);
      for (const part of [h(ResultScores, { r }), h(GapList, { r, id, mayCreate: true }), h(GapList, { r, id, mayCreate: false })]) {
        expect(staticMarkup(part)).toBe(renderToStaticMarkup(part));
      }
    }
  });

  test("a RACI class's first paint is the grid's own table, as React renders it", () => {
    for (const { id } of db.select({ id: deviceClasses.id }).from(deviceClasses).all().slice(0, 6)) {
      const v = getRaciClass(db, cio, id);
      const activities = v.activities.map((a) => ({ id: a.id, name: a.name, csfRefs: a.csfRefs }));
      const parties = v.parties.map((p) => ({ id: p.id, name: p.name, leadUserId: p.leadUserId }));
      const cells = new Map(
        unpackCells(packCells(v.cells, activities.length, parties.length), activities, parties).map((c) => [cellKey(c.activityId, c.partyId), c]),
      );
      const table = h(RaciTableContent, {
        activities,
        parties,
        cells,
        violations: gridViolations(cells, activities, parties),
        pos: [0, 0] as const,
        isTemplate: false,
        editableParties: v.editableParties,
        readOnlyReason: v.readOnlyReason ?? null,
      });
      const markup = staticMarkup(table);
      expect(markup).toBe(renderToStaticMarkup(table));
      expect(markup.match(/role="gridcell"/g)).toHaveLength(activities.length * parties.length);
    }
  });

  test("markup is kept per read model and renewed by a committed write", () => {
    const today = getDashboard(db, cio).today;
    const before = getInventorySummary(db, cio, { siteId: null }, today);
    let builds = 0;
    const render = (summary: typeof before) =>
      markupOf(summary, "all", () => {
        builds += 1;
        return h(InventorySection, { summary, siteId: null });
      });
    const first = render(before);
    expect(render(getInventorySummary(db, cio, { siteId: null }, today))).toBe(first);
    expect(builds).toBe(1);

    const total = before.devices;
    db.run(sql`update devices set status = 'retired' where id = (select min(id) from devices where status != 'retired')`);
    const after = getInventorySummary(db, cio, { siteId: null }, today);
    expect(after).not.toBe(before);
    const second = render(after);
    expect(second.id).not.toBe(first.id);
    // Each is held for the HTML render of this process under its own id (markup-registry.ts).
    expect(registeredMarkup(first.id)).toBe(first.html);
    expect(registeredMarkup(second.id)).toBe(second.html);
    expect(builds).toBe(2);
    expect(after.devices).toBe(total - 1);
    expect(second.html).toContain(`>${(total - 1).toLocaleString("en-US")}<`);
    expect(first.html).toContain(`>${total.toLocaleString("en-US")}<`);
  });
});

describe("the markup registry", () => {
  test("holds what was registered, drops the oldest beyond its size, and keeps what is used again", () => {
    const big = "x".repeat(4 * 1024 * 1024); // 8 MiB as UTF-16; the registry holds 24 MiB
    registerMarkup("t-1", big + "1");
    registerMarkup("t-2", big + "2");
    registerMarkup("t-1", big + "1"); // used again: now the newest
    registerMarkup("t-3", big + "3");
    expect(registeredMarkup("t-1")).toBe(big + "1");
    expect(registeredMarkup("t-2")).toBeUndefined();
    expect(registeredMarkup("t-3")).toBe(big + "3");
  });
});
