// Decision 0043: the re-match after a CMMS import hands the event loop back between advisories. Whatever other people
// write in between (a device edit, another import, an advisory import), the matches at the end must be those of a full
// re-match from scratch: a full re-match run afterwards finds nothing to write.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, test } from "vitest";
import { createDb, sliceWriterOpen, type Db } from "@/db/client";
import { demoCmmsExportCsv } from "@/db/seed/inventory-demo";
import { DEMO_CMMS_SOURCE } from "@/db/seed/inventory-data";
import { clock } from "@/lib/clock";
import { toCsv } from "@/lib/rules/spreadsheet";
import { importAdvisories } from "@/lib/services/advisories/import-advisories";
import { matchAdvisories, matchAdvisoriesInSteps } from "@/lib/services/advisories/match-advisories";
import { loadActor } from "@/lib/services/auth/load-actor";
import { commitImport } from "@/lib/services/inventory/commit-import";
import type { ImportProgress } from "@/lib/services/inventory/plan-import";
import { updateDevice } from "@/lib/services/inventory/update-device";
import { demoDb } from "../test-db";

const CSAF_DIR = path.resolve(process.cwd(), "db/seed/data/csaf");

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** The demo's CMMS export with copies of one device under new asset tags (new devices for the import). */
function exportWithCopies(sourceTag: string, tags: string[]): Uint8Array {
  const rows = parse(demoCmmsExportCsv(clock.today())) as string[][];
  const col = (name: string) => rows[0]!.indexOf(name);
  const source = rows.find((r) => r[col("Equipment ID")] === sourceTag)!;
  for (const tag of tags) {
    const copy = [...source];
    copy[col("Equipment ID")] = tag;
    copy[col("CMMS ID")] = `CMMS-${tag}`;
    copy[col("Serial Number")] = `SN-${tag}`;
    rows.push(copy);
  }
  return new TextEncoder().encode(toCsv(rows));
}

/** Rows a full re-match of every advisory against every device writes: zero when the matches are already its own. */
const fullRematchWrites = (db: Db) => matchAdvisories(db).reduce((s, c) => s + c.written + c.removed + c.superseded, 0);

/** A device matched on its software version by an advisory that is not the first one re-matched. */
function versionMatchedDevice(db: Db) {
  const first = db.get<{ id: number }>(sql`select min(id) as id from advisories`)!.id;
  const hit = db.get<{ tag: string; advisory: number; trackingId: string }>(sql`
    select d.asset_tag as tag, m.advisory_id as advisory, a.tracking_id as trackingId
    from advisory_device_matches m join devices d on d.id = m.device_id join advisories a on a.id = m.advisory_id
    where m.confidence = 'version' and m.superseded_at is null and m.advisory_id > ${first}
    order by m.advisory_id desc, d.id limit 1`)!;
  expect(hit).toBeDefined();
  return hit;
}

const rowOf = (db: Db, tag: string, advisory: number) =>
  db.get<{ confidence: string; reason: string }>(sql`
    select m.confidence, m.reason from advisory_device_matches m join devices d on d.id = m.device_id
    where d.asset_tag = ${tag} and m.advisory_id = ${advisory} and m.superseded_at is null`);

describe("the re-match after an import yields between advisories and stays exact (decision 0043)", () => {
  test("a device edited, a second import and an advisory imported while it yields: the end state is a full re-match's", async () => {
    const { db } = await demoDb();
    const ce = loadActor(db, 3)!;
    const admin = loadActor(db, 1)!;
    const source = versionMatchedDevice(db);
    const file = fs.readdirSync(CSAF_DIR).find((f) => f.toLowerCase() === `${source.trackingId.toLowerCase()}.json`)!;
    expect(file).toBeDefined();
    const csaf = JSON.parse(fs.readFileSync(path.join(CSAF_DIR, file), "utf8")) as { document: { tracking: { id: string } } };
    csaf.document.tracking.id = "ICSMA-99-999-01";

    const reported: ImportProgress[] = [];
    const interleaved: string[] = [];
    let second: Promise<unknown> | null = null;
    const result = await commitImport(
      db,
      ce,
      { fileName: "copies.csv", bytes: exportWithCopies(source.tag, ["LMH-NEW-0001", "LMH-NEW-0003"]), source: DEMO_CMMS_SOURCE },
      {
        onProgress: (p) => {
          if (p.phase !== "rematch") return;
          reported.push(p);
          // Each runs as another request would: in the turn of the event loop the re-match hands back.
          if (p.done === 1)
            setImmediate(() => {
              const id = (tag: string) => db.get<{ id: number }>(sql`select id from devices where asset_tag = ${tag}`)!.id;
              // Retired: matched by no advisory. The later advisories must see it retired, not as imported.
              expect(updateDevice(db, ce, { id: id("LMH-NEW-0001"), part: "device", status: "retired" }).changed).toEqual(["status"]);
              // A new version: update-device re-matches the device against every advisory at once, so the later
              // advisories find rows for a device the import created (and must not insert a second one).
              expect(updateDevice(db, ce, { id: id("LMH-NEW-0003"), part: "device", softwareVersion: "0.0.1-test" }).changed).toEqual(["softwareVersion"]);
              interleaved.push("edit");
            });
          if (p.done === 2)
            setImmediate(() => {
              second = commitImport(db, ce, {
                fileName: "second.csv",
                bytes: exportWithCopies(source.tag, ["LMH-NEW-0002"]),
                source: DEMO_CMMS_SOURCE,
              });
              interleaved.push("import");
            });
          if (p.done === 3)
            setImmediate(() => {
              expect(importAdvisories(db, admin, [{ name: "new.json", bytes: new TextEncoder().encode(JSON.stringify(csaf)) }]).created).toBe(1);
              interleaved.push("advisory");
            });
        },
      },
    );
    await second;
    expect(result.counts).toMatchObject({ new: 2 });
    expect(interleaved).toEqual(["edit", "import", "advisory"]);
    // Every advisory reported, in order, as "N of M".
    const total = reported[0]!.total;
    expect(total).toBe(db.get<{ n: number }>(sql`select count(*) - 1 as n from advisories`)!.n);
    expect(reported.filter((p) => p.total === total).map((p) => p.done)).toEqual(Array.from({ length: total }, (_, i) => i + 1));

    // The retired device carries no match; the copy imported second has its source's.
    expect(rowOf(db, "LMH-NEW-0001", source.advisory)).toBeUndefined();
    expect(rowOf(db, "LMH-NEW-0003", source.advisory)).toBeDefined();
    expect(rowOf(db, "LMH-NEW-0002", source.advisory)).toEqual(rowOf(db, source.tag, source.advisory));
    expect(rowOf(db, "LMH-NEW-0002", db.get<{ id: number }>(sql`select id from advisories where tracking_id = 'ICSMA-99-999-01'`)!.id)).toBeDefined();
    expect(fullRematchWrites(db)).toBe(0);
  });

  test("driven step by step: an edit between two steps is seen by the next step's transaction, not the context loaded before it", async () => {
    const { db } = await demoDb();
    const ce = loadActor(db, 3)!;
    const source = versionMatchedDevice(db);
    const deviceId = db.get<{ id: number }>(sql`select id from devices where asset_tag = ${source.tag}`)!.id;
    const steps = matchAdvisoriesInSteps(db, { scope: { deviceIds: [deviceId] } });
    expect(steps.next().value).toMatchObject({ done: 1 });
    // Between steps (no transaction open) the device is retired; update-device re-matches it itself.
    updateDevice(db, ce, { id: deviceId, part: "device", status: "retired" });
    for (let r = steps.next(); !r.done; r = steps.next());
    expect(rowOf(db, source.tag, source.advisory)).toBeUndefined();
    expect(fullRematchWrites(db)).toBe(0);
  });

  test("an edit while the devices are read in steps, before the first transaction: that transaction reads them again", async () => {
    const { db } = await demoDb();
    const ce = loadActor(db, 3)!;
    const source = versionMatchedDevice(db);
    const deviceId = db.get<{ id: number }>(sql`select id from devices where asset_tag = ${source.tag}`)!.id;
    const all = db.all<{ id: number }>(sql`select id from devices order by id`).map((d) => d.id);
    expect(all.length).toBeGreaterThan(200);
    // 100 devices per read, the edited one in the first: the read of the context yields before the first advisory's
    // transaction, and that device's row has been read before the edit.
    const steps = matchAdvisoriesInSteps(db, { scope: { deviceIds: [deviceId, ...all.filter((id) => id !== deviceId)] }, readChunk: 100 });
    expect(steps.next().value).toEqual({ done: 0, total: expect.any(Number) });
    updateDevice(db, ce, { id: deviceId, part: "device", status: "retired" });
    for (let r = steps.next(); !r.done; r = steps.next());
    expect(rowOf(db, source.tag, source.advisory)).toBeUndefined();
    expect(fullRematchWrites(db)).toBe(0);
  });

  test("on a database file: between advisories no import transaction is open, a write is saved at once and reads see the new devices", async () => {
    const demo = await demoDb();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clearline-rematch-"));
    dirs.push(dir);
    const file = path.join(dir, "live.db");
    fs.writeFileSync(file, demo.sqlite.serialize());
    demo.sqlite.close();
    const { db, sqlite } = createDb(file);
    try {
      const ce = loadActor(db, 3)!;
      const source = versionMatchedDevice(db);
      const seen: { writerOpen: boolean; saved: string[]; newDevice: boolean }[] = [];
      const result = await commitImport(
        db,
        ce,
        { fileName: "copies.csv", bytes: exportWithCopies(source.tag, ["LMH-NEW-0001"]), source: DEMO_CMMS_SOURCE },
        {
          onProgress: (p) => {
            if (p.phase !== "rematch" || p.done !== 2) return;
            setImmediate(() => {
              const id = db.get<{ id: number }>(sql`select id from devices where asset_tag = ${source.tag}`)!.id;
              seen.push({
                writerOpen: sliceWriterOpen(db),
                saved: updateDevice(db, ce, { id, part: "device", location: "Re-match corridor" }).changed,
                newDevice: db.get(sql`select 1 from devices where asset_tag = 'LMH-NEW-0001'`) !== undefined,
              });
            });
          },
        },
      );
      expect(result.counts).toMatchObject({ new: 1 });
      expect(seen).toEqual([{ writerOpen: false, saved: ["location"], newDevice: true }]);
      expect(db.get<{ location: string }>(sql`select location from devices where asset_tag = ${source.tag}`)!.location).toBe("Re-match corridor");
      expect(rowOf(db, "LMH-NEW-0001", source.advisory)).toEqual(rowOf(db, source.tag, source.advisory));
      expect(fullRematchWrites(db)).toBe(0);
    } finally {
      sqlite.close();
    }
  });
});
