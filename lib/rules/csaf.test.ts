import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { csafDate, fixMojibake, MAX_CSAF_PRODUCTS, readCsafAdvisory } from "./csaf";

const dir = path.resolve(process.cwd(), "../shared/data/csaf-icsma");
const files = fs.existsSync(dir)
  ? fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .sort()
  : [];
const load = (f: string) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as Record<string, unknown>;

describe.skipIf(files.length === 0)("the 22 real CISA medical advisories", () => {
  test("each is read whole, with its products and vulnerabilities", () => {
    expect(files).toHaveLength(22);
    let products = 0;
    let vulns = 0;
    for (const f of files) {
      const r = readCsafAdvisory(load(f));
      if (!r.ok) throw new Error(`${f}: ${r.problems.join(" ")}`);
      expect(r.advisory.trackingId).toMatch(/^ICSMA-\d{2}-\d{3}-\d{2}/);
      expect(r.advisory.products.length).toBeGreaterThan(0);
      products += r.advisory.products.length;
      vulns += r.advisory.vulnerabilities.length;
    }
    expect(vulns).toBe(141);
    expect(products).toBeGreaterThan(200);
  });

  test("ICSMA-23-194-01 (BD Alaris): dates, revisions, CVSS, status and remediations", () => {
    const r = readCsafAdvisory(load("icsma-23-194-01.json"));
    if (!r.ok) throw new Error(r.problems.join(" "));
    const a = r.advisory;
    expect(a).toMatchObject({ trackingId: "ICSMA-23-194-01", initialReleaseDate: "2023-07-13", currentReleaseDate: "2023-10-26", version: "2" });
    expect(a.revisions.map((x) => x.number)).toEqual(["1", "2"]);
    const pcu = a.products.find((p) => p.productId === "CSAFPID-0001")!;
    expect(pcu).toMatchObject({
      vendor: "Becton, Dickinson and Company (BD)",
      productName: "BD Alaris Point-of-Care Unit (PCU) Model 8015",
      versionText: "<=12.1.3",
      versionKind: "product_version_range",
    });
    const v = a.vulnerabilities.find((x) => x.cve === "CVE-2023-30559")!;
    expect(v.cweId).toBe("CWE-20");
    expect(v.cvssScore).toBeGreaterThan(0);
    expect(v.cvssVector).toMatch(/^CVSS:3\.[01]\//);
    expect(v.status.known_affected).toContain("CSAFPID-0001");
    expect(v.remediations.every((x) => x.category === "mitigation")).toBe(true);
  });

  test("a mojibake vendor name is repaired", () => {
    const r = readCsafAdvisory(load("icsma-21-007-01.json"));
    if (!r.ok) throw new Error(r.problems.join(" "));
    expect(r.advisory.products[0]!.vendor).toBe("Innokas Yhtymä Oy");
  });
});

describe("what is not a CSAF 2.0 advisory gets a sentence", () => {
  const minimal = () => ({
    document: {
      csaf_version: "2.0",
      title: "T",
      publisher: { name: "P" },
      tracking: { id: "X-1", initial_release_date: "2024-01-01T00:00:00Z", current_release_date: "2024-01-02T00:00:00Z", version: "1" },
    },
    product_tree: {
      branches: [
        {
          category: "vendor",
          name: "V",
          branches: [
            { category: "product_name", name: "N", branches: [{ category: "product_version", name: "1.0", product: { product_id: "P1", name: "V N 1.0" } }] },
          ],
        },
      ],
    },
    vulnerabilities: [{ cve: "CVE-2024-0001", product_status: { known_affected: ["P1"] } }],
  });

  test("a minimal document is read", () => {
    expect(readCsafAdvisory(minimal()).ok).toBe(true);
  });

  test.each<[string, (d: ReturnType<typeof minimal>) => unknown, RegExp]>([
    ["an array", () => [], /not a CSAF document/],
    ["no document", (d) => ({ ...d, document: undefined }), /no "document" section/],
    ["CSAF 1.2", (d) => ({ ...d, document: { ...d.document, csaf_version: "1.2" } }), /Only CSAF 2\.0.*"1\.2"/],
    ["no tracking id", (d) => ({ ...d, document: { ...d.document, tracking: { ...d.document.tracking, id: " " } } }), /tracking id/],
    [
      "an impossible date",
      (d) => ({ ...d, document: { ...d.document, tracking: { ...d.document.tracking, initial_release_date: "2023-02-30T00:00:00Z" } } }),
      /initial_release_date is not a date/,
    ],
    [
      "an unknown product id",
      (d) => ({ ...d, vulnerabilities: [{ cve: "CVE-2024-0001", product_status: { known_affected: ["P1", "P9"] } }] }),
      /CVE-2024-0001.*P9 that the product tree does not define/,
    ],
    ["a bad CVE", (d) => ({ ...d, vulnerabilities: [{ cve: "CVE-24-1" }] }), /not a CVE id/],
    [
      "a score of 11",
      (d) => ({ ...d, vulnerabilities: [{ cve: "CVE-2024-0001", scores: [{ cvss_v3: { baseScore: 11 }, products: ["P1"] }] }] }),
      /between 0 and 10/,
    ],
    ["a duplicate product id", (d) => ({ ...d, product_tree: { branches: [...d.product_tree.branches, ...d.product_tree.branches] } }), /defined twice/],
    ["no product tree", (d) => ({ ...d, product_tree: undefined }), /product_tree is missing/],
  ])("%s", (_name, change, message) => {
    const r = readCsafAdvisory(change(minimal()));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.join(" ")).toMatch(message);
  });

  test(`an advisory with more than ${MAX_CSAF_PRODUCTS} products is refused in one sentence`, () => {
    const d = minimal();
    d.product_tree.branches[0]!.branches = Array.from({ length: 10_000 }, (_, i) => ({
      category: "product_name",
      name: `N${i}`,
      branches: [{ category: "product_version", name: "1.0", product: { product_id: `P${i}`, name: `N${i}` } }],
    }));
    const r = readCsafAdvisory(d);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toEqual([expect.stringMatching(/at most 5,000 per advisory/)]);
  });
});

test.each([
  ["2023-07-13T06:00:00.000000Z", "2023-07-13"],
  ["2024-02-29T23:30:00-05:00", "2024-03-01"],
  ["2023-02-29T00:00:00Z", null],
  ["yesterday", null],
])("csafDate(%s) = %s", (v, d) => expect(csafDate(v)).toBe(d));

test("mojibake repair leaves correct text alone", () => {
  expect(fixMojibake("Dräger")).toBe("Dräger");
  expect(fixMojibake("DrÃ¤ger")).toBe("Dräger");
  expect(fixMojibake("Ã")).toBe("Ã");
});
