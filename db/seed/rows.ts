/**
 * Row builders shared by the demo seed (db/seed/*-demo.ts) and the large seed (db/seed/large/): where both create
 * the same kind of row, one function says how, typed as the table's `$inferInsert` — a column added to the schema
 * that needs a value is a type error here, once, not a silent gap in one of the two seeds (issue #11 item 7).
 * `id` is given by the large seed (it numbers its rows itself) and left to the database by the demo.
 */
import type { Letter } from "@/lib/rules/raci";
import { addMonths } from "@/lib/rules/cadence";
import { normaliseManufacturerName, normaliseModelName } from "@/lib/rules/manufacturer";
import { activities, deviceClasses, deviceModels, manufacturerAliases, manufacturers, parties, raciTemplateCells, sites, users } from "../schema";

type Insert<T extends { $inferInsert: unknown }> = T["$inferInsert"];

export function siteRow(s: Pick<Insert<typeof sites>, "name" | "code" | "kind">, at: string, id?: number): Insert<typeof sites> {
  return { id, name: s.name, code: s.code, kind: s.kind, createdAt: at, updatedAt: at };
}

export function partyRow(p: Pick<Insert<typeof parties>, "name" | "kind" | "description">, sortOrder: number, at: string, id?: number): Insert<typeof parties> {
  return { id, name: p.name, kind: p.kind, description: p.description, sortOrder, createdAt: at, updatedAt: at };
}

export function userRow(
  u: { email: string; name: string; title: string },
  passwordHash: string,
  partyId: number | null,
  at: string,
  id?: number,
): Insert<typeof users> {
  return { id, email: u.email, name: u.name, title: u.title, passwordHash, partyId, createdAt: at, updatedAt: at };
}

export type DeviceClassAttrs = Omit<Insert<typeof deviceClasses>, "id" | "parentId" | "archivedAt" | "createdAt" | "updatedAt">;

export function deviceClassRow(attrs: DeviceClassAttrs, parentId: number | null, at: string, id?: number): Insert<typeof deviceClasses> {
  return { ...attrs, id, fdaClass: attrs.fdaClass ?? null, parentId, createdAt: at, updatedAt: at };
}

/** A RACI activity as DOMAIN.md lists them: its name, the CSF 2.0 subcategories it serves, the template's letters. */
export interface ActivitySeed<K extends string = string> {
  name: string;
  csf: string[];
  letters: Partial<Record<K, Letter>>;
}

export function activityRow(a: ActivitySeed, sortOrder: number, at: string, id?: number): Insert<typeof activities> {
  return { id, name: a.name, csfRefs: JSON.stringify(a.csf), sortOrder, createdAt: at, updatedAt: at };
}

/** The template's cells of one activity; parties the organization does not have are left out. */
export function templateCellRows<K extends string>(
  activityId: number,
  a: ActivitySeed<K>,
  partyIdOf: (key: K) => number | undefined,
): Insert<typeof raciTemplateCells>[] {
  return (Object.entries(a.letters) as [K, Letter][]).flatMap(([key, letter]) => {
    const partyId = partyIdOf(key);
    return partyId ? [{ activityId, partyId, letter }] : [];
  });
}

/** A catalog model as db/seed/inventory-data.ts describes it; life-cycle dates are months from "today". */
export interface ModelSeed {
  name: string;
  number?: string | null;
  fdaProductCode?: string | null;
  mds2?: boolean;
  endOfSaleMonths?: number | null;
  supportMonths?: number | null;
  patchMonths?: number | null;
}

export function manufacturerRow(name: string, at: string): Insert<typeof manufacturers> {
  return { name, createdAt: at, updatedAt: at };
}

/** One alias row per distinct normalised spelling (the maker's own name included), as the matcher looks them up. */
export function manufacturerAliasRows(manufacturerId: number, names: readonly string[], at: string): Insert<typeof manufacturerAliases>[] {
  const byKey = new Map(names.map((a) => [normaliseManufacturerName(a), a]));
  return [...byKey].map(([aliasKey, alias]) => ({ manufacturerId, alias, aliasKey, createdAt: at }));
}

export function deviceModelRow(model: ModelSeed, manufacturerId: number, deviceClassId: number | null, today: string, at: string): Insert<typeof deviceModels> {
  const months = (m: number | null | undefined) => (m == null ? null : addMonths(today, m));
  return {
    manufacturerId,
    name: model.name,
    nameKey: normaliseModelName(model.name),
    modelNumber: model.number ?? null,
    deviceClassId,
    fdaProductCode: model.fdaProductCode ?? null,
    mds2OnFile: model.mds2 ?? false,
    mds2Date: model.mds2 ? addMonths(today, -14) : null,
    endOfSale: months(model.endOfSaleMonths),
    endOfSupport: months(model.supportMonths),
    endOfSecurityPatches: months(model.patchMonths ?? model.supportMonths),
    createdAt: at,
    updatedAt: at,
  };
}
