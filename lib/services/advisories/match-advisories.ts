import type Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import { sqliteOf, whenWritable, writeTx, type Db, type DbOrTx, type Tx } from "@/db/client";
import { advisories, deviceModels, manufacturerAliases, manufacturers } from "@/db/schema";
import { clock } from "@/lib/clock";
import { decideMatch, prepareProduct, productMatchFor, type MatchVerdict, type PreparedProduct } from "@/lib/rules/advisory-match";
import type { ProductMatch } from "@/lib/rules/advisory-product";
import { productWords } from "@/lib/rules/advisory-product";
import { AUTOMATIC_LEVELS, indexManufacturers, type ManufacturerIndex } from "@/lib/rules/manufacturer";
import { appendAudit } from "../audit/append-audit";
import { enqueueWebhookEvent } from "../webhooks/enqueue-webhook-event";

/**
 * Which devices a re-match covers (incremental re-matching, issue #13): after a CMMS import only the devices it
 * created, changed (model, software version, status) or retired, and every device of the models whose matching
 * inputs changed (a new model, a new alias of its manufacturer). Omitted: every device.
 */
export interface MatchScope {
  /** Devices that may already have match rows: changed, retired, re-activated. */
  deviceIds?: Iterable<number>;
  /** Devices created since the last re-match: they have no match rows yet, so none are looked up for them. */
  newDeviceIds?: Iterable<number>;
  /** Models whose matching inputs changed: every device of them is re-matched. */
  modelIds?: Iterable<number>;
}

/** The inventory as the matcher sees it, loaded once per run: makers, models and device groups (model, version). */
export interface MatchContext {
  makers: ManufacturerIndex;
  vendorWords: Map<number, string[]>;
  modelsByMaker: Map<number, { id: number; name: string; number: string | null }[]>;
  /** Software/firmware versions in use per model ("" for unknown), from devices that are not retired. */
  versionsByModel: Map<number, string[]>;
  /** The devices (not retired) of each (model, version) group, keyed by groupKey(). */
  devicesByGroup: Map<string, number[]>;
  /** Null: every device is re-matched. Otherwise only these; rows of other devices are neither read nor written. */
  scope: ReadonlySet<number> | null;
  /** The scoped devices that may have match rows, looked up by (advisory, device); null: read each advisory's rows. */
  lookup: readonly number[] | null;
}

export interface AdvisoryMatchCounts {
  advisoryId: number;
  /** Devices the advisory now matches (any confidence, reviewed or not). */
  matched: number;
  written: number;
  removed: number;
  superseded: number;
}

/**
 * Above this many scoped devices with possible rows, reading each advisory's rows once is cheaper than looking each
 * device up per advisory (144 advisories × 5,000 devices ≈ 0.7 million index probes, well under a second).
 */
const LOOKUP_LIMIT = 5_000;
/** Row writes in one advisory above which the per-row data-version triggers are set aside (see writeDiff). */
const TRIGGER_LIMIT = 1_000;
/** Rows per multi-row INSERT: 50 × 7 parameters, far below SQLite's bound-parameter limit. */
const INSERT_ROWS = 50;

export const groupKey = (modelId: number, version: string) => `${modelId}\u0000${version}`;

/** A generator's result, with its yields ignored: the synchronous callers of the stepped functions below. */
function runToEnd<T>(steps: Generator<unknown, T, void>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

export function loadMatchContext(db: DbOrTx, scope?: MatchScope | null): MatchContext {
  return runToEnd(readMatchContext(db, scope));
}

/** Devices read per statement when the context is read in steps (a few tens of milliseconds each at 200,000). */
const READ_CHUNK = 25_000;

/**
 * The match context, read in steps: it yields after each READ_CHUNK devices, so a caller outside a transaction may
 * hand the event loop back in between (matchAdvisoriesInSteps). Each chunk is its own read; the caller proves that
 * nothing changed across them (contextStamp before and after), or reads again.
 */
export function* readMatchContext(db: DbOrTx, scope?: MatchScope | null, chunk = READ_CHUNK): Generator<void, MatchContext, void> {
  const sqlite = sqliteOf(db);
  const makerRows = db.select({ id: manufacturers.id, name: manufacturers.name }).from(manufacturers).all();
  const aliasRows = db.select({ manufacturerId: manufacturerAliases.manufacturerId, alias: manufacturerAliases.alias }).from(manufacturerAliases).all();
  const aliases = new Map<number, string[]>();
  for (const a of aliasRows) aliases.set(a.manufacturerId, [...(aliases.get(a.manufacturerId) ?? []), a.alias]);
  const known = makerRows.map((m) => ({ id: m.id, name: m.name, aliases: aliases.get(m.id) ?? [] }));
  const vendorWords = new Map(known.map((m) => [m.id, [...new Set([m.name, ...m.aliases].flatMap((s) => productWords(s)))]]));
  const modelsByMaker = new Map<number, { id: number; name: string; number: string | null }[]>();
  for (const m of db
    .select({ id: deviceModels.id, makerId: deviceModels.manufacturerId, name: deviceModels.name, number: deviceModels.modelNumber })
    .from(deviceModels)
    .all()) {
    modelsByMaker.set(m.makerId, [...(modelsByMaker.get(m.makerId) ?? []), { id: m.id, name: m.name, number: m.number }]);
  }

  // Devices as raw [id, model, version] rows from prepared statements: drizzle's row objects for 200,000 devices
  // cost more than the matching itself.
  const current = "status <> 'retired' and model_id is not null";
  const rows: [number, number, string][] = [];
  let scoped: Set<number> | null = null;
  let lookup: number[] | null = null;
  if (!scope) {
    // In id order, READ_CHUNK at a time (through the primary key: each chunk starts where the last one ended).
    const page = sqlite.prepare(`select id, model_id, coalesce(trim(software_version), '') from devices where id > ? and ${current} order by id limit ?`).raw();
    for (let after = 0; ;) {
      const part = page.all(after, chunk) as [number, number, string][];
      for (const r of part) rows.push(r);
      if (part.length < chunk) break;
      after = part[part.length - 1]![0];
      yield;
    }
  } else {
    const existing = new Set(scope.deviceIds ?? []);
    const models = [...new Set(scope.modelIds ?? [])];
    if (models.length > 0) {
      for (const [id] of sqlite.prepare("select id from devices where model_id in (select value from json_each(?))").raw().all(JSON.stringify(models)) as [
        number,
      ][])
        existing.add(id);
    }
    const fresh = [...(scope.newDeviceIds ?? [])].filter((id) => !existing.has(id));
    scoped = new Set([...existing, ...fresh]);
    lookup = existing.size <= LOOKUP_LIMIT ? [...existing] : null;
    const ids = [...scoped];
    const some = sqlite
      .prepare(`select id, model_id, coalesce(trim(software_version), '') from devices where id in (select value from json_each(?)) and ${current}`)
      .raw();
    for (let i = 0; i < ids.length; i += chunk) {
      if (i > 0) yield;
      for (const r of some.all(JSON.stringify(ids.slice(i, i + chunk))) as [number, number, string][]) rows.push(r);
    }
  }
  const devicesByGroup = new Map<string, number[]>();
  const versionsByModel = new Map<number, string[]>();
  for (const [id, modelId, version] of rows) {
    const key = groupKey(modelId, version);
    const group = devicesByGroup.get(key);
    if (group) {
      group.push(id);
      continue;
    }
    devicesByGroup.set(key, [id]);
    const versions = versionsByModel.get(modelId);
    if (versions) versions.push(version);
    else versionsByModel.set(modelId, [version]);
  }
  return { makers: indexManufacturers(known), vendorWords, modelsByMaker, versionsByModel, devicesByGroup, scope: scoped, lookup };
}

/** The rule's verdict for every (model, version) group an advisory's affected products reach. Pure over the context. */
export function planAdvisoryMatches(
  ctx: MatchContext,
  products: readonly { id: number; vendor: string; productName: string; versionText: string | null; affected: boolean }[],
): { modelId: number; version: string; verdict: MatchVerdict }[] {
  // Per model: its candidate products and how each product's name compares with it.
  const perModel = new Map<
    number,
    {
      model: { id: number; name: string; number: string | null };
      similarVendor: string | null;
      candidates: { product: PreparedProduct; productMatch: ProductMatch; affected: boolean }[];
    }
  >();
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

/** A stored match as the diff reads it: [id, device, product, model, confidence, reason, superseded at, reviewed]. */
type StoredMatch = [number, number, number, number | null, string, string, string | null, number];

interface Statements {
  products: Database.Statement;
  all: Database.Statement;
  some: Database.Statement;
  count: Database.Statement;
  insert: Database.Statement;
  insertMany: Database.Statement;
  update: Database.Statement;
  supersede: Database.Statement;
  remove: Database.Statement;
}
const prepared = new WeakMap<Database.Database, Statements>();
const MATCH_COLUMNS = "id, device_id, product_id, model_id, confidence, reason, superseded_at, review_decision is not null";

function statements(sqlite: Database.Database): Statements {
  let s = prepared.get(sqlite);
  if (!s) {
    s = {
      // Every current product with whether some vulnerability lists it as affected: fixed and not-affected products
      // never match, and they tell the rule that a model they name is not affected.
      products: sqlite.prepare(`
        select p.id, p.vendor, p.product_name as productName, p.version_text as versionText,
          exists (select 1 from vulnerability_product_status s where s.product_id = p.id and s.status in ('known_affected', 'first_affected', 'last_affected')) as affected
        from advisory_products p
        where p.advisory_id = ? and p.removed_in_version is null
        order by p.id`),
      all: sqlite.prepare(`select ${MATCH_COLUMNS} from advisory_device_matches where advisory_id = ?`).raw(),
      // Through the (advisory, device) unique index: one probe per scoped device.
      some: sqlite
        .prepare(`select ${MATCH_COLUMNS} from advisory_device_matches where advisory_id = ? and device_id in (select value from json_each(?))`)
        .raw(),
      count: sqlite.prepare("select count(*) from advisory_device_matches where advisory_id = ? and superseded_at is null").pluck(),
      insert: sqlite.prepare(
        "insert into advisory_device_matches (advisory_id, product_id, device_id, model_id, confidence, reason, matched_at) values (?, ?, ?, ?, ?, ?, ?)",
      ),
      insertMany: sqlite.prepare(
        `insert into advisory_device_matches (advisory_id, product_id, device_id, model_id, confidence, reason, matched_at) values ${Array.from({ length: INSERT_ROWS }, () => "(?, ?, ?, ?, ?, ?, ?)").join(", ")}`,
      ),
      update: sqlite.prepare(
        "update advisory_device_matches set product_id = ?, model_id = ?, confidence = ?, reason = ?, matched_at = ?, superseded_at = null where id = ?",
      ),
      supersede: sqlite.prepare("update advisory_device_matches set superseded_at = ? where id = ?"),
      remove: sqlite.prepare("delete from advisory_device_matches where id = ?"),
    };
    prepared.set(sqlite, s);
  }
  return s;
}

/**
 * Re-derives one advisory's matches inside the caller's write transaction (issue #13 item 2; db/schema/matches.ts):
 * rows the rules produce are inserted or refreshed (a review is kept, whatever the new confidence), an unreviewed row
 * the rules no longer produce is deleted, a reviewed one is kept with `superseded_at` set (the review is governed
 * data). One audit entry when anything changed.
 *
 * The rule runs once per (model, version) group, not per device; the advisory's stored rows are read once and
 * compared with the plan in memory, and only the rows that differ are written, through prepared statements. The
 * steady state ("Re-match all" with nothing changed) therefore writes nothing and costs one indexed read per
 * advisory. With a scope (ctx.scope), only the scoped devices' rows are read and written.
 */
export function rematchAdvisory(tx: Tx, ctx: MatchContext, advisoryId: number, now: Date): AdvisoryMatchCounts {
  const at = now.toISOString();
  const sqlite = sqliteOf(tx);
  const st = statements(sqlite);
  const products = (st.products.all(advisoryId) as { id: number; vendor: string; productName: string; versionText: string | null; affected: number }[]).map(
    (p) => ({ ...p, affected: p.affected === 1 }),
  );
  const plan = planAdvisoryMatches(ctx, products);

  const wanted = new Map<number, { modelId: number; verdict: MatchVerdict }>();
  for (const p of plan) {
    for (const deviceId of ctx.devicesByGroup.get(groupKey(p.modelId, p.version)) ?? []) wanted.set(deviceId, p);
  }
  const produced = wanted.size;
  const stored = (
    ctx.scope === null
      ? st.all.all(advisoryId)
      : ctx.lookup === null
        ? (st.all.all(advisoryId) as StoredMatch[]).filter((r) => ctx.scope!.has(r[1]))
        : ctx.lookup.length === 0
          ? []
          : st.some.all(advisoryId, JSON.stringify(ctx.lookup))
  ) as StoredMatch[];

  const updates: unknown[][] = [];
  const supersedes: unknown[][] = [];
  const removes: number[] = [];
  // Devices matched again after their match had been superseded: with the inserts, the "new" matches.
  const reactivated: number[] = [];
  for (const [id, deviceId, productId, modelId, confidence, reason, supersededAt, reviewed] of stored) {
    const want = wanted.get(deviceId);
    if (want) {
      wanted.delete(deviceId);
      if (supersededAt !== null) reactivated.push(deviceId);
      const v = want.verdict;
      if (productId !== v.productId || modelId !== want.modelId || confidence !== v.confidence || reason !== v.reason || supersededAt !== null) {
        updates.push([v.productId, want.modelId, v.confidence, v.reason, at, id]);
      }
    } else if (reviewed) {
      if (supersededAt === null) supersedes.push([at, id]);
    } else {
      removes.push(id);
    }
  }
  const writes = wanted.size + updates.length + supersedes.length + removes.length;
  const fresh = new Set<number>([...wanted.keys(), ...reactivated]);
  if (writes > 0) {
    writeDiff(sqlite, writes, () => {
      // In device order (the (advisory, device) index grows at its end), INSERT_ROWS rows per statement.
      const rows = [...wanted].sort((a, b) => a[0] - b[0]);
      let i = 0;
      for (; i + INSERT_ROWS <= rows.length; i += INSERT_ROWS) {
        const params: unknown[] = [];
        for (let k = i; k < i + INSERT_ROWS; k++) {
          const [deviceId, { modelId, verdict }] = rows[k]!;
          params.push(advisoryId, verdict.productId, deviceId, modelId, verdict.confidence, verdict.reason, at);
        }
        st.insertMany.run(...params);
      }
      for (; i < rows.length; i++) {
        const [deviceId, { modelId, verdict }] = rows[i]!;
        st.insert.run(advisoryId, verdict.productId, deviceId, modelId, verdict.confidence, verdict.reason, at);
      }
      for (const u of updates) st.update.run(...u);
      for (const u of supersedes) st.supersede.run(...u);
      for (const id of removes) st.remove.run(id);
    });
  }
  const written = wanted.size + updates.length;
  const matched = ctx.scope === null ? produced : (st.count.get(advisoryId) as number);
  const counts = { advisoryId, matched, written, removed: removes.length, superseded: supersedes.length };
  // A device newly matched to an advisory naming a known-exploited CVE (CISA KEV) is a "new known-exploited match"
  // someone must act on now (issue #14 item 4), whether it came from an advisory import, a KEV import's re-match or a
  // CMMS import of new devices.
  if (fresh.size > 0) notifyKnownExploitedMatches(tx, advisoryId, fresh, now);
  if (writes > 0) {
    appendAudit(tx, { actor: null, action: "ADVISORY_MATCHES_DERIVED", entityType: "advisory", entityId: advisoryId, newValues: counts, at: now });
  }
  return counts;
}

/** Enqueues `kev.known_exploited_match` for the devices newly matched to an advisory that names a KEV CVE. */
function notifyKnownExploitedMatches(tx: Tx, advisoryId: number, freshIds: Set<number>, now: Date): void {
  const kev = tx.all<{ cve: string; dateAdded: string; dueDate: string }>(sql`
    select distinct av.cve as cve, k.date_added as dateAdded, k.due_date as dueDate
    from advisory_vulnerabilities av join kev_entries k on k.cve = av.cve and k.removed_at is null
    where av.advisory_id = ${advisoryId} order by av.cve`);
  if (kev.length === 0) return;
  const rows = tx.all<{ id: number; assetTag: string; site: string; confidence: string }>(sql`
    select d.id, d.asset_tag as assetTag, s.name as site, m.confidence
    from advisory_device_matches m join devices d on d.id = m.device_id join sites s on s.id = d.site_id
    where m.advisory_id = ${advisoryId} and m.superseded_at is null order by d.asset_tag`);
  const fresh = rows.filter((r) => freshIds.has(r.id));
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
 * Runs `write` with the per-row data-version triggers of advisory_device_matches set aside when it writes many rows,
 * bumping the `advisories` counter once instead (decision 0007's cache counters; the same as a CMMS import, decision
 * 0020): each trigger is an UPDATE of data_versions per row. DDL is transactional in SQLite, so a failure restores
 * the triggers with everything else, and other connections never see the table without them.
 */
function writeDiff(sqlite: Database.Database, writes: number, write: () => void): void {
  if (writes < TRIGGER_LIMIT) {
    write();
    return;
  }
  const triggers = sqlite
    .prepare("select name, sql from sqlite_master where type = 'trigger' and tbl_name = 'advisory_device_matches' and name like '%\\_dv\\_%' escape '\\'")
    .all() as { name: string; sql: string }[];
  for (const t of triggers) sqlite.exec(`drop trigger ${t.name}`);
  write();
  sqlite.prepare("update data_versions set version = version + 1 where domain = 'advisories'").run();
  for (const t of triggers) sqlite.exec(t.sql);
}

/**
 * What the match context was read from (decision 0043): the `inventory` data version, which the triggers of devices
 * and device_models bump on every insert, update and delete (decision 0007; a CMMS import that sets them aside bumps
 * it once, decision 0020), and the manufacturers and their aliases, which have no counter and are few, so they are
 * compared whole. Equal stamps: the context a transaction would read is the one already loaded.
 */
function contextStamp(sqlite: Database.Database): string {
  const st = stampStatements(sqlite);
  return `${st.version.get() as number}\u0001${st.makers.get() as string}\u0001${st.aliases.get() as string}`;
}
const stamps = new WeakMap<
  Database.Database,
  { version: Database.Statement; makers: Database.Statement; aliases: Database.Statement; matches: Database.Statement }
>();
function stampStatements(sqlite: Database.Database) {
  let s = stamps.get(sqlite);
  if (!s) {
    s = {
      version: sqlite.prepare("select coalesce((select version from data_versions where domain = 'inventory'), -1)").pluck(),
      makers: sqlite.prepare("select coalesce(json_group_array(json_array(id, name)), '[]') from (select id, name from manufacturers order by id)").pluck(),
      aliases: sqlite
        .prepare(
          "select coalesce(json_group_array(json_array(manufacturer_id, alias)), '[]') from (select manufacturer_id, alias from manufacturer_aliases order by id)",
        )
        .pluck(),
      matches: sqlite.prepare("select coalesce((select version from data_versions where domain = 'advisories'), -1)").pluck(),
    };
    stamps.set(sqlite, s);
  }
  return s;
}

/** Runs `steps`, reporting `at` at each of its yields. */
function* progressless<T>(steps: Generator<void, T, void>, at: MatchProgress): Generator<MatchProgress, T, void> {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    yield at;
  }
}

/** Where a re-match is: advisories done of the advisories it covers (the import page's "Matching advisories"). */
export interface MatchProgress {
  done: number;
  total: number;
}

/**
 * Re-matches advisories against the inventory, one advisory per step, each in its own write transaction, so the write
 * lock is never held for the whole run and the caller may hand the event loop back between two steps
 * (matchAdvisoriesYielding). Every advisory's matches are computed from what its own transaction reads: the devices,
 * models and makers are loaded once, and again inside the transaction of the first advisory that finds them changed
 * (contextStamp) — a device edited, a device imported or a model renamed between two steps is seen by every later
 * step, and that write's own re-match (update-device.ts, the import's) covered the earlier ones (decision 0043).
 */
export function* matchAdvisoriesInSteps(
  db: Db,
  opts: { advisoryIds?: readonly number[]; scope?: MatchScope; readChunk?: number } = {},
  now = clock.now(),
): Generator<MatchProgress, AdvisoryMatchCounts[], void> {
  const ids =
    opts.advisoryIds ??
    db
      .select({ id: advisories.id })
      .from(advisories)
      .all()
      .map((a) => a.id);
  if (ids.length === 0) return [];
  const sqlite = sqliteOf(db);
  const st = stampStatements(sqlite);
  let scope = opts.scope;
  // Read before the first transaction, in steps (at 200,000 new devices one read blocks for about a second); the
  // stamp taken before the first chunk is checked in that transaction, and the context read again there if any
  // write reached the inventory or the makers in between.
  let stamp = contextStamp(sqlite);
  // The `advisories` data version as this run last saw it: before the read, then as each of its own transactions
  // left it (its own match writes bump it too).
  let matchesVersion = st.matches.get() as number;
  let ctx: MatchContext | null = yield* progressless(readMatchContext(db, scope, opts.readChunk), { done: 0, total: ids.length });
  // Devices are never deleted (devices_no_delete): a scope with no device now has none later either.
  if (ctx.scope !== null && ctx.scope.size === 0) return [];
  const out: AdvisoryMatchCounts[] = [];
  for (const id of ids) {
    const counts = writeTx(db, (tx) => {
      // Someone else wrote advisory data since this run last looked (another re-match, an advisory import): the devices this
      // run took for new ones may have match rows by now, so from here on they are looked up like changed ones
      // (inserting a second row for them would break the (advisory, device) key).
      if (st.matches.get() !== matchesVersion && scope?.newDeviceIds) {
        scope = { ...scope, deviceIds: [...(scope.deviceIds ?? []), ...scope.newDeviceIds], newDeviceIds: undefined };
        ctx = null;
      }
      const current = contextStamp(sqlite);
      if (ctx === null || current !== stamp) {
        stamp = current;
        ctx = loadMatchContext(tx, scope);
      }
      const c = rematchAdvisory(tx, ctx, id, now);
      matchesVersion = st.matches.get() as number;
      return c;
    });
    out.push(counts);
    yield { done: out.length, total: ids.length };
  }
  return out;
}

/**
 * Re-matches advisories against the inventory (all of them when `advisoryIds` is omitted; every device unless
 * `scope` names some): one write transaction per advisory, run to the end without handing the event loop back. A
 * system step: it runs after an advisory import, after a device or model edit, and behind "Re-match all"
 * (rematch-all-advisories.ts), each of which checked its own permission; it changes no review.
 */
export function matchAdvisories(db: Db, opts: { advisoryIds?: readonly number[]; scope?: MatchScope } = {}, now = clock.now()): AdvisoryMatchCounts[] {
  return runToEnd(matchAdvisoriesInSteps(db, opts, now));
}

/**
 * The same, handing the event loop back between two advisories (setImmediate), so a server answers other requests
 * during a long re-match (a CMMS import's, decision 0043); writes made in between are seen by the later advisories.
 */
export async function matchAdvisoriesYielding(
  db: Db,
  opts: { advisoryIds?: readonly number[]; scope?: MatchScope } = {},
  now = clock.now(),
  onProgress?: (p: MatchProgress) => void,
): Promise<AdvisoryMatchCounts[]> {
  const it = matchAdvisoriesInSteps(db, opts, now);
  for (;;) {
    // Another import may have begun its transaction while this one handed the event loop back: the next advisory's
    // write waits for its COMMIT, however long, rather than being refused.
    const r = await whenWritable(db, () => it.next(), Infinity);
    if (r.done) return r.value;
    onProgress?.(r.value);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
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
