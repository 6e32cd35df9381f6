import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import type { Tx } from "../client";
import { deviceEvents, deviceModels, devices, manufacturerAliases, manufacturers, recallModelMatches } from "../schema";
import type { Actor } from "@/lib/auth/permissions";
import { normaliseManufacturerName, normaliseModelName } from "@/lib/rules/manufacturer";
import { appendAudit } from "@/lib/services/audit/append-audit";
import { readRecallFiles } from "@/lib/services/recalls/read-recall-files";
import { writeRecalls } from "@/lib/services/recalls/import-recalls";
import { writeRecallAction } from "@/lib/services/recalls/record-recall-action";

export const DEMO_RECALL_FILE = "device-recall-examples.json";

/**
 * The demo's recalls: the real openFDA examples (db/seed/data/openfda/). Z-0053-2020 (Arrow International, product
 * code FOZ, central venous catheter kit REF AK-25502) needs the maker and its kits in the inventory, which the CMMS
 * demo does not carry, so they are added here, unclassified (a kit has no device class with a RACI yet: its items
 * show "no signed owner"). The recall is matched to the AK-25502 kit (code, maker and model number agree) and offered
 * for confirmation on Arrow's other FOZ kit; one device's action is recorded, the others stay outstanding.
 * Z-0359-2013 (NKB, no firm or description) matches nothing.
 */
export function seedRecallsDemo(tx: Tx, ctx: { ceLead: Actor; siteIds: Map<string, number>; now: Date }): void {
  const at = new Date(ctx.now.getTime() - 5 * 86_400_000);
  const iso = at.toISOString();
  const maker = tx.insert(manufacturers).values({ name: "Arrow International", createdAt: iso, updatedAt: iso }).returning({ id: manufacturers.id }).get().id;
  for (const alias of ["Arrow International", "Arrow International Inc", "Teleflex"]) {
    tx.insert(manufacturerAliases)
      .values({ manufacturerId: maker, alias, aliasKey: normaliseManufacturerName(alias), createdAt: iso })
      .run();
  }
  const model = (name: string, modelNumber: string) =>
    tx
      .insert(deviceModels)
      .values({ manufacturerId: maker, name, nameKey: normaliseModelName(name), modelNumber, fdaProductCode: "FOZ", createdAt: iso, updatedAt: iso })
      .returning({ id: deviceModels.id })
      .get().id;
  const cvc = model("Pediatric Two-Lumen CVC Kit", "AK-25502");
  const arterial = model("Arterial Catheterization Kit", "RA-04020");
  const placed: { tag: string; site: string; modelId: number; location: string }[] = [
    { tag: "LMH-ARW-001", site: "LMH", modelId: cvc, location: "PICU supply" },
    { tag: "LMH-ARW-002", site: "LMH", modelId: cvc, location: "NICU supply" },
    { tag: "NCH-ARW-001", site: "NCH", modelId: cvc, location: "Pediatrics supply" },
    { tag: "LMH-ARW-101", site: "LMH", modelId: arterial, location: "ICU supply" },
  ];
  const ids = new Map<string, number>();
  for (const p of placed) {
    const row = tx
      .insert(devices)
      .values({
        assetTag: p.tag,
        serialNumber: `LOT-13F18-${p.tag.slice(-3)}-${p.site}`,
        manufacturerId: maker,
        modelId: p.modelId,
        description: "Catheterization kit (par stock)",
        siteId: ctx.siteIds.get(p.site)!,
        location: p.location,
        createdAt: iso,
        updatedAt: iso,
      })
      .returning({ id: devices.id })
      .get();
    ids.set(p.tag, row.id);
    tx.insert(deviceEvents)
      .values({
        deviceId: row.id,
        at: iso,
        actorId: ctx.ceLead.id,
        actorLabel: `${ctx.ceLead.name} <${ctx.ceLead.email}>`,
        kind: "created",
        note: "Added for the recall demo",
      })
      .run();
  }
  appendAudit(tx, {
    actor: ctx.ceLead,
    action: "INVENTORY_DEMO_KITS_ADDED",
    entityType: "manufacturer",
    entityId: maker,
    newValues: { manufacturer: "Arrow International", devices: placed.map((p) => p.tag), demo: true },
    at,
  });

  const file = fs.readFileSync(path.join(process.cwd(), "db", "seed", "data", "openfda", DEMO_RECALL_FILE));
  const { records, problems } = readRecallFiles([{ name: DEMO_RECALL_FILE, bytes: new Uint8Array(file) }]);
  if (problems.length) throw new Error(`Demo recalls: ${problems.join(" ")}`);
  writeRecalls(tx, ctx.ceLead, records, DEMO_RECALL_FILE, at);

  const arrowRecall = tx.select().from(recallModelMatches).where(eq(recallModelMatches.modelId, cvc)).get()!;
  writeRecallAction(
    tx,
    ctx.ceLead,
    {
      recallId: arrowRecall.recallId,
      deviceId: ids.get("LMH-ARW-002")!,
      state: "done",
      workOrder: "WO-58213",
      actionOn: iso.slice(0, 10),
      notes: "Notice placed with each kit in NICU stock; acknowledgement form faxed to Arrow.",
    },
    new Date(at.getTime() + 86_400_000),
  );
}
