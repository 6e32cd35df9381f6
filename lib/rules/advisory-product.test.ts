import { describe, expect, test } from "vitest";
import { matchProductToModel, type ProductMatch } from "./advisory-product";

/** Product names as written in the CISA advisories of ../shared/data/csaf-icsma; models as a CMMS would hold them. */
describe("matching an advisory's product to an inventory model", () => {
  test.each<[string, { name: string; number?: string }, ProductMatch]>([
    ["Medfusion 4000 Wireless Syringe Infusion Pump", { name: "Medfusion 4000 Wireless Syringe Infusion Pump" }, "exact"],
    ["medfusion 4000 wireless syringe infusion pump ", { name: "Medfusion 4000 Wireless Syringe Infusion Pump" }, "exact"],
    ["B650", { name: "CARESCAPE Monitor B650" }, "contains"],
    ["GE Aestiva", { name: "Aestiva/5 7900" }, "contains"],
    ["BD Alaris Point-of-Care Unit (PCU) Model 8015", { name: "Alaris PC Unit", number: "8015" }, "contains"],
    ["MiniMed Paradigm 522K/722K pumps", { name: "MiniMed Paradigm 722K" }, "contains"],
    ["IntelliVue patient monitor MX400-MX850", { name: "IntelliVue MX450" }, "contains"],
    ["IntelliVue patient monitor MP2-MP90", { name: "IntelliVue MP70" }, "contains"],
    ["IntelliVue patient monitor MX400-MX850", { name: "IntelliVue MX900" }, "none"],
    ["Welch Allyn Connex Spot Monitor (CSM)", { name: "Connex Spot Monitor", number: "CSM" }, "contains"],
    ["Vue PACS", { name: "Vue PACS" }, "exact"],
    ["T1 Ventilator", { name: "HAMILTON-T1" }, "partial"],
    ["CARESCAPE Telemetry Server", { name: "CARESCAPE Central Station" }, "none"],
    ["Sigma Spectrum LVP", { name: "Spectrum IQ", number: "35700" }, "none"],
    ["LOGIQ 7", { name: "LOGIQ 9" }, "none"],
    ["", { name: "Anything" }, "none"],
  ])("%j vs %j → %s", (product, model, expected) => {
    expect(matchProductToModel(product, model, ["ge", "bd", "philips", "welch", "allyn"])).toBe(expected);
  });
});
