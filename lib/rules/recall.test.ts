import fs from "node:fs";
import { describe, expect, test } from "vitest";
import { mergeRecall, openFdaDate, readOpenFdaRecalls, recallClassOf } from "./recall";
import { matchRecallToModels, modelTextIn, type ModelForMatching } from "./recall-match";

const load = (f: string) => JSON.parse(fs.readFileSync(`../shared/data/fda-openfda/${f}`, "utf8"));
const recallExamples = load("openfda_device_recall_examples.json");
const enforcementExamples = load("openfda_device_enforcement_examples.json");

describe("openFDA dates", () => {
  test.each([
    ["20120716", "2012-07-16"],
    ["2019-05-17", "2019-05-17"],
    ["20240229", "2024-02-29"],
    ["", null],
    [undefined, null],
    ["20230229", undefined],
    ["20121345", undefined],
    ["2019-5-17", undefined],
    [20120716, undefined],
  ] as const)("%j → %j", (input, out) => expect(openFdaDate(input)).toBe(out));
});

test.each([
  ["Class I", "I"],
  ["Class II", "II"],
  ["class iii", "III"],
  ["Not Yet Classified", null],
  [undefined, null],
] as const)("recall class %j → %j", (input, out) => expect(recallClassOf(input)).toBe(out));

describe("reading the real openFDA samples", () => {
  test("the /device/recall response (anatomy) gives one record with its ISO dates and no classification", () => {
    const { records, problems } = readOpenFdaRecalls(recallExamples.anatomy, "recall.json");
    expect(problems).toEqual([]);
    expect(records).toEqual([
      expect.objectContaining({
        recallNumber: "Z-0053-2020",
        source: "recall",
        recallClass: null,
        firm: "Arrow International Inc",
        productCode: "FOZ",
        initiatedOn: "2019-05-17",
        terminatedOn: "2020-09-24",
        status: "Terminated",
      }),
    ]);
    expect(records[0]!.productDescription).toContain("REF AK-25502");
  });

  test("a single bare record (no firm, no description) is read with what it has", () => {
    const { records } = readOpenFdaRecalls(recallExamples.record, "record.json");
    expect(records).toEqual([expect.objectContaining({ recallNumber: "Z-0359-2013", productCode: "NKB", firm: null, terminatedOn: "2012-11-19" })]);
  });

  test("the real enforcement record has neither recall number nor product code: refused with a sentence", () => {
    const { records, problems } = readOpenFdaRecalls({ results: [enforcementExamples.result] }, "enforcement.json");
    expect(records).toEqual([]);
    expect(problems).toEqual(["enforcement.json, record 1 has no recall number (recall_number or product_res_number)."]);
  });

  test("an enforcement record with its number and code gives the class and YYYYMMDD dates", () => {
    const { records, problems } = readOpenFdaRecalls(
      { results: [{ ...enforcementExamples.result, recall_number: "Z-2226-2012", product_code: "HWC" }] },
      "e.json",
    );
    expect(problems).toEqual([]);
    expect(records[0]).toMatchObject({
      recallNumber: "Z-2226-2012",
      source: "enforcement",
      recallClass: "II",
      firm: "Encore Medical, Lp",
      initiatedOn: "2012-07-16",
      postedOn: "2012-08-15",
      status: "Ongoing",
    });
  });

  test.each([
    [{ meta: {} }, 'x.json is JSON but not an openFDA device recall or enforcement response: it has no "results" list.'],
    [{ results: [] }, "x.json holds no recall record."],
    [{ results: [{ recall_number: "Z-1-2020" }] }, "x.json, record 1 (Z-1-2020) has no FDA product code, so it cannot be matched to device models."],
    [{ results: [{ recall_number: "Z-1-2020", product_code: "FR1" }] }, 'x.json, record 1 (Z-1-2020): the product code "FR1" is not three letters.'],
    [
      { results: [{ recall_number: "Z-1-2020", product_code: "FRN", recall_initiation_date: "20230231" }] },
      'x.json, record 1 (Z-1-2020): recall_initiation_date "20230231" is not a calendar date (openFDA writes YYYYMMDD).',
    ],
    [{ results: ["text"] }, "x.json, record 1 is not an object."],
  ])("%j is refused: %s", (doc, sentence) => {
    const r = readOpenFdaRecalls(doc, "x.json");
    expect(r.records).toEqual([]);
    expect(r.problems).toEqual([sentence]);
  });

  test("one bad record among good ones refuses them all (nothing half-stored)", () => {
    const r = readOpenFdaRecalls({ results: [recallExamples.anatomy.results[0], { recall_number: "Z-2-2020" }] }, "x.json");
    expect(r.records).toEqual([]);
    expect(r.problems).toHaveLength(1);
  });

  test("the product code under openfda (string or list) counts", () => {
    expect(readOpenFdaRecalls({ results: [{ recall_number: "Z-3", openfda: { product_code: ["frn"] } }] }, "x").records[0]!.productCode).toBe("FRN");
  });

  test("a recall-endpoint record never erases the class an enforcement record gave", () => {
    const enf = readOpenFdaRecalls({ results: [{ recall_number: "Z-0053-2020", product_code: "FOZ", classification: "Class II", status: "Ongoing" }] }, "e")
      .records[0]!;
    const rec = readOpenFdaRecalls(recallExamples.anatomy, "r").records[0]!;
    const merged = mergeRecall(mergeRecall(null, enf), rec);
    expect(merged.recallClass).toBe("II");
    expect(merged.status).toBe("Terminated");
  });
});

describe("matching a recall to models", () => {
  const arrow = readOpenFdaRecalls(recallExamples.anatomy, "r").records[0]!;
  const models: ModelForMatching[] = [
    { id: 1, manufacturerId: 10, manufacturer: "Arrow International", name: "Two-Lumen CVC Kit", modelNumber: "AK-25502", fdaProductCode: "FOZ" },
    { id: 2, manufacturerId: 10, manufacturer: "Arrow International", name: "Arterial Catheter Kit", modelNumber: "RA-04020", fdaProductCode: "FOZ" },
    { id: 3, manufacturerId: 10, manufacturer: "Arrow International", name: "Blue FlexTip Catheter", modelNumber: null, fdaProductCode: null },
    { id: 4, manufacturerId: 20, manufacturer: "Baxter", name: "Central Line Kit", modelNumber: "AK-25502", fdaProductCode: "FOZ" },
    { id: 5, manufacturerId: 20, manufacturer: "Baxter", name: "Sigma Spectrum", modelNumber: "35700", fdaProductCode: "FRN" },
  ];
  test.each([
    [
      10,
      [
        [1, "matched"],
        [2, "confirm"],
        [3, "confirm"],
      ],
    ],
    [
      null,
      [
        [1, "confirm"],
        [4, "confirm"],
      ],
    ],
    [20, [[4, "matched"]]],
  ] as const)("firm resolved to maker %j → %j", (maker, expected) => {
    const got = matchRecallToModels(
      { productCode: arrow.productCode, firm: arrow.firm, firmManufacturerId: maker, productDescription: arrow.productDescription },
      models,
    );
    expect(got.map((m) => [m.modelId, m.confidence])).toEqual(expected);
  });

  test("each match says why", () => {
    const [m] = matchRecallToModels({ productCode: "FOZ", firm: arrow.firm, firmManufacturerId: 10, productDescription: arrow.productDescription }, models);
    expect(m!.reason).toBe('product code FOZ, firm Arrow International Inc is Arrow International, and the description names "AK-25502"');
  });

  test.each([
    ["Alaris System PC Unit model 8015, software 12.1", { name: "Alaris 8015 PC Unit", modelNumber: null }, "Alaris 8015 PC Unit"],
    ["Alaris System PC Unit model 80150", { name: "Alaris 8015 PC Unit", modelNumber: null }, null],
    ["Infusion pump, Sigma Spectrum v8", { name: "Spectrum IQ", modelNumber: null }, null],
    ["Kit REF AK-25502", { name: "Kit", modelNumber: "AK-25502" }, "AK-25502"],
    ["Generic pump system", { name: "Pump System", modelNumber: null }, null],
  ])("model text in %j for %j → %j", (desc, model, out) => expect(modelTextIn(desc, model)).toBe(out));
});
