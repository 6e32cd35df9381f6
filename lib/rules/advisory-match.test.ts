import { describe, expect, test } from "vitest";
import { decideMatch, modelNamedInVersionField, prepareProduct, type Confidence } from "./advisory-match";
import { matchProductToModel } from "./advisory-product";

/** Products and version texts as written in ../shared/data/csaf-icsma; models as the demo CMMS holds them. */
const VENDOR = ["ge", "general", "electric", "healthcare", "bd", "becton", "dickinson", "baxter", "siemens", "philips"];
function decide(products: [string, string | null, boolean?][], model: { name: string; number?: string }, version: string | null) {
  const candidates = products.map(([productName, versionText, affected], i) => {
    const product = prepareProduct({ id: i + 1, productName, versionText });
    return { product, productMatch: matchProductToModel(productName, model, VENDOR), affected: affected ?? true };
  });
  return decideMatch(candidates, model, version);
}

describe("deciding a (model, version) group against an advisory's products", () => {
  test.each<[string, [string, string | null, boolean?][], { name: string; number?: string }, string | null, Confidence | null, number | null]>([
    [
      "ICSMA-23-194-01 inside the range",
      [["BD Alaris Point-of-Care Unit (PCU) Model 8015", "<=12.1.3"]],
      { name: "Alaris 8015 PC Unit", number: "8015" },
      "12.1.2",
      "version",
      1,
    ],
    [
      "ICSMA-23-194-01 outside the range",
      [["BD Alaris Point-of-Care Unit (PCU) Model 8015", "<=12.1.3"]],
      { name: "Alaris 8015 PC Unit", number: "8015" },
      "12.3.0",
      null,
      null,
    ],
    [
      "ICSMA-23-194-01 version unknown",
      [["BD Alaris Point-of-Care Unit (PCU) Model 8015", "<=12.1.3"]],
      { name: "Alaris 8015 PC Unit", number: "8015" },
      null,
      "model",
      1,
    ],
    ["ICSMA-19-190-01 model number in the version field", [["GE Aestiva", "7100 | 7900 MRI"]], { name: "Aestiva 7100" }, "4.x", "model", 1],
    ["ICSMA-19-190-01 '7900 MRI' names the 7900", [["GE Aestiva", "7100 | 7900 MRI"]], { name: "Aestiva 7900" }, "4.x", "model", 1],
    ["ICSMA-19-190-01 Carestation 650 among model numbers", [["GE Carestation", "620 | 650 | 650c"]], { name: "Carestation 650" }, "1.2", "model", 1],
    ["ICSMA-20-170-04 model inside the version text", [["Baxter Spectrum", "v8.x model 35700BAX2"]], { name: "Sigma Spectrum" }, "8.00.01", "possible", 1],
    ["ICSMA-20-254-01 model range and '<=N'", [["IntelliVue patient monitor MX400-MX850", "<=N"]], { name: "IntelliVue MX450" }, "N.00.04", "version", 1],
    [
      "ICSMA-20-023-01 'B650' with '2.X', best of two products",
      [
        ["B650", "1.X"],
        ["B650", "2.X"],
      ],
      { name: "CARESCAPE B650" },
      "2.1",
      "version",
      2,
    ],
    ["ICSMA-21-047-01 partial product name", [["T1 Ventilator", "<= 2.2.3"]], { name: "HAMILTON-T1" }, "2.2.3", "possible", 1],
    ["ICSMA-21-047-01 partial product, version outside", [["T1 Ventilator", "<= 2.2.3"]], { name: "HAMILTON-T1" }, "2.2.4", null, null],
    [
      "ICSMA-17-215-02 the model is a not-affected product",
      [
        ["Siemens PET/CT Systems Windows 7-Based", "vers:all/*", true],
        ["Siemens SPECT/CT Systems Windows 7-Based", "vers:all/*", false],
      ],
      { name: "SPECT/CT Systems Windows 7-Based" },
      "VB10",
      null,
      null,
    ],
    ["a fixed product never matches", [["Vue PACS", "<12.2.8.410", false]], { name: "Vue PACS" }, "12.2.8.400", null, null],
    ["ICSMA-24-200-01 exact", [["Vue PACS", "<12.2.8.410"]], { name: "Vue PACS" }, "12.2.8.400", "version", 1],
    ["unrelated product", [["LOGIQ 7", "BT03"]], { name: "LOGIQ 9" }, "BT03", null, null],
  ])("%s", (_label, products, model, version, confidence, productId) => {
    const v = decide(products, model, version);
    expect(v?.confidence ?? null).toBe(confidence);
    expect(v?.productId ?? null).toBe(productId);
    if (v) expect(v.reason).toMatch(new RegExp(`Model "${model.name.replace(/[+.*()]/g, "\\$&")}"`));
  });

  test("a vendor that only resembles the manufacturer caps the match at possible, and says so", () => {
    const product = prepareProduct({ id: 1, productName: "Vue PACS", versionText: "<12.2.8.410" });
    const v = decideMatch([{ product, productMatch: "exact" }], { name: "Vue PACS" }, "12.2.8.400", { vendorOnlySimilar: "Phillips Medical" });
    expect(v).toMatchObject({ confidence: "possible" });
    expect(v!.reason).toMatch(/only resembles/);
  });

  test("a version field of plain versions does not name the model", () => {
    expect(modelNamedInVersionField(prepareProduct({ id: 1, productName: "B650", versionText: "2.X" }), { name: "CARESCAPE B650" })).toBeNull();
    expect(modelNamedInVersionField(prepareProduct({ id: 1, productName: "GE Aestiva", versionText: "7100 | 7900 MRI" }), { name: "Aestiva 7900" })).toBe(
      "7900 mri",
    );
  });
});
