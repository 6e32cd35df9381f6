/**
 * Advisories, matches, OEM answers, patch work and recalls at scale for `npm run seed:large` (issue #13 item 8): the
 * 22 real CISA ICSMA advisories of db/seed/data/csaf plus generated variants of them up to ~144, each variant naming a
 * manufacturer (or one of its aliases) and models of the large inventory's catalog with an exact version, a range,
 * `vers:all/*` or free text; the CISA KEV catalog; the openFDA recall examples. Everything goes through the services'
 * own writers and checks, as the demo does (db/seed/advisories-demo.ts, patches-demo.ts): the CSAF schema and reader,
 * matchAdvisories for the matches (no match row is written here), writeOemPosition for the OEMs' answers in every
 * state, the patch queue's own derivation for the items and writePatchRecord / writeSignature for the work recorded
 * on them. Their audit entries extend the chain the generator wrote (appendAudit reads its head).
 */
import fs from "node:fs";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { writeTx, type Db } from "@/db/client";
import { advisories, oemPositions, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { addDays } from "@/lib/rules/patch-priority";
import { isAffected } from "@/lib/services/advisories/affected";
import { writeAdvisories } from "@/lib/services/advisories/import-advisories";
import { parseKevFile, writeKev } from "@/lib/services/advisories/import-kev";
import { matchAdvisories } from "@/lib/services/advisories/match-advisories";
import { readAdvisoryFiles, type UploadedFile } from "@/lib/services/advisories/read-advisory-files";
import { writeOemPosition } from "@/lib/services/advisories/record-oem-position";
import { loadActor } from "@/lib/services/auth/load-actor";
import { deferralContent, DEFERRAL_MEANING } from "@/lib/services/patches/defer-patch";
import { toPatchItem, type PatchItem } from "@/lib/services/patches/list-patch-queue";
import { patchItemRef, writePatchRecord } from "@/lib/services/patches/load-patch-item";
import { notifyPastDuePatches } from "@/lib/services/patches/notify-past-due-patches";
import { getPatchPolicy } from "@/lib/services/patches/patch-policy";
import { scopeWhere, selectQueue } from "@/lib/services/patches/patch-queue-sql";
import { computePatchRoutes } from "@/lib/services/patches/route-patches";
import { readRecallFiles } from "@/lib/services/recalls/read-recall-files";
import { writeRecalls } from "@/lib/services/recalls/import-recalls";
import { writeSignature } from "@/lib/services/signatures/sign-record";
import { DEMO_DATA_DIR } from "../advisories-demo";
import { DEMO_MANUFACTURERS, type DemoManufacturer, type DemoModel } from "../inventory-data";
import { makeRng, type Rng } from "../prng";
import { DEMO_RECALL_FILE } from "../recalls-demo";
import { LARGE_EMAIL_DOMAIN } from "./data";

const DAY = 86_400_000;

export interface LargeAdvisoryResult {
  advisories: number;
  variants: number;
  kevEntries: number;
  matches: number;
  oemPositions: Record<string, number>;
  patchItems: number;
  patchRecords: Record<string, number>;
  pastDueNotices: number;
  recalls: number;
  timings: { importS: number; matchS: number; workS: number };
}

/* eslint-disable @typescript-eslint/no-explicit-any -- CSAF JSON is edited as parsed JSON; the CSAF schema and reader check the result. */

/**
 * The real advisories and `total - 22` variants, as upload files. A variant keeps its source's vulnerabilities (CVEs,
 * CVSS, remediations, so KEV flags carry over) and product ids, and renames the product tree to a catalog maker and
 * its models; its dates are spread over the three years before `now`, so OEM clocks run in every state.
 */
export function largeAdvisoryFiles(total: number, seed: number, now: Date): UploadedFile[] {
  const dir = path.join(DEMO_DATA_DIR, "csaf");
  const names = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort();
  const bases = names.map((name) => ({ name, text: fs.readFileSync(path.join(dir, name), "utf8") }));
  const files: UploadedFile[] = bases.map((b) => ({ name: b.name, bytes: new TextEncoder().encode(b.text) }));
  const rng = makeRng(seed, "large-advisories");
  // Makers whose models are classified: their devices have a RACI route, so variants feed the patch queue.
  const makers = DEMO_MANUFACTURERS.filter((m) => m.models.some((md) => md.className !== null));
  for (let k = 1; files.length < total; k++) {
    const base = bases[(k - 1) % bases.length]!;
    const doc = variantDoc(JSON.parse(base.text), k, rng, makers, now);
    files.push({ name: `variant-${String(k).padStart(3, "0")}-${base.name}`, bytes: new TextEncoder().encode(JSON.stringify(doc)) });
  }
  return files;
}

function variantDoc(doc: any, k: number, rng: Rng, makers: readonly DemoManufacturer[], now: Date): any {
  const baseId: string = doc.document.tracking.id;
  const maker = rng.pick(makers);
  // One or two of the maker's models: a variant reaches a few thousand of the 200,000 devices, as a real advisory does.
  const classified = maker.models.filter((m) => m.className !== null);
  const models = rng.sample(classified, rng.int(1, Math.min(2, classified.length)));
  const spellings = [maker.name, ...maker.aliases];
  let nextModel = 0;
  const named: string[] = [];
  const rename = (branches: any[] | undefined, vendor: string | null, model: DemoModel | null) => {
    for (const b of branches ?? []) {
      let v = vendor;
      let m = model;
      if (b.category === "vendor") {
        v = rng.pick(spellings);
        b.name = v;
      } else if (b.category === "product_name" || b.category === "product_family") {
        m = models[nextModel++ % models.length]!;
        b.name = m.name;
        if (!named.includes(m.name)) named.push(m.name);
      } else if ((b.category === "product_version" || b.category === "product_version_range") && m) {
        const versions = m.versions.filter((x) => x !== "");
        const shape = versions.length
          ? rng.weighted([
              ["exact", 40],
              ["range", 25],
              ["all", 15],
              ["text", 20],
            ] as const)
          : "all";
        const version = versions.length ? rng.pick(versions) : "";
        // The hard cases of issue #13: an exact version, a range, every version, and text no rule can read ("possible").
        b.category = shape === "range" || shape === "text" ? "product_version_range" : "product_version";
        b.name =
          shape === "exact"
            ? version
            : shape === "range"
              ? `<=${version}`
              : shape === "all"
                ? "vers:all/*"
                : "all versions before the manufacturer's next security update";
      }
      if (b.product) b.product.name = [v ?? maker.name, m?.name, b.category.startsWith("product_version") ? b.name : null].filter(Boolean).join(" ");
      rename(b.branches, v, m);
    }
  };
  rename(doc.product_tree?.branches, null, null);
  // Published between three years and a week before `now`; revisions a week apart.
  const published = now.getTime() - rng.int(7, 1095) * DAY;
  const history: any[] = doc.document.tracking.revision_history ?? [];
  history.forEach((r, i) => (r.date = new Date(published + i * 7 * DAY).toISOString()));
  const id = `${baseId}-V${String(k).padStart(3, "0")}`;
  doc.document.tracking.id = id;
  doc.document.tracking.initial_release_date = new Date(published).toISOString();
  doc.document.tracking.current_release_date = new Date(published + Math.max(0, history.length - 1) * 7 * DAY).toISOString();
  doc.document.title = `${maker.name} ${named.join(", ") || "products"} (seed:large variant of ${baseId})`;
  return doc;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/** Patch items that get recorded work (applied, not applicable, deferred); the rest of the queue stays open. */
const WORKED_ITEMS = 3_000;

const OEM_STATES = [
  ["unanswered", 25],
  ["validating", 15],
  ["patch_available", 35],
  ["not_affected", 8],
  ["mitigation_only", 10],
  ["unsupported", 7],
] as const;

/**
 * Imports, matches and works the advisories on a large database (organization, users and inventory in place).
 * `now` is the dataset's base date; `total` the number of advisories (22 real ones and variants).
 */
export function generateLargeAdvisories(
  db: Db,
  opts: { now: Date; seed: number; total?: number; patchItemBudget?: number; onProgress?: (message: string) => void },
): LargeAdvisoryResult {
  const { now, seed } = opts;
  const total = Math.max(22, opts.total ?? 144);
  const progress = opts.onProgress ?? (() => {});
  const today = now.toISOString().slice(0, 10);
  const actor = (email: string): Actor => {
    const id = db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, `${email}@${LARGE_EMAIL_DOMAIN}`))
      .get()?.id;
    const loaded = id === undefined ? null : loadActor(db, id);
    if (!loaded) throw new Error(`The large dataset has no ${email}@${LARGE_EMAIL_DOMAIN}: generate the organization first.`);
    const { active: _active, ...a } = loaded;
    return a;
  };
  const security = actor("security.lead");
  const ce = actor("ce.lead");
  const admin = actor("admin");
  const actors = new Map<number, Actor>();
  const actorById = (id: number | null | undefined): Actor | null => {
    if (id == null) return null;
    if (!actors.has(id)) {
      const a = loadActor(db, id);
      if (a) actors.set(id, a);
    }
    return actors.get(id) ?? null;
  };
  const rng = makeRng(seed, "large-advisory-work");
  let t = performance.now();
  const lap = () => {
    const s = (performance.now() - t) / 1000;
    t = performance.now();
    return s;
  };

  // 1. The files, read through the upload's own checks (CSAF 2.0 schema, reader), then stored with the KEV catalog.
  const files = largeAdvisoryFiles(total, seed, now);
  const read = readAdvisoryFiles(files);
  if (read.problems.length) throw new Error(`Large advisories do not read: ${read.problems.slice(0, 3).join(" ")}`);
  const kevName = "known_exploited_vulnerabilities.json";
  const kev = parseKevFile({ name: kevName, bytes: new Uint8Array(fs.readFileSync(path.join(DEMO_DATA_DIR, "kev", kevName))) });
  const importAt = new Date(now.getTime() - 2 * DAY);
  writeTx(db, (tx) => {
    writeAdvisories(
      tx,
      security,
      read.advisories,
      files.map((f) => f.name),
      importAt,
    );
    writeKev(tx, security, kev.catalogVersion, kev.entries, kevName, importAt);
  });
  const importS = lap();
  progress(
    `advisories: ${read.advisories.length} imported (${files.length - 22} variants) and ${kev.entries.length} KEV entries in ${importS.toFixed(1)} s; matching…`,
  );

  // 2. Matches: the service, as after an upload (one transaction per advisory).
  const counts = matchAdvisories(db, {}, importAt);
  const matches = counts.reduce((n, c) => n + c.matched, 0);
  const matchS = lap();
  progress(`advisories: ${matches.toLocaleString("en-US")} device matches in ${matchS.toFixed(1)} s; OEM answers and patch work…`);

  // 3. OEM answers in every state, on (advisory, model) pairs with affected devices; then work on the patch queue.
  const oem: Record<string, number> = Object.fromEntries(OEM_STATES.map(([s]) => [s, 0]));
  const records: Record<string, number> = { applied: 0, not_applicable: 0, deferred: 0 };
  let patchItems = 0;
  let pastDueNotices = 0;
  let recallCount = 0;
  const workStarted = performance.now();
  writeTx(db, (tx) => {
    const pairs = tx.all<{ advisoryId: number; trackingId: string; published: string; modelId: number; model: string; n: number }>(sql`
      select advisory_device_matches.advisory_id as advisoryId, a.tracking_id as trackingId, a.initial_release_date as published,
             advisory_device_matches.model_id as modelId, dm.name as model, count(*) as n
      from advisory_device_matches
      join advisories a on a.id = advisory_device_matches.advisory_id
      join device_models dm on dm.id = advisory_device_matches.model_id
      where ${isAffected()}
      group by 1, 2, 3, 4, 5
      order by a.tracking_id, dm.name`);
    // Every state at least once (at any scale), then by weight, over the pairs in random order. Validated patches stop
    // at a budget of patch items (a tenth of the devices): past it a pair's OEM is still validating. Each open item
    // past due gets its notice below, and the app's own loop would otherwise face hundreds of thousands on first start.
    const devices = tx.get<{ n: number }>(sql`select count(*) as n from devices where status <> 'retired'`)?.n ?? 0;
    let budget = opts.patchItemBudget ?? Math.max(200, Math.round(devices / 10));
    rng.shuffle(pairs).forEach((p, i) => {
      let state: (typeof OEM_STATES)[number][0] = i < OEM_STATES.length ? OEM_STATES[i]![0] : rng.weighted(OEM_STATES);
      if (state === "patch_available") {
        if (budget < p.n && i >= OEM_STATES.length) state = "validating";
        else budget -= p.n;
      }
      oem[state]!++;
      if (state === "unanswered") return;
      const publishedT = Math.min(Date.parse(p.published) || now.getTime() - 30 * DAY, now.getTime() - 3 * DAY);
      const answeredT = publishedT + rng.real(0.1, 0.9) * (now.getTime() - DAY - publishedT);
      const base = {
        advisoryId: p.advisoryId,
        modelId: p.modelId,
        trackingId: p.trackingId,
        modelName: p.model,
        bulletinRef: null,
        bulletinUrl: null,
        validatedVersion: null,
        validatedOn: null,
        installNotes: null,
        note: null,
      };
      if (state === "patch_available" && rng.chance(0.5)) {
        writeOemPosition(
          tx,
          ce,
          { ...base, position: "validating", note: "The manufacturer is validating a fix." },
          new Date(publishedT + (answeredT - publishedT) / 2),
        );
      }
      const validatedOn = new Date(answeredT).toISOString().slice(0, 10);
      const answer =
        state === "patch_available"
          ? {
              position: state,
              bulletinRef: `${p.trackingId} service bulletin`,
              validatedVersion: "OEM validated update",
              validatedOn,
              installNotes: "Schedule downtime with the unit; verify alarms after the update.",
            }
          : state === "validating"
            ? { position: state, note: "The manufacturer is validating a fix." }
            : state === "not_affected"
              ? { position: state, note: "The manufacturer says this configuration does not ship the affected component." }
              : state === "mitigation_only"
                ? { position: state, note: "No patch: segment the device and disable remote access." }
                : { position: state, bulletinRef: "End-of-support letter", note: "Past end of support; no patch will be offered." };
      writeOemPosition(tx, ce, { ...base, ...answer }, new Date(answeredT));
    });

    // The queue as the service derives it; work recorded by the Responsible party's lead (CE when no signed owner).
    const routes = computePatchRoutes(tx, admin);
    const policy = getPatchPolicy(tx);
    const items: PatchItem[] = selectQueue(tx, scopeWhere({})).map((r) => toPatchItem(r, routes, policy, today));
    patchItems = items.length;
    progress(`advisories: OEM answers recorded, ${items.length.toLocaleString("en-US")} patch items derived (${lap().toFixed(1)} s)`);
    // Work on a sample of the queue (each record is a device-history entry and an audit entry, as in the app): enough
    // for every status, party and figure, without turning the seed into hours of writes at 200,000 devices.
    const worked = rng.sample(items, Math.min(items.length, WORKED_ITEMS));
    let wo = 500_000;
    for (const item of worked) {
      const roll = rng.next();
      const lead = actorById(item.responsible?.[0]?.leadUserId) ?? ce;
      if (roll < 0.42) {
        const days = Math.max(0, Math.round((Date.parse(today) - Date.parse(item.validatedOn)) / DAY) - 1);
        const on = addDays(item.validatedOn, rng.int(0, days));
        const workOrder = `WO-${wo++}`;
        writePatchRecord(
          tx,
          lead,
          item,
          { outcome: "applied", appliedOn: on, workOrder, notes: null },
          { kind: "patch_applied", workOrder, note: `${item.trackingId}: OEM-validated patch (${item.validatedVersion}) applied on ${on}.` },
          "PATCH_APPLIED",
          new Date(Math.min(now.getTime(), Date.parse(on) + 12 * 3_600_000)),
        );
        records.applied!++;
      } else if (roll < 0.45) {
        const reason = "The device runs the OEM's locked clinical image without the affected network service.";
        writePatchRecord(
          tx,
          lead,
          item,
          { outcome: "not_applicable", reason },
          { kind: "note", note: `${item.trackingId}: patch marked not applicable. Reason: ${reason}` },
          "PATCH_MARKED_NOT_APPLICABLE",
          new Date(now.getTime() - DAY),
        );
        records.not_applicable!++;
      } else if (roll < 0.5) {
        // A deferral is accepted by the Accountable party's lead with a signature (issue #13 item 4).
        const accountable = actorById(item.accountable?.[0]?.leadUserId);
        if (!accountable) continue;
        const reason = "Spare units are out for service; patch after they return.";
        const deferUntil = addDays(today, rng.int(7, 45));
        const at = new Date(now.getTime() - DAY);
        const sig = writeSignature(
          tx,
          accountable,
          { ref: patchItemRef(item), content: deferralContent({ ...item, reason, deferUntil }), meaning: DEFERRAL_MEANING },
          at,
        );
        writePatchRecord(
          tx,
          accountable,
          item,
          { outcome: "deferred", reason, deferUntil, signatureId: sig.id },
          { kind: "note", note: `${item.trackingId}: patch deferred until ${deferUntil}, accepted by ${accountable.name} (Accountable). Reason: ${reason}` },
          "PATCH_DEFERRED",
          at,
        );
        records.deferred!++;
      }
    }
    progress(`advisories: work recorded on ${worked.length.toLocaleString("en-US")} items (${lap().toFixed(1)} s)`);
    pastDueNotices = notifyPastDuePatches(tx, now);
    progress(`advisories: ${pastDueNotices.toLocaleString("en-US")} past-due notices (${lap().toFixed(1)} s)`);

    // 4. Recalls: the openFDA examples, matched to the catalog by product code and maker (whatever they reach).
    const file = fs.readFileSync(path.join(DEMO_DATA_DIR, "openfda", DEMO_RECALL_FILE));
    const recalls = readRecallFiles([{ name: DEMO_RECALL_FILE, bytes: new Uint8Array(file) }]);
    if (recalls.problems.length) throw new Error(`Large recalls: ${recalls.problems.join(" ")}`);
    writeRecalls(tx, ce, recalls.records, DEMO_RECALL_FILE, importAt);
    recallCount = recalls.records.length;
  });
  const workS = (performance.now() - workStarted) / 1000;
  const positions = db.get<{ n: number }>(sql`select count(*) as n from ${oemPositions}`)?.n ?? 0;
  progress(
    `advisories: ${positions} OEM answers, ${patchItems.toLocaleString("en-US")} patch items (${records.applied} applied), ${pastDueNotices} past-due notices in ${workS.toFixed(1)} s`,
  );
  return {
    advisories: db.get<{ n: number }>(sql`select count(*) as n from ${advisories}`)?.n ?? 0,
    variants: files.length - 22,
    kevEntries: kev.entries.length,
    matches,
    oemPositions: oem,
    patchItems,
    patchRecords: records,
    pastDueNotices,
    recalls: recallCount,
    timings: { importS, matchS, workS },
  };
}
