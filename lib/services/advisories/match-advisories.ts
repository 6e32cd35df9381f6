import { sql } from "drizzle-orm";
import { writeTx, type Db, type DbOrTx, type Tx } from "@/db/client";
import { advisories, deviceModels, manufacturerAliases, manufacturers } from "@/db/schema";
import { clock } from "@/lib/clock";
import { decideMatch, prepareProduct, productMatchFor, type MatchVerdict, type PreparedProduct } from "@/lib/rules/advisory-match";
import type { ProductMatch } from "@/lib/rules/advisory-product";
import { productWords } from "@/lib/rules/advisory-product";
import { AUTOMATIC_LEVELS, indexManufacturers, type ManufacturerIndex } from "@/lib/rules/manufacturer";
import { appendAudit } from "../audit/append-audit";
import { enqueueWebhookEvent } from "../webhooks/enqueue-webhook-event";

/** The inventory as the matcher sees it, loaded once per run: makers, models and device groups (model, version). */
export interface MatchContext {
  makers: ManufacturerIndex;
  vendorWords: Map<number, string[]>;
  modelsByMaker: Map<number, { id: number; name: string; number: string | null }[]>;
  /** Software/firmware versions in use per model ("" for unknown), from devices that are not retired. */
  versionsByModel: Map<number, string[]>;
}

export interface AdvisoryMatchCounts {
  advisoryId: number;
  /** Devices the advisory now matches (any confidence, reviewed or not). */
  matched: number;
  written: number;
  removed: number;
  superseded: number;
}

const AFFECTED_STATUSES = sql`('known_affected', 'first_affected', 'last_affected')`;

export function loadMatchContext(db: DbOrTx): MatchContext {
  const makerRows = db.select({ id: manufacturers.id, name: manufacturers.name }).from(manufacturers).all();
  const aliasRows = db.select({ manufacturerId: manufacturerAliases.manufacturerId, alias: manufacturerAliases.alias }).from(manufacturerAliases).all();
  const aliases = new Map<number, string[]>();
  for (const a of aliasRows) aliases.set(a.manufacturerId, [...(aliases.get(a.manufacturerId) ?? []), a.alias]);
  const known = makerRows.map((m) => ({ id: m.id, name: m.name, aliases: aliases.get(m.id) ?? [] }));
  const vendorWords = new Map(known.map((m) => [m.id, [...new Set([m.name, ...m.aliases].flatMap((s) => productWords(s)))]]));
  const modelsByMaker = new Map<number, { id: number; name: string; number: string | null }[]>();
  for (const m of db.select({ id: deviceModels.id, makerId: deviceModels.manufacturerId, name: deviceModels.name, number: deviceModels.modelNumber }).from(deviceModels).all()) {
    modelsByMaker.set(m.makerId, [...(modelsByMaker.get(m.makerId) ?? []), { id: m.id, name: m.name, number: m.number }]);
  }
  const versionsByModel = new Map<number, string[]>();
  for (const g of db.all<{ modelId: number; version: string }>(
    sql`select model_id as modelId, coalesce(trim(software_version), '') as version from devices where status <> 'retired' and model_id is not null group by 1, 2`,
  )) {
    versionsByModel.set(g.modelId, [...(versionsByModel.get(g.modelId) ?? []), g.version]);
  }
  return { makers: indexManufacturers(known), vendorWords, modelsByMaker, versionsByModel };
}

/** The rule's verdict for every (model, version) group an advisory's affected products reach. Pure over the context. */
export function planAdvisoryMatches(ctx: MatchContext, products: readonly { id: number; vendor: string; productName: string; versionText: string | null; affected: boolean }[]): { modelId: number; version: string; verdict: MatchVerdict }[] {
  // Per model: its candidate products and how each product's name compares with it.
  const perModel = new Map<number, { model: { id: number; name: string; number: string | null }; similarVendor: string | null; candidates: { product: PreparedProduct; productMatch: ProductMatch; affected: boolean }[] }>();
  for (const raw of products) {
    const maker = ctx.makers.match(raw.vendor);
    if (!maker) continue;
    const similarVendor = AUTOMATIC_LEVELS.includes(maker.level) ? null : raw.vendor;
    const product = prepareProduct(raw);
    for (const model of ctx.modelsByMaker.get(maker.id) ?? []) {
      const productMatch = productMatchFor(product, model, ctx.vendorWords.get(maker.id) ?? []);
      if (productMatch === "none") continue;
      const entry = perModel.get(model.id) ?? { model, similarVendor, candidates: [] };
      // A vendor spelled exactly anywhere in the advisory outweighs a merely similar spelling elsewhere.
      if (!similarVendor) entry.similarVendor = null;
      entry.candidates.push({ product, productMatch, affected: raw.affected });
      perModel.set(model.id, entry);
    }
  }
  const out: { modelId: number; version: string; verdict: MatchVerdict }[] = [];
  for (const [modelId, { model, similarVendor, candidates }] of perModel) {
    for (const version of ctx.versionsByModel.get(modelId) ?? []) {
      const verdict = decideMatch(candidates, model, version === "" ? null : version, { vendorOnlySimilar: similarVendor });
      if (verdict) out.push({ modelId, version, verdict });
    }
  }
  return out;
}

/**
 * Re-derives one advisory's matches inside the caller's write transaction (issue #13 item 2; db/schema/matches.ts):
 * rows the rules produce are inserted or refreshed (a review is kept, whatever the new confidence), an unreviewed row
 * the rules no longer produce is deleted, a reviewed one is kept with `superseded_at` set (the review is governed
 * data). One audit entry when anything changed.
 *
 * The plan goes through a temporary table so that one INSERT … SELECT joins it to the devices by (model, version):
 * 200,000 devices cost a few statements, not one per device. PostgreSQL equivalent: CREATE TEMP TABLE … ON COMMIT
 * DELETE ROWS and the same INSERT … ON CONFLICT. SQLite has no statistics for the temporary table and would scan every
 * device per statement; CROSS JOIN makes the plan the outer loop, so devices are reached through devices_model_idx.
 */
export function rematchAdvisory(tx: Tx, ctx: MatchContext, advisoryId: number, now: Date): AdvisoryMatchCounts {
  const at = now.toISOString();
  // Every current product with whether some vulnerability lists it as affected: fixed and not-affected products never
  // match, and they tell the rule that a model they name is not affected.
  const products = tx
    .all<{ id: number; vendor: string; productName: string; versionText: string | null; affected: number }>(
      sql`
    select p.id, p.vendor, p.product_name as productName, p.version_text as versionText,
      exists (select 1 from vulnerability_product_status s where s.product_id = p.id and s.status in ${AFFECTED_STATUSES}) as affected
    from advisory_products p
    where p.advisory_id = ${advisoryId} and p.removed_in_version is null
    order by p.id`,
    )
    .map((p) => ({ ...p, affected: p.affected === 1 }));
  const plan = planAdvisoryMatches(ctx, products);

  tx.run(sql`create temp table if not exists match_plan (model_id integer not null, version text not null, product_id integer not null, confidence text not null, reason text not null, primary key (model_id, version))`);
  tx.run(sql`delete from temp.match_plan`);
  for (let i = 0; i < plan.length; i += 150) {
    const rows = plan.slice(i, i + 150).map((p) => sql`(${p.modelId}, ${p.version}, ${p.verdict.productId}, ${p.verdict.confidence}, ${p.verdict.reason})`);
    tx.run(sql`insert into temp.match_plan (model_id, version, product_id, confidence, reason) values ${sql.join(rows, sql`, `)}`);
  }
  // Known-exploited CVEs of this advisory (CISA KEV): a device newly matched to it is a "new known-exploited match"
  // someone must act on now (issue #14 item 4), whether the match came from an advisory import, a KEV import's
  // re-match or a CMMS import of new devices. Only then are the current matches read, to tell the new ones.
  const kev = tx.all<{ cve: string; dateAdded: string; dueDate: string }>(sql`
    select distinct av.cve as cve, k.date_added as dateAdded, k.due_date as dueDate
    from advisory_vulnerabilities av join kev_entries k on k.cve = av.cve and k.removed_at is null
    where av.advisory_id = ${advisoryId} order by av.cve`);
  const matchedBefore = kev.length
    ? new Set(tx.all<{ id: number }>(sql`select device_id as id from advisory_device_matches where advisory_id = ${advisoryId} and superseded_at is null`).map((r) => r.id))
    : null;
  const written = tx.run(sql`
    insert into advisory_device_matches (advisory_id, product_id, device_id, model_id, confidence, reason, matched_at)
    select ${advisoryId}, p.product_id, d.id, d.model_id, p.confidence, p.reason, ${at}
    from temp.match_plan p cross join devices d
    where d.model_id = p.model_id and coalesce(trim(d.software_version), '') = p.version and d.status <> 'retired'
    on conflict (advisory_id, device_id) do update set
      product_id = excluded.product_id, model_id = excluded.model_id, confidence = excluded.confidence, reason = excluded.reason,
      matched_at = excluded.matched_at, superseded_at = null
    where advisory_device_matches.product_id <> excluded.product_id or advisory_device_matches.model_id is not excluded.model_id
      or advisory_device_matches.confidence <> excluded.confidence or advisory_device_matches.reason <> excluded.reason
      or advisory_device_matches.superseded_at is not null`).changes;
  const stillProduced = sql`exists (select 1 from devices d join temp.match_plan p on p.model_id = d.model_id and p.version = coalesce(trim(d.software_version), '')
    where d.id = advisory_device_matches.device_id and d.status <> 'retired')`;
  const removed = tx.run(sql`delete from advisory_device_matches where advisory_id = ${advisoryId} and review_decision is null and not ${stillProduced}`).changes;
  const superseded = tx.run(sql`update advisory_device_matches set superseded_at = ${at} where advisory_id = ${advisoryId} and review_decision is not null and superseded_at is null and not ${stillProduced}`).changes;
  tx.run(sql`delete from temp.match_plan`);
  const matched = tx.get<{ n: number }>(sql`select count(*) as n from advisory_device_matches where advisory_id = ${advisoryId} and superseded_at is null`)?.n ?? 0;
  const counts = { advisoryId, matched, written, removed, superseded };
  if (matchedBefore && written > 0) notifyKnownExploitedMatches(tx, advisoryId, kev, matchedBefore, now);
  if (written + removed + superseded > 0) {
    appendAudit(tx, { actor: null, action: "ADVISORY_MATCHES_DERIVED", entityType: "advisory", entityId: advisoryId, newValues: counts, at: now });
  }
  return counts;
}

/** Enqueues `kev.known_exploited_match` for the devices matched to a known-exploited advisory since `before`. */
function notifyKnownExploitedMatches(tx: Tx, advisoryId: number, kev: { cve: string; dateAdded: string; dueDate: string }[], before: Set<number>, now: Date): void {
  const rows = tx.all<{ id: number; assetTag: string; site: string; confidence: string }>(sql`
    select d.id, d.asset_tag as assetTag, s.name as site, m.confidence
    from advisory_device_matches m join devices d on d.id = m.device_id join sites s on s.id = d.site_id
    where m.advisory_id = ${advisoryId} and m.superseded_at is null order by d.asset_tag`);
  const fresh = rows.filter((r) => !before.has(r.id));
  if (fresh.length === 0) return;
  const a = tx.get<{ trackingId: string; title: string }>(sql`select tracking_id as trackingId, title from advisories where id = ${advisoryId}`)!;
  enqueueWebhookEvent(
    tx,
    "kev.known_exploited_match",
    {
      trigger: "device_match",
      advisory: { id: advisoryId, trackingId: a.trackingId, title: a.title },
      cves: kev,
      newDevices: fresh.length,
      // A receiver opens Clearline for the rest; 100 names the first devices to look at.
      devices: fresh.slice(0, 100).map((r) => ({ id: r.id, assetTag: r.assetTag, site: r.site, confidence: r.confidence })),
    },
    now,
  );
}

/**
 * Re-matches advisories against the inventory (all of them when `advisoryIds` is omitted): one write transaction per
 * advisory, so the write lock is never held for the whole run. A system step: it runs after an advisory import, after
 * a CMMS import commit, and behind "Re-match all" (rematch-all-advisories.ts), each of which checked its own
 * permission; it changes no review.
 */
export function matchAdvisories(db: Db, opts: { advisoryIds?: readonly number[] } = {}, now = clock.now()): AdvisoryMatchCounts[] {
  const ids = opts.advisoryIds ?? db.select({ id: advisories.id }).from(advisories).all().map((a) => a.id);
  if (ids.length === 0) return [];
  const ctx = loadMatchContext(db);
  return ids.map((id) => writeTx(db, (tx) => rematchAdvisory(tx, ctx, id, now)));
}

/** Every advisory, inside one caller's transaction (the demo seed, which writes everything in one transaction). */
export function matchAllAdvisoriesInTx(tx: Tx, now: Date): AdvisoryMatchCounts[] {
  const ctx = loadMatchContext(tx);
  return tx
    .select({ id: advisories.id })
    .from(advisories)
    .all()
    .map((a) => rematchAdvisory(tx, ctx, a.id, now));
}
