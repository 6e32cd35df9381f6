import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import type { Tx } from "../client";
import { advisories, deviceModels } from "../schema";
import { writeOemPosition } from "@/lib/services/advisories/record-oem-position";
import type { RecordOemPositionInput } from "@/lib/validation/advisories";
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

/**
 * The OEMs' answers in the demo, one per state (issue #13 item 8), on (advisory, model) pairs the matcher found.
 * Pairs left out stay "not yet answered"; the demo advisories are years old, so those and "validating" are OEM
 * overdue under the FDA clocks. Recorded by the Clinical Engineering lead a few days before "now".
 */
export const DEMO_OEM_POSITIONS: { trackingId: string; model: string; history: Omit<RecordOemPositionInput, "advisoryId" | "modelId">[] }[] = [
  {
    trackingId: "ICSMA-23-194-01",
    model: "Alaris 8015 PC Unit",
    history: [
      {
        position: "validating",
        bulletinRef: null,
        bulletinUrl: null,
        validatedVersion: null,
        validatedOn: null,
        installNotes: null,
        note: "BD confirmed by phone that v12.3 is in validation.",
      },
      {
        position: "patch_available",
        bulletinRef: "BD Alaris System v12.3 product security bulletin",
        bulletinUrl: "https://www.bd.com/en-us/about-bd/cybersecurity/bulletin/bd-alaris-system-with-guardrails-suite-mx",
        validatedVersion: "12.3.0",
        validatedOn: "@-40",
        installNotes: "Install through Systems Manager during a planned unit downtime; verify with the PCU self-test.",
        note: null,
      },
    ],
  },
  {
    trackingId: "ICSMA-24-151-02",
    model: "Welch Allyn Connex Spot Monitor",
    history: [
      {
        position: "patch_available",
        bulletinRef: "Baxter security bulletin CSM 1.60",
        bulletinUrl: null,
        validatedVersion: "1.60",
        validatedOn: "@-20",
        installNotes: "Update with the Welch Allyn Service Tool.",
        note: null,
      },
    ],
  },
  {
    trackingId: "ICSMA-20-254-01",
    model: "IntelliVue MX800",
    history: [
      {
        position: "validating",
        bulletinRef: null,
        bulletinUrl: null,
        validatedVersion: null,
        validatedOn: null,
        installNotes: null,
        note: "Philips is validating a software update for release N.",
      },
    ],
  },
  {
    trackingId: "ICSMA-19-022-01",
    model: "Infinity Delta",
    history: [
      {
        position: "unsupported",
        bulletinRef: "Dräger end-of-support letter",
        bulletinUrl: null,
        validatedVersion: null,
        validatedOn: null,
        installNotes: null,
        note: "Infinity Delta is past its end of support; Dräger offers no patch.",
      },
    ],
  },
  {
    trackingId: "ICSMA-19-190-01",
    model: "Aestiva 7100",
    history: [
      {
        position: "mitigation_only",
        bulletinRef: "GE Healthcare product security notice",
        bulletinUrl: null,
        validatedVersion: null,
        validatedOn: null,
        installNotes: null,
        note: "No patch: keep the serial terminal server off the network.",
      },
    ],
  },
  {
    trackingId: "ICSMA-21-007-01",
    model: "VC150 Vital Signs Monitor",
    history: [
      {
        position: "not_affected",
        bulletinRef: null,
        bulletinUrl: null,
        validatedVersion: null,
        validatedOn: null,
        installNotes: null,
        note: "Innokas says the US configuration ships without the HL7 module.",
      },
    ],
  },
];

export function seedOemPositionsDemo(tx: Tx, recorder: { id: number; name: string; email: string }, now: Date): void {
  const day = (offset: number) => new Date(now.getTime() + offset * 86_400_000);
  DEMO_OEM_POSITIONS.forEach(({ trackingId, model, history }) => {
    const advisory = tx.select({ id: advisories.id }).from(advisories).where(eq(advisories.trackingId, trackingId)).get();
    const m = tx.select({ id: deviceModels.id }).from(deviceModels).where(eq(deviceModels.name, model)).get();
    if (!advisory || !m) throw new Error(`Demo OEM position: ${trackingId} or ${model} is missing.`);
    history.forEach((h, i) => {
      const at = day(-(history.length - i) * 7);
      const validatedOn = h.validatedOn?.startsWith("@")
        ? day(Number(h.validatedOn.slice(1)))
            .toISOString()
            .slice(0, 10)
        : h.validatedOn;
      writeOemPosition(tx, recorder, { ...h, validatedOn, advisoryId: advisory.id, modelId: m.id, trackingId, modelName: model }, at);
    });
  });
}
