/**
 * Which device models an FDA recall concerns (issue #13 item 5). FDA names the recalling firm and a product
 * description, and classifies the product with a three-letter product code (21 CFR 807 classification); the inventory
 * knows each model's maker (through manufacturer aliases) and, where Clinical Engineering recorded it, its product
 * code. A recall is certain for a model only when code, maker and the model's own name or number agree; any weaker
 * agreement is offered to a Clinical Engineering lead to confirm, never counted silently: a recall that is wrongly
 * attached sends technicians to the wrong devices, one wrongly missed leaves a patient-safety defect in service.
 */
import { normaliseName } from "./manufacturer";

export interface RecallForMatching {
  productCode: string;
  /** The recalling firm resolved to a known manufacturer (lib/rules/manufacturer.ts), or null when unknown. */
  firmManufacturerId: number | null;
  firm: string | null;
  productDescription: string | null;
}

export interface ModelForMatching {
  id: number;
  manufacturerId: number;
  manufacturer: string;
  name: string;
  modelNumber: string | null;
  fdaProductCode: string | null;
}

export interface RecallModelMatch {
  modelId: number;
  confidence: "matched" | "confirm";
  reason: string;
}

/** Words too common in device names to identify a model on their own ("Pump", "Monitor", "System"). */
const GENERIC = new Set(["pump", "monitor", "system", "unit", "module", "kit", "series", "station", "device", "central", "the", "and", "with", "for", "of"]);

/**
 * The model's name or number appears in the product description as whole words: "Alaris 8015 PC Unit" in
 * "… Alaris System PC Unit model 8015 …" counts when its distinctive words all appear; a model number alone counts when
 * it is at least 3 characters and has a digit ("AK-25502").
 */
export function modelTextIn(description: string | null, model: Pick<ModelForMatching, "name" | "modelNumber">): string | null {
  if (!description) return null;
  const hay = ` ${normaliseName(description)} `;
  const number = model.modelNumber ? normaliseName(model.modelNumber) : "";
  if (number.length >= 3 && /\d/.test(number) && hay.includes(` ${number} `)) return model.modelNumber!.trim();
  const words = normaliseName(model.name)
    .split(" ")
    .filter((w) => w.length >= 2 && !GENERIC.has(w));
  if (words.length === 0) return null;
  return words.every((w) => hay.includes(` ${w} `)) ? model.name : null;
}

/**
 * Matches one recall against the models:
 * - `matched`: same product code, same maker, and the model's name or number in the description;
 * - `confirm`: same product code and maker without the model text (the firm may have recalled another of its models
 *   with that code); same maker and model text with a different or unrecorded product code; same product code and
 *   model text when the firm is not a known maker (a distributor or a renamed firm).
 * Anything weaker (product code alone) is no match: a product code covers every maker's devices of that type.
 */
export function matchRecallToModels(recall: RecallForMatching, models: readonly ModelForMatching[]): RecallModelMatch[] {
  const out: RecallModelMatch[] = [];
  for (const m of models) {
    const sameCode = m.fdaProductCode !== null && m.fdaProductCode.toUpperCase() === recall.productCode.toUpperCase();
    const sameMaker = recall.firmManufacturerId !== null && recall.firmManufacturerId === m.manufacturerId;
    const text = modelTextIn(recall.productDescription, m);
    const code = `product code ${recall.productCode}`;
    if (sameCode && sameMaker && text)
      out.push({ modelId: m.id, confidence: "matched", reason: `${code}, firm ${recall.firm} is ${m.manufacturer}, and the description names "${text}"` });
    else if (sameCode && sameMaker)
      out.push({
        modelId: m.id,
        confidence: "confirm",
        reason: `${code} and firm ${recall.firm} is ${m.manufacturer}, but the description does not name this model`,
      });
    else if (sameMaker && text)
      out.push({
        modelId: m.id,
        confidence: "confirm",
        reason: `firm ${recall.firm} is ${m.manufacturer} and the description names "${text}", but the model's product code is ${m.fdaProductCode ?? "not recorded"}`,
      });
    else if (sameCode && text && recall.firmManufacturerId === null)
      out.push({
        modelId: m.id,
        confidence: "confirm",
        reason: `${code} and the description names "${text}", but the firm ${recall.firm ?? "(not stated)"} is not a known manufacturer`,
      });
  }
  return out;
}
