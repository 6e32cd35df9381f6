import data from "./csf-2.0.json";

/**
 * The NIST CSF 2.0 Core (NIST CSWP 29, Feb 2024): 6 functions, 22 categories, 106 subcategories with
 * NIST's exact identifiers and outcome statements, and the implementation examples as guidance.
 * Numbering keeps the gaps left by CSF 1.1 items withdrawn in 2.0 (there is no ID.AM-06).
 */
export interface CsfSubcategory {
  id: string;
  outcome: string;
  examples: string[];
}
export interface CsfCategory {
  id: string;
  name: string;
  description: string;
  subcategories: CsfSubcategory[];
}
export interface CsfFunction {
  id: "GV" | "ID" | "PR" | "DE" | "RS" | "RC";
  name: string;
  description: string;
  categories: CsfCategory[];
}

export const CSF_SOURCE: string = data.source;
export const CSF_FUNCTIONS = data.functions as CsfFunction[];

export const CSF_SUBCATEGORIES: (CsfSubcategory & { categoryId: string; functionId: CsfFunction["id"] })[] = CSF_FUNCTIONS.flatMap((f) =>
  f.categories.flatMap((c) => c.subcategories.map((s) => ({ ...s, categoryId: c.id, functionId: f.id }))),
);

const byId = new Map(CSF_SUBCATEGORIES.map((s) => [s.id, s]));
const CATEGORY_BY_ID = new Map(CSF_FUNCTIONS.flatMap((f) => f.categories.map((c) => [c.id, { ...c, functionId: f.id }] as const)));
/** A CSF category by id (GV.OC), with its function. */
export function csfCategory(id: string) {
  return CATEGORY_BY_ID.get(id) ?? null;
}

export function csfSubcategory(id: string) {
  return byId.get(id);
}
