import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { CSF_FUNCTIONS, CSF_SUBCATEGORIES, csfSubcategory } from "./catalog";
import { DEFAULT_ACTIVITIES } from "@/db/seed/raci-data";

describe("NIST CSF 2.0 catalog carried by Clearline", () => {
  test("6 functions, 22 categories, 106 subcategories, per-function counts as published", () => {
    expect(CSF_FUNCTIONS.map((f) => f.id)).toEqual(["GV", "ID", "PR", "DE", "RS", "RC"]);
    expect(CSF_FUNCTIONS.flatMap((f) => f.categories)).toHaveLength(22);
    expect(CSF_SUBCATEGORIES).toHaveLength(106);
    const per = Object.fromEntries(CSF_FUNCTIONS.map((f) => [f.id, f.categories.reduce((n, c) => n + c.subcategories.length, 0)]));
    expect(per).toEqual({ GV: 31, ID: 21, PR: 22, DE: 11, RS: 13, RC: 8 });
  });

  test("no withdrawn CSF 1.1 item appears; official ids keep their gaps", () => {
    for (const withdrawn of ["ID.AM-06", "ID.BE-01", "PR.AC-01", "PR.IP-01", "DE.DP-01", "RS.RP-01", "PR.DS-03"])
      expect(csfSubcategory(withdrawn)).toBeUndefined();
    expect(csfSubcategory("ID.AM-07")?.outcome).toMatch(/^Inventories of data and corresponding metadata/);
    expect(csfSubcategory("GV.RR-02")?.outcome).toBe(
      "Roles, responsibilities, and authorities related to cybersecurity risk management are established, communicated, understood, and enforced",
    );
  });

  test("every subcategory has an outcome; 363 implementation examples in all", () => {
    for (const s of CSF_SUBCATEGORIES) expect(s.outcome.length, s.id).toBeGreaterThan(10);
    expect(CSF_SUBCATEGORIES.reduce((n, s) => n + s.examples.length, 0)).toBe(363);
  });

  test("every RACI activity anchor names a real CSF 2.0 subcategory", () => {
    for (const a of DEFAULT_ACTIVITIES) for (const ref of a.csf) expect(csfSubcategory(ref), `${a.name}: ${ref}`).toBeDefined();
  });

  const shared = path.resolve(__dirname, "..", "..", "..", "shared", "data", "nist-csf", "nist_csf_2.0_flat.csv");
  test.runIf(fs.existsSync(shared))("matches NIST's catalog in ../shared/data/nist-csf exactly (ids and outcome text)", () => {
    const lines = fs.readFileSync(shared, "utf8").trim().split(/\r?\n/).slice(1);
    const parse = (line: string): string[] => {
      const out: string[] = [];
      let cur = "";
      let q = false;
      for (let i = 0; i < line.length; i++) {
        const ch = line[i]!;
        if (q) {
          if (ch === '"' && line[i + 1] === '"') {
            cur += '"';
            i++;
          } else if (ch === '"') q = false;
          else cur += ch;
        } else if (ch === '"') q = true;
        else if (ch === ",") {
          out.push(cur);
          cur = "";
        } else cur += ch;
      }
      out.push(cur);
      return out;
    };
    const rows = lines.map(parse).filter((r) => r[0] === "subcategory" && r[6] === "False");
    expect(rows).toHaveLength(106);
    expect(CSF_SUBCATEGORIES.map((s) => [s.id, s.outcome])).toEqual(rows.map((r) => [r[1], r[5]]));
    const cats = lines.map(parse).filter((r) => r[0] === "category" && r[6] === "False");
    expect(CSF_FUNCTIONS.flatMap((f) => f.categories.map((c) => [c.id, c.name]))).toEqual(cats.map((r) => [r[1], r[4]]));
  });
});
