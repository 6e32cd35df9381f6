import { sql } from "drizzle-orm";
import { sqliteOf, writeTxWhenFree, type Db, type DbOrTx } from "@/db/client";
import { AUTOMATIC_LEVELS, indexManufacturers } from "@/lib/rules/manufacturer";
import { appendAudit } from "@/lib/services/audit/append-audit";
import { matchAdvisoriesYielding, type AdvisoryMatchCounts, type MatchProgress } from "../advisories/match-advisories";
import { rematchRecalls, type RematchResult } from "../recalls/match-recalls";

/** What a committed CMMS import touched, as far as matching is concerned. */
export interface ImportTouch {
  /** Devices created by the import (no match rows yet). */
  newDeviceIds: number[];
  /** Existing devices whose model, software version or status the import changed, and the ones it retired. */
  changedDeviceIds: number[];
  /** Models the import created. */
  newModelIds: number[];
  /** Manufacturers that gained an alias (new manufacturers included). */
  aliasedMakerIds: number[];
}

/**
 * How each advisory vendor and recalling firm resolves to a manufacturer now ("" when to none): taken before an import
 * that adds manufacturers or aliases and compared after it, because a new alias can move a spelling from one
 * manufacturer to another (lib/rules/manufacturer.ts), which changes the matches of both makers' models.
 */
export function makerResolution(db: DbOrTx): Map<string, string> {
  const sqlite = sqliteOf(db);
  const makers = sqlite.prepare("select id, name from manufacturers").all() as { id: number; name: string }[];
  const aliases = new Map<number, string[]>();
  for (const a of sqlite.prepare("select manufacturer_id as id, alias from manufacturer_aliases").all() as { id: number; alias: string }[])
    aliases.set(a.id, [...(aliases.get(a.id) ?? []), a.alias]);
  const index = indexManufacturers(makers.map((m) => ({ id: m.id, name: m.name, aliases: aliases.get(m.id) ?? [] })));
  const names = sqlite
    .prepare("select distinct vendor from advisory_products union select distinct firm from recalls where firm is not null")
    .pluck()
    .all() as string[];
  return new Map(
    names.map((n) => {
      const hit = index.match(n);
      return [n, hit ? `${hit.id}:${AUTOMATIC_LEVELS.includes(hit.level) ? "auto" : hit.level}` : ""];
    }),
  );
}

/**
 * Re-matches what a committed CMMS import touched (issue #13), instead of every advisory against every device:
 * advisories for the devices it created, changed (model, software version, status) or retired, and for every device
 * of the manufacturers whose aliases or spellings changed; recalls for the models it created and those
 * manufacturers' models (recalls match per model, so a device's own change does not affect them). Each advisory in
 * its own transaction, handing the event loop back between two (decision 0043: other people are answered, and
 * what they write in between is seen by the later advisories); the recalls in one, with an audit entry when a
 * recall match changed.
 */
export async function rematchAfterImport(
  db: Db,
  touch: ImportTouch,
  before: Map<string, string> | null,
  now: Date,
  onProgress?: (p: MatchProgress) => void,
): Promise<{ advisories: AdvisoryMatchCounts[]; recalls: RematchResult }> {
  const makers = new Set(touch.aliasedMakerIds);
  if (before) {
    const after = makerResolution(db);
    for (const [name, was] of before) {
      const is = after.get(name) ?? "";
      if (is === was) continue;
      for (const v of [was, is]) if (v) makers.add(Number(v.split(":")[0]));
    }
  }
  const sqlite = sqliteOf(db);
  const makerModels =
    makers.size === 0
      ? []
      : (sqlite
          .prepare("select id from device_models where manufacturer_id in (select value from json_each(?))")
          .pluck()
          .all(JSON.stringify([...makers])) as number[]);
  const advisories = await matchAdvisoriesYielding(
    db,
    { scope: { deviceIds: touch.changedDeviceIds, newDeviceIds: touch.newDeviceIds, modelIds: makerModels } },
    now,
    onProgress,
  );
  const recallModels = [...new Set([...touch.newModelIds, ...makerModels])];
  const recalls =
    recallModels.length === 0 || !db.get(sql`select 1 from recalls limit 1`)
      ? { added: 0, changed: 0, removed: 0 }
      : await writeTxWhenFree(db, (tx) => {
          const r = rematchRecalls(tx, now, undefined, { modelIds: recallModels });
          if (r.added + r.changed + r.removed > 0) {
            appendAudit(tx, {
              actor: null,
              action: "RECALL_MATCHES_DERIVED",
              entityType: "device_model",
              entityId: recallModels.length === 1 ? recallModels[0]! : "import",
              newValues: { ...r, models: recallModels.slice(0, 100) },
              at: now,
            });
          }
          return r;
        });
  return { advisories, recalls };
}
