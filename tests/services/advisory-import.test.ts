import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { zipSync } from "fflate";
import { beforeEach, describe, expect, test } from "vitest";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/permissions";
import { importAdvisories, isNewerRevision } from "@/lib/services/advisories/import-advisories";
import { importKev } from "@/lib/services/advisories/import-kev";
import { makeUser, testDb } from "../test-db";

const CSAF_DIR = path.resolve(process.cwd(), "db/seed/data/csaf");
const KEV_CSV = path.resolve(process.cwd(), "../shared/data/kev/known_exploited_vulnerabilities.csv");
const KEV_JSON = path.resolve(process.cwd(), "db/seed/data/kev/known_exploited_vulnerabilities.json");
const file = (name: string) => ({ name, bytes: new Uint8Array(fs.readFileSync(path.join(CSAF_DIR, name))) });
const json = (name: string, doc: unknown) => ({ name, bytes: new TextEncoder().encode(JSON.stringify(doc)) });
// A CSAF document edited freely by the tests below: loosely typed on purpose.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;
const doc = (name: string) => JSON.parse(fs.readFileSync(path.join(CSAF_DIR, name), "utf8")) as Record<string, Loose>;

let db: Db;
let lead: Actor;
let contributor: Actor;
let auditor: Actor;
const n = (table: string) => db.get<{ n: number }>(sql.raw(`select count(*) as n from ${table}`))!.n;
const snapshot = () =>
  Object.fromEntries(
    [
      "advisories",
      "advisory_imports",
      "advisory_products",
      "advisory_vulnerabilities",
      "vulnerability_product_status",
      "advisory_remediations",
      "kev_entries",
      "audit_log",
    ].map((t) => [t, n(t)]),
  );

beforeEach(async () => {
  db = testDb().db;
  lead = await makeUser(db, { roles: ["lead"], name: "Sam Security" });
  contributor = await makeUser(db, { roles: ["contributor"] });
  auditor = await makeUser(db, { roles: ["auditor"] });
});

describe("importing CSAF advisories", () => {
  test("all 22 real ICSMA files in one ZIP: every advisory, product, vulnerability, status and remediation stored; one audit entry", () => {
    const names = fs.readdirSync(CSAF_DIR).filter((f) => f.endsWith(".json"));
    const zip = zipSync(Object.fromEntries(names.map((f) => [`icsma/${f}`, fs.readFileSync(path.join(CSAF_DIR, f))])));
    const r = importAdvisories(db, lead, [{ name: "icsma.zip", bytes: zip }]);
    expect(r).toMatchObject({ created: 22, updated: 0, unchanged: 0, older: 0 });
    expect(n("advisories")).toBe(22);
    expect(n("advisory_vulnerabilities")).toBe(141);
    expect(n("advisory_products")).toBeGreaterThan(200);
    expect(n("vulnerability_product_status")).toBeGreaterThan(500);
    expect(n("audit_log")).toBe(1);
    const bd = db.get<{ cvss_score: number; cvss_computed: number | null }>(
      sql`select cvss_score, cvss_computed from advisory_vulnerabilities v join advisories a on a.id = v.advisory_id where a.tracking_id = 'ICSMA-23-194-01' and v.cve = 'CVE-2023-30559'`,
    )!;
    expect(bd.cvss_computed).toBe(bd.cvss_score);
  });

  test("the same file again changes nothing and writes nothing", () => {
    importAdvisories(db, lead, [file("icsma-23-194-01.json")]);
    const before = snapshot();
    const again = importAdvisories(db, lead, [file("icsma-23-194-01.json")]);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    expect(snapshot()).toEqual(before);
  });

  test("a newer revision updates the advisory, keeps product rows (marking a dropped one) and the history; an older one is skipped", () => {
    const v2 = doc("icsma-23-194-01.json");
    const v1 = structuredClone(v2);
    v1.document.tracking.version = "1";
    v1.document.tracking.current_release_date = v1.document.tracking.initial_release_date;
    v1.document.tracking.revision_history = v1.document.tracking.revision_history.slice(0, 1);
    importAdvisories(db, lead, [json("v1.json", v1)]);
    const productIds = db.all<{ id: number }>(sql`select id from advisory_products order by id`).map((r) => r.id);

    // Revision 2 drops one product (and its mentions).
    const dropped = "CSAFPID-0005";
    const pruneBranches = (bs: Loose[]): Loose[] =>
      bs
        .filter((b) => b.product?.product_id !== dropped)
        .map((b) => (b.branches ? { ...b, branches: pruneBranches(b.branches) } : b))
        .filter((b) => b.product || b.branches?.length);
    v2.product_tree.branches = pruneBranches(v2.product_tree.branches);
    const strip = (ids?: string[]) => ids?.filter((x) => x !== dropped);
    for (const v of v2.vulnerabilities) {
      for (const k of Object.keys(v.product_status ?? {})) v.product_status[k] = strip(v.product_status[k]);
      v.remediations = (v.remediations ?? [])
        .map((rem: Loose) => ({ ...rem, product_ids: strip(rem.product_ids) }))
        .filter((rem: Loose) => rem.product_ids.length);
      v.scores = (v.scores ?? []).map((sc: Loose) => ({ ...sc, products: strip(sc.products) })).filter((sc: Loose) => sc.products.length);
    }
    const r = importAdvisories(db, lead, [json("v2.json", v2)]);
    expect(r).toMatchObject({ updated: 1 });
    expect(db.get<{ version: string; current_release_date: string }>(sql`select version, current_release_date from advisories`)).toEqual({
      version: "2",
      current_release_date: "2023-10-26",
    });
    expect(db.all<{ id: number }>(sql`select id from advisory_products order by id`).map((x) => x.id)).toEqual(productIds);
    expect(db.get<{ k: string }>(sql`select product_key as k from advisory_products where removed_in_version = '2'`)!.k).toBe(dropped);
    expect(db.all(sql`select outcome from advisory_imports order by id`)).toEqual([{ outcome: "created" }, { outcome: "updated" }]);

    const before = snapshot();
    expect(importAdvisories(db, lead, [json("v1-again.json", v1)])).toMatchObject({
      older: 1,
      results: [{ outcome: "older", note: expect.stringMatching(/not newer than the stored revision 2/) }],
    });
    expect(snapshot()).toEqual(before);
  });

  test.each<[string, () => { name: string; bytes: Uint8Array }[], RegExp]>([
    ["no file", () => [], /Choose one or more CSAF 2\.0 advisory files/],
    ["an empty file", () => [{ name: "empty.json", bytes: new Uint8Array() }], /empty\.json is empty/],
    ["malformed JSON", () => [{ name: "broken.json", bytes: new TextEncoder().encode('{"document": ') }], /broken\.json is not valid JSON/],
    ["binary junk", () => [{ name: "junk.json", bytes: Uint8Array.from({ length: 2000 }, (_, i) => (i * 7919) % 256) }], /junk\.json is not UTF-8 text/],
    ["JSON that is not CSAF", () => [json("kev.json", { vulnerabilities: [] })], /not a CSAF advisory: it has no "document" section/],
    [
      "CSAF that breaks the schema",
      () => [json("bad.json", { document: { csaf_version: "2.0" } })],
      /bad\.json is not valid CSAF 2\.0: \/document must have required property/,
    ],
    [
      "a vulnerability naming an unknown product id",
      () => {
        const d = doc("icsma-21-047-01.json");
        d.vulnerabilities[0].product_status.known_affected.push("CSAFPID-9999");
        return [json("ghost.json", d)];
      },
      /ghost\.json: Vulnerability 1 \(CVE-[\d-]+\): product_status\.known_affected names product id CSAFPID-9999/,
    ],
    [
      "a ZIP that is not one",
      () => [{ name: "fake.zip", bytes: Uint8Array.from([0x50, 0x4b, 1, 2, 3, 4, 5]) }],
      /fake\.zip looks like a ZIP archive but cannot be opened/,
    ],
    ["a ZIP without JSON", () => [{ name: "notes.zip", bytes: zipSync({ "readme.txt": new TextEncoder().encode("hi") }) }], /notes\.zip holds no \.json file/],
  ])("%s: a sentence, and nothing is stored (with a good file beside it)", (_name, files, message) => {
    const before = snapshot();
    const bad = files();
    let caught: unknown;
    try {
      importAdvisories(db, lead, bad.length ? [file("icsma-24-200-01.json"), ...bad] : bad);
    } catch (e) {
      caught = e;
    }
    expect(caught).toMatchObject({ code: "VALIDATION", message: expect.stringMatching(message) });
    expect((caught as Error).message).toMatch(/^Nothing was imported\./);
    expect(snapshot()).toEqual(before);
  });

  test("only party leads and admins import; nothing changes on a refusal", () => {
    const before = snapshot();
    for (const who of [contributor, auditor])
      expect(() => importAdvisories(db, who, [file("icsma-24-200-01.json")])).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
    expect(snapshot()).toEqual(before);
  });

  test.each([
    [{ date: "2023-07-13", version: "1" }, { date: "2023-10-26", version: "2" }, true],
    [{ date: "2023-10-26", version: "2" }, { date: "2023-07-13", version: "3" }, false],
    [{ date: "2023-10-26", version: "2" }, { date: "2023-10-26", version: "10" }, true],
    [{ date: "2023-10-26", version: "1.2.0" }, { date: "2023-10-26", version: "1.10.0" }, true],
    [{ date: "2023-10-26", version: "2" }, { date: "2023-10-26", version: "2" }, false],
  ])("%j then %j: newer %s", (a, b, newer) => expect(isNewerRevision(a, b)).toBe(newer));
});

describe("importing the KEV catalog", () => {
  test("the JSON feed: 1,404 entries; the same catalog again writes nothing", () => {
    const bytes = new Uint8Array(fs.readFileSync(KEV_JSON));
    expect(importKev(db, lead, { name: "kev.json", bytes })).toMatchObject({
      catalogVersion: "2025.08.25",
      entries: 1404,
      added: 1404,
      changed: 0,
      removed: 0,
    });
    const before = snapshot();
    expect(importKev(db, lead, { name: "kev.json", bytes })).toMatchObject({ added: 0, changed: 0, removed: 0, unchanged: 1404 });
    expect(snapshot()).toEqual(before);
  });

  test.skipIf(!fs.existsSync(KEV_CSV))("the CSV export reads the same entries; a CVE the newer catalog drops is marked removed, not deleted", () => {
    const csv = fs.readFileSync(KEV_CSV, "utf8");
    expect(importKev(db, lead, { name: "kev.csv", bytes: new TextEncoder().encode(csv) })).toMatchObject({ entries: 1404, added: 1404 });
    const lines = csv.split("\n");
    const withoutFirst = [lines[0], ...lines.slice(2)].join("\n");
    const r = importKev(db, lead, { name: "kev-newer.csv", bytes: new TextEncoder().encode(withoutFirst) });
    expect(r).toMatchObject({ removed: 1, added: 0 });
    expect(n("kev_entries")).toBe(1404);
    expect(db.get<{ cve: string }>(sql`select cve from kev_entries where removed_at is not null`)!.cve).toBe("CVE-2025-48384");
  });

  test.each<[string, string, RegExp]>([
    [
      "a missing column",
      "cveID,vendorProject,product,vulnerabilityName,dateAdded,shortDescription,requiredAction\nCVE-2024-0001,a,b,c,2024-01-01,d,e\n",
      /no dueDate, knownRansomwareCampaignUse columns/,
    ],
    [
      "an impossible date",
      "cveID,vendorProject,product,vulnerabilityName,dateAdded,shortDescription,requiredAction,dueDate,knownRansomwareCampaignUse\nCVE-2024-0001,a,b,c,2024-02-30,d,e,2024-03-01,Unknown\n",
      /Row 2 \(CVE-2024-0001\): dateAdded "2024-02-30" is not a date/,
    ],
    [
      "a bad CVE id",
      "cveID,vendorProject,product,vulnerabilityName,dateAdded,shortDescription,requiredAction,dueDate,knownRansomwareCampaignUse\nCVE-24-1,a,b,c,2024-01-01,d,e,2024-03-01,Unknown\n",
      /Row 2: cveID "CVE-24-1" is not a CVE id/,
    ],
    ["a ragged CSV", "cveID,vendorProject\nCVE-2024-0001,a,b,c\n", /not a readable CSV file/],
    ["JSON without vulnerabilities", '{"catalogVersion":"x"}', /not the KEV catalog/],
    [
      "nothing listed",
      "cveID,vendorProject,product,vulnerabilityName,dateAdded,shortDescription,requiredAction,dueDate,knownRansomwareCampaignUse\n",
      /lists no vulnerabilities/,
    ],
  ])("%s: a sentence, and nothing is stored", (_name, text, message) => {
    const before = snapshot();
    expect(() => importKev(db, lead, { name: "kev.csv", bytes: new TextEncoder().encode(text) })).toThrow(
      expect.objectContaining({ code: "VALIDATION", message: expect.stringMatching(message) }),
    );
    expect(snapshot()).toEqual(before);
  });
});

describe("reading advisories", () => {
  test("the list finds by CVE, vendor or id and flags known exploited CVEs; an advisory page reads its version texts", async () => {
    const { listAdvisories } = await import("@/lib/services/advisories/list-advisories");
    const { getAdvisory } = await import("@/lib/services/advisories/get-advisory");
    importAdvisories(db, lead, ["icsma-18-058-02.json", "icsma-20-049-01.json", "icsma-23-194-01.json"].map(file));
    importKev(db, lead, { name: "kev.json", bytes: new Uint8Array(fs.readFileSync(KEV_JSON)) });
    expect(listAdvisories(db, auditor).map((a) => [a.trackingId, a.knownExploited])).toEqual([
      ["ICSMA-23-194-01", 0],
      ["ICSMA-20-049-01", 1],
      ["ICSMA-18-058-02", 7],
    ]);
    expect(listAdvisories(db, auditor, { knownExploitedOnly: true }).map((a) => a.trackingId)).toEqual(["ICSMA-20-049-01", "ICSMA-18-058-02"]);
    expect(listAdvisories(db, auditor, { q: "cve-2019-0708" }).map((a) => a.trackingId)).toEqual(["ICSMA-20-049-01"]);
    expect(listAdvisories(db, auditor, { q: "Becton" }).map((a) => a.trackingId)).toEqual(["ICSMA-23-194-01"]);
    expect(listAdvisories(db, auditor, { q: "100%_" })).toEqual([]);

    const id = listAdvisories(db, auditor, { q: "ICSMA-20-049-01" })[0]!.id;
    const page = getAdvisory(db, contributor, id);
    expect(page.vulnerabilities.find((v) => v.cve === "CVE-2019-0708")!.kev).toMatchObject({ dateAdded: "2021-11-03" });
    const xhibit = page.products.find((p) => p.versionText === "1.0.2")!;
    expect(xhibit).toMatchObject({ exact: true, reading: "read exactly" });
    expect(() => getAdvisory(db, contributor, 999_999)).toThrow(expect.objectContaining({ code: "NOT_FOUND" }));
  });
});
