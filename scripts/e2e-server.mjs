// Starts the production server for the browser tests on a fresh database of its own.
import fs from "node:fs";
import path from "node:path";

const db = process.env.DATABASE_PATH;
if (!db || !db.includes(".e2e")) throw new Error("e2e-server: DATABASE_PATH must point into .e2e/");
fs.rmSync(path.dirname(db), { recursive: true, force: true });
await import("./start.mjs");
