import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { createDb } from "@/db/client";
import { sites } from "@/db/schema";
import { commitImport } from "@/lib/services/inventory/commit-import";
import { clock } from "@/lib/clock";
import { makeParty, makeUser, testDb } from "../test-db";

const HEADER = "Asset Tag,Serial Number,Manufacturer,Model,Site,Department,IP Address";
const rows = (n: number, dept: string) =>
  Array.from({ length: n }, (_, i) => `T${i},SN${i},Baxter,Sigma Spectrum,LMH,${dept},10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);

describe("all or nothing", () => {
  test("a kill -9 of the process during commit leaves the device table exactly as before", async () => {
    testDb(); // sets the test secrets for this process
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clearline-kill-"));
    try {
      const file = path.join(dir, "live.db");
      const { db, sqlite } = createDb(file);
      const at = clock.now().toISOString();
      db.insert(sites).values({ name: "Lakeside Main Hospital", code: "LMH", createdAt: at, updatedAt: at }).run();
      const ce = makeParty(db, "Clinical Engineering");
      const lead = await makeUser(db, { roles: ["lead"], partyId: ce, leads: ce });
      const base = new TextEncoder().encode([HEADER, ...rows(3000, "ICU")].join("\n"));
      await commitImport(db, lead, { fileName: "base.csv", bytes: base, source: "Maximo" });
      const snapshot = () => ({
        devices: db.all(sql`select * from devices order by id`),
        events: db.get<{ n: number }>(sql`select count(*) as n from device_events`)!.n,
        imports: db.get<{ n: number }>(sql`select count(*) as n from imports`)!.n,
        audit: db.get<{ n: number }>(sql`select count(*) as n from audit_log`)!.n,
      });
      const before = snapshot();
      expect(before.devices).toHaveLength(3000);
      sqlite.close();

      // Every device changes department and 5,000 are new: the child is killed after 2,000 writes.
      const csvPath = path.join(dir, "big.csv");
      fs.writeFileSync(csvPath, [HEADER, ...rows(8000, "PICU")].join("\n"));
      const child = spawn(
        process.execPath,
        [path.resolve("node_modules/tsx/dist/cli.mjs"), path.resolve("tests/services/inventory-kill-child.ts"), file, csvPath, String(lead.id)],
        { stdio: ["ignore", "pipe", "pipe"] },
      );
      let out = "";
      let err = "";
      child.stderr.on("data", (d) => (err += String(d)));
      const exit = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
      await new Promise<void>((resolve, reject) => {
        child.stdout.on("data", (d) => {
          out += String(d);
          if (out.includes("IN_COMMIT")) resolve();
        });
        child.on("exit", () => reject(new Error(`child exited before committing: ${out} ${err}`)));
      });
      child.kill("SIGKILL");
      expect(await exit).toBe("SIGKILL");
      expect(out).not.toContain("COMMITTED");
      // Killed on the path the server takes with a database file: the writes on a connection of their own.
      expect(out).toContain("IN_COMMIT server-connection-in-transaction=false");

      const reopened = createDb(file);
      const after = (() => {
        const d = reopened.db;
        return {
          devices: d.all(sql`select * from devices order by id`),
          events: d.get<{ n: number }>(sql`select count(*) as n from device_events`)!.n,
          imports: d.get<{ n: number }>(sql`select count(*) as n from imports`)!.n,
          audit: d.get<{ n: number }>(sql`select count(*) as n from audit_log`)!.n,
        };
      })();
      expect(after).toEqual(before);
      expect(reopened.sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
      reopened.sqlite.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
