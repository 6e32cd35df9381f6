import fs from "node:fs";
import path from "node:path";
import type { Tx } from "../client";
import { readAdvisoryFiles } from "@/lib/services/advisories/read-advisory-files";
import { writeAdvisories } from "@/lib/services/advisories/import-advisories";
import { parseKevFile, writeKev } from "@/lib/services/advisories/import-kev";

export const DEMO_DATA_DIR = path.join(process.cwd(), "db", "seed", "data");

/**
 * The 22 CISA medical advisories and the KEV catalog, imported by the security lead through the same checks as an
 * upload (schema, reader), so the demo cannot hold what an import would refuse.
 */
export function seedAdvisoriesDemo(tx: Tx, importer: { id: number; name: string; email: string }, now: Date): void {
  const { read, fileNames, kev, kevName } = (demoFiles ??= readDemoFiles());
  writeAdvisories(tx, importer, read.advisories, fileNames, now);
  writeKev(tx, importer, kev.catalogVersion, kev.entries, kevName, now);
}

/** Read and checked once per process: the files ship with the app and do not change while it runs. */
let demoFiles: ReturnType<typeof readDemoFiles> | undefined;

function readDemoFiles() {
  const dir = path.join(DEMO_DATA_DIR, "csaf");
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((name) => ({ name, bytes: new Uint8Array(fs.readFileSync(path.join(dir, name))) }));
  const read = readAdvisoryFiles(files);
  if (read.problems.length) throw new Error(`Demo advisories do not read: ${read.problems.join(" ")}`);
  const kevName = "known_exploited_vulnerabilities.json";
  const kev = parseKevFile({ name: kevName, bytes: new Uint8Array(fs.readFileSync(path.join(DEMO_DATA_DIR, "kev", kevName))) });
  return { read, fileNames: files.map((f) => f.name), kev, kevName };
}
