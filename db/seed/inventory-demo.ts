import crypto from "node:crypto";
import { deviceEvents, deviceModels, devices, importProfiles, imports, manufacturerAliases, manufacturers } from "../schema";
import type { DeviceStatus } from "../schema/inventory";
import type { Tx } from "../client";
import type { Actor } from "@/lib/auth/permissions";
import { toCsv } from "@/lib/rules/spreadsheet";
import { canonicalJson } from "@/lib/rules/canonical";
import { makeRng } from "./prng";
import { deviceModelRow, manufacturerAliasRows, manufacturerRow } from "./rows";
import { appendAudit } from "@/lib/services/audit/append-audit";
import { DEMO_CMMS_FILE, DEMO_CMMS_SOURCE, DEMO_DEPARTMENTS, DEMO_DEVICE_COUNT, DEMO_MANUFACTURERS } from "./inventory-data";

export interface DemoDevice {
  id: number;
  assetTag: string;
  cmmsId: string;
  serialNumber: string | null;
  makerIndex: number;
  modelIndex: number;
  /** The maker's spelling in the CMMS export (sometimes an alias, as real CMMS data has). */
  makerSpelling: string;
  siteCode: string;
  location: string | null;
  status: DeviceStatus;
  connected: boolean;
  hostname: string | null;
  ipAddress: string | null;
  macAddress: string | null;
  osName: string | null;
  osVersion: string | null;
  softwareVersion: string | null;
  storesPhi: boolean;
  lastInventoriedOn: string | null;
  lastSeenOn: string | null;
  description: string;
  /** An earlier software version, for a "changed" entry in the device's history. */
  upgradedFrom: string | null;
}

const SITE_WEIGHTS = [
  ["LMH", 50],
  ["NCH", 37],
  ["EOC", 13],
] as const;
const BIG_SITES_ONLY = new Set(["CT scanners", "MRI scanners", "PACS servers", "Imaging modalities", "Central monitoring stations", "Chemistry analyzers"]);
const SITE_OCTET: Record<string, number> = { LMH: 10, NCH: 20, EOC: 30 };
const pad = (n: number, w: number) => String(n).padStart(w, "0");
const dayOffset = (today: string, days: number) => new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The demo inventory of Lakeside Regional Health: about 1,200 devices over its three sites, deterministic for a given
 * `today`. Some are connected with generated network facts (no public CMMS export has them), some unsupported, and a
 * few gaps for the accuracy panel: duplicates, missing locations, connected devices without an address, devices not
 * inventoried for over a year, unclassified models and models with unknown support dates.
 */
export function buildDemoInventory(today: string): DemoDevice[] {
  const rng = makeRng(2026, "inventory-demo");
  const models = DEMO_MANUFACTURERS.flatMap((m, makerIndex) => m.models.map((model, modelIndex) => ({ makerIndex, modelIndex, model, maker: m })));
  const totalWeight = models.reduce((n, m) => n + m.model.weight, 0);
  const out: DemoDevice[] = [];
  const counters = new Map<string, number>();
  for (const entry of models) {
    const n = Math.max(1, Math.round((entry.model.weight / totalWeight) * (DEMO_DEVICE_COUNT - 3)));
    for (let i = 0; i < n; i++) {
      const site = BIG_SITES_ONLY.has(entry.model.className ?? "") ? rng.pick(["LMH", "LMH", "NCH"]) : rng.weighted(SITE_WEIGHTS);
      const seq = (counters.get(site) ?? 10000) + 1;
      counters.set(site, seq);
      const id = out.length + 1;
      const connected = rng.chance(entry.model.connected);
      const dept = rng.pick(DEMO_DEPARTMENTS[entry.model.className ?? ""] ?? DEMO_DEPARTMENTS[""]!);
      const hostBase =
        `${site}-${dept.replace(/[^A-Za-z0-9]+/g, "").slice(0, 6)}-${entry.model.name.replace(/[^A-Za-z0-9]+/g, "").slice(0, 8)}-${pad(seq % 1000, 3)}`.toLowerCase();
      const version = rng.pick(entry.model.versions) || null;
      const statusRoll = rng.next();
      const status: DeviceStatus = statusRoll < 0.008 ? "retired" : statusRoll < 0.035 ? "in_storage" : statusRoll < 0.05 ? "out_for_repair" : "in_service";
      out.push({
        id,
        assetTag: `${site}-${seq}`,
        cmmsId: `EQ${pad(400000 + id * 7, 6)}`,
        serialNumber: `${entry.maker.name.replace(/[^A-Z]/g, "").slice(0, 2) || "SN"}${pad(rng.int(100000, 999999), 6)}${String.fromCharCode(65 + rng.int(0, 25))}`,
        makerIndex: entry.makerIndex,
        modelIndex: entry.modelIndex,
        makerSpelling: rng.chance(0.15) && entry.maker.aliases.length > 0 ? rng.pick(entry.maker.aliases) : entry.maker.name,
        siteCode: site,
        location: `${dept} ${rng.int(1, 4)}-${pad(rng.int(1, 40), 2)}`,
        status,
        connected,
        hostname: connected ? hostBase : null,
        ipAddress: connected ? `10.${SITE_OCTET[site]}.${rng.int(10, 90)}.${rng.int(2, 250)}` : null,
        macAddress: connected
          ? Array.from({ length: 6 }, (_, k) => (k === 0 ? 0 : rng.int(0, 255)).toString(16).toUpperCase().padStart(2, "0")).join(":")
          : null,
        osName: connected && entry.model.os ? entry.model.os[0] : null,
        osVersion: connected && entry.model.os ? entry.model.os[1] : null,
        softwareVersion: version,
        storesPhi: (entry.model.className ?? "").match(/monitor|PACS|CT|MRI|radiography|Ultrasound|analyzer|Central/i) !== null && connected,
        lastInventoriedOn: dayOffset(today, -rng.int(5, 330)),
        lastSeenOn: connected ? dayOffset(today, -rng.int(0, 20)) : null,
        description: entry.model.description,
        upgradedFrom: null,
      });
    }
  }
  // Gaps for the accuracy panel (deterministic positions).
  const pickIds = (label: string, k: number, pred: (d: DemoDevice) => boolean) => makeRng(2026, label).sample(out.filter(pred), k);
  for (const d of pickIds("no-location", 24, (x) => x.status !== "retired")) d.location = null;
  for (const d of pickIds("no-address", 14, (x) => x.connected)) {
    d.ipAddress = null;
    d.macAddress = null;
  }
  for (const d of pickIds("stale", 45, (x) => x.status === "in_service")) d.lastInventoriedOn = dayOffset(today, -makeRng(2026, `stale-${d.id}`).int(400, 900));
  for (const d of pickIds("never", 8, (x) => x.status === "in_storage" || x.status === "in_service")) d.lastInventoriedOn = null;
  for (const d of pickIds("upgraded", 40, (x) => x.softwareVersion !== null && DEMO_MANUFACTURERS[x.makerIndex]!.models[x.modelIndex]!.versions.length > 1)) {
    const versions = DEMO_MANUFACTURERS[d.makerIndex]!.models[d.modelIndex]!.versions;
    d.upgradedFrom = versions[0]!;
    d.softwareVersion = versions[versions.length - 1]!;
  }
  // Probable duplicates: the same device entered twice under two asset tags.
  for (const src of pickIds("duplicates", 3, (x) => x.status === "in_service" && x.serialNumber !== null)) {
    const id = out.length + 1;
    const seq = (counters.get(src.siteCode) ?? 10000) + 1;
    counters.set(src.siteCode, seq);
    out.push({
      ...src,
      id,
      assetTag: `${src.siteCode}-${seq}`,
      cmmsId: `EQ${pad(400000 + id * 7, 6)}`,
      hostname: null,
      ipAddress: null,
      macAddress: null,
      connected: false,
      upgradedFrom: null,
    });
  }
  return out;
}

export const DEMO_EXPORT_HEADER = [
  "Equipment ID",
  "CMMS ID",
  "Serial Number",
  "Manufacturer",
  "Model",
  "Equipment Type",
  "Facility",
  "Department",
  "Status",
  "Networked",
  "IP Address",
  "MAC Address",
  "Hostname",
  "OS",
  "OS Version",
  "Software Version",
  "Stores PHI",
  "Last Inventory Date",
  "Last Seen",
] as const;

const STATUS_WORDS: Record<DeviceStatus, string> = { in_service: "In service", in_storage: "In storage", out_for_repair: "Out for repair", retired: "Retired" };

/** The sample CMMS export that ships with the app: the demo inventory as a CMMS would export it. Importing it into the demo changes nothing. */
export function demoCmmsExportCsv(today: string): string {
  const rows = buildDemoInventory(today).map((d) => {
    const model = DEMO_MANUFACTURERS[d.makerIndex]!.models[d.modelIndex]!;
    return [
      d.assetTag,
      d.cmmsId,
      d.serialNumber,
      d.makerSpelling,
      model.name,
      d.description,
      d.siteCode,
      d.location,
      STATUS_WORDS[d.status],
      d.connected ? "Yes" : "No",
      d.ipAddress,
      d.macAddress,
      d.hostname,
      d.osName,
      d.osVersion,
      d.softwareVersion,
      d.storesPhi ? "Yes" : "No",
      d.lastInventoriedOn,
      d.lastSeenOn,
    ];
  });
  return toCsv([[...DEMO_EXPORT_HEADER], ...rows]);
}

/** How long before the seed the demo's import is dated: the sample export finds the seed's day from it. */
export const DEMO_IMPORT_DAYS_BEFORE_SEED = 10;

/** Inserts the demo inventory as if imported from the Lakeside CMMS ten days ago by the Clinical Engineering lead. */
export function seedInventoryDemo(tx: Tx, ctx: { classIds: Map<string, number>; siteIds: Map<string, number>; importer: Actor; now: Date }): void {
  const today = ctx.now.toISOString().slice(0, 10);
  const at = ctx.now.toISOString();
  const importAt = new Date(ctx.now.getTime() - DEMO_IMPORT_DAYS_BEFORE_SEED * 86_400_000).toISOString();

  const makerIds: number[] = [];
  const modelIds: number[][] = [];
  for (const m of DEMO_MANUFACTURERS) {
    const row = tx.insert(manufacturers).values(manufacturerRow(m.name, importAt)).returning({ id: manufacturers.id }).get();
    makerIds.push(row.id);
    tx.insert(manufacturerAliases)
      .values(manufacturerAliasRows(row.id, [m.name, ...m.aliases], importAt))
      .run();
    modelIds.push(
      m.models.map(
        (model) =>
          tx
            .insert(deviceModels)
            .values(deviceModelRow(model, row.id, model.className ? ctx.classIds.get(model.className)! : null, today, importAt))
            .returning({ id: deviceModels.id })
            .get().id,
      ),
    );
  }
  appendAudit(tx, {
    actor: null,
    action: "INVENTORY_CATALOG_SEEDED",
    entityType: "manufacturer",
    entityId: "demo",
    newValues: { manufacturers: DEMO_MANUFACTURERS.length, models: modelIds.flat().length, demo: true },
    at: new Date(importAt),
  });

  const mapping = Object.fromEntries(
    (
      [
        ["Equipment ID", "assetTag"],
        ["CMMS ID", "cmmsId"],
        ["Serial Number", "serialNumber"],
        ["Manufacturer", "manufacturer"],
        ["Model", "model"],
        ["Equipment Type", "description"],
        ["Facility", "site"],
        ["Department", "location"],
        ["Status", "status"],
        ["Networked", "connected"],
        ["IP Address", "ipAddress"],
        ["MAC Address", "macAddress"],
        ["Hostname", "hostname"],
        ["OS", "osName"],
        ["OS Version", "osVersion"],
        ["Software Version", "softwareVersion"],
        ["Stores PHI", "storesPhi"],
        ["Last Inventory Date", "lastInventoriedOn"],
        ["Last Seen", "lastSeenOn"],
      ] as const
    ).map(([h, f]) => [h, f]),
  );
  const profile = tx
    .insert(importProfiles)
    .values({
      source: DEMO_CMMS_SOURCE,
      name: "Lakeside CMMS equipment export",
      mapping: canonicalJson(mapping),
      createdBy: ctx.importer.id,
      createdAt: importAt,
      updatedAt: importAt,
    })
    .returning({ id: importProfiles.id })
    .get();

  const list = buildDemoInventory(today);
  const csv = demoCmmsExportCsv(today);
  const importRow = tx
    .insert(imports)
    .values({
      at: importAt,
      actorId: ctx.importer.id,
      actorLabel: `${ctx.importer.name} <${ctx.importer.email}>`,
      fileName: DEMO_CMMS_FILE,
      sha256: crypto.createHash("sha256").update(csv).digest("hex"),
      sizeBytes: Buffer.byteLength(csv),
      source: DEMO_CMMS_SOURCE,
      profileId: profile.id,
      mapping: canonicalJson(mapping),
      fullExport: true,
      rowsTotal: list.length,
      createdCount: list.length,
      changedCount: 0,
      unchangedCount: 0,
      retiredCount: 0,
      errorCount: 0,
      changes: JSON.stringify(list.slice(0, 1000).map((d) => ({ assetTag: d.assetTag, kind: "new", fields: {} }))),
    })
    .returning({ id: imports.id })
    .get();

  const rows = list.map((d) => ({
    id: d.id,
    assetTag: d.assetTag,
    serialNumber: d.serialNumber,
    manufacturerId: makerIds[d.makerIndex]!,
    modelId: modelIds[d.makerIndex]![d.modelIndex]!,
    description: d.description,
    siteId: ctx.siteIds.get(d.siteCode)!,
    location: d.location,
    status: d.status,
    connected: d.connected,
    hostname: d.hostname,
    ipAddress: d.ipAddress,
    macAddress: d.macAddress,
    osName: d.osName,
    osVersion: d.osVersion,
    softwareVersion: d.softwareVersion,
    storesPhi: d.storesPhi,
    cmmsSource: DEMO_CMMS_SOURCE,
    cmmsId: d.cmmsId,
    lastInventoriedOn: d.lastInventoriedOn,
    lastSeenOn: d.lastSeenOn,
    createdAt: importAt,
    updatedAt: d.upgradedFrom ? at : importAt,
  }));
  for (let i = 0; i < rows.length; i += 400)
    tx.insert(devices)
      .values(rows.slice(i, i + 400))
      .run();
  const label = `${ctx.importer.name} <${ctx.importer.email}>`;
  const events = list.map((d) => ({
    deviceId: d.id,
    at: importAt,
    actorId: ctx.importer.id,
    actorLabel: label,
    kind: "imported" as const,
    changes: JSON.stringify({ assetTag: { old: null, new: d.assetTag }, softwareVersion: { old: null, new: d.upgradedFrom ?? d.softwareVersion } }),
    importId: importRow.id,
  }));
  const upgrades = list
    .filter((d) => d.upgradedFrom)
    .map((d, i) => ({
      deviceId: d.id,
      at: new Date(ctx.now.getTime() - (2 + (i % 6)) * 86_400_000).toISOString(),
      actorId: ctx.importer.id,
      actorLabel: label,
      kind: "changed" as const,
      changes: JSON.stringify({ softwareVersion: { old: d.upgradedFrom, new: d.softwareVersion } }),
      workOrder: `WO-${pad(24100 + i, 6)}`,
      note: "OEM-validated software update installed and verified before return to clinical use.",
    }));
  for (const batch of [events, upgrades])
    for (let i = 0; i < batch.length; i += 400)
      tx.insert(deviceEvents)
        .values(batch.slice(i, i + 400))
        .run();
  appendAudit(tx, {
    actor: ctx.importer,
    action: "INVENTORY_IMPORTED",
    entityType: "import",
    entityId: importRow.id,
    newValues: {
      fileName: DEMO_CMMS_FILE,
      source: DEMO_CMMS_SOURCE,
      counts: { rows: list.length, new: list.length, changed: 0, unchanged: 0, missing: 0, errors: 0 },
      demo: true,
    },
    at: new Date(importAt),
  });
}
