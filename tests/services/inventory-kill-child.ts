/**
 * Child process of inventory-crash.test.ts: starts a large import commit on a file database and, once it is writing
 * inside the transaction, says so and blocks, so the parent can kill -9 it in the middle of the commit.
 */
import fs from "node:fs";
import { createDb } from "@/db/client";
import { setSecretsForTests } from "@/lib/server/config";
import { loadActor } from "@/lib/services/auth/load-actor";
import { commitImport } from "@/lib/services/inventory/commit-import";
import { TEST_SECRETS } from "../test-db";

const [file, csvPath, actorId] = process.argv.slice(2);
setSecretsForTests(TEST_SECRETS);
const { db, sqlite } = createDb(file!);
const { active: _a, ...actor } = loadActor(db, Number(actorId))!;
const bytes = new Uint8Array(fs.readFileSync(csvPath!));
void commitImport(
  db,
  actor,
  { fileName: "big.csv", bytes, source: "Maximo", fullExport: true },
  {
    onWrite: (n) => {
      if (n === 2000) {
        // The transaction is on the import's own connection (decision 0041): the server's connection is in none.
        process.stdout.write(`IN_COMMIT server-connection-in-transaction=${sqlite.inTransaction}\n`);
        // Hold the transaction open until the parent's SIGKILL arrives.
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
      }
    },
  },
).then(() => process.stdout.write("COMMITTED\n"));
