import { createDb, type Db } from "@/db/client";
import { userRoles, users, parties } from "@/db/schema";
import type { Role } from "@/db/schema/enums";
import type { Actor } from "@/lib/auth/permissions";
import { hashPassword } from "@/lib/auth/password-hash";
import { setSecretsForTests } from "@/lib/server/config";
import { loadActor } from "@/lib/services/auth/load-actor";
import { eq } from "drizzle-orm";
import type Database from "better-sqlite3";
import { clock } from "@/lib/clock";
import BetterSqlite3 from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import * as schema from "@/db/schema";
import { seedDemoIfEmpty } from "@/db/seed/demo";

export const TEST_SECRETS = {
  authSecret: "test-auth-secret-0123456789abcdef0123456789abcdef",
  auditKey: "test-audit-key-0123456789abcdef0123456789abcdef",
  signatureKey: "test-signature-key-0123456789abcdef0123456789abcdef",
};

export const TEST_PASSWORD = "correct horse staple battery";
let hashed: Promise<string> | undefined;

/** A fresh in-memory database with all migrations applied and fixed test secrets. */
export function testDb(): { db: Db; sqlite: Database.Database } {
  setSecretsForTests(TEST_SECRETS);
  return createDb(":memory:");
}

const demoImages = new Map<string, Promise<Buffer>>();

/**
 * A fresh in-memory copy of the demo health system: the same as `testDb()` followed by `seedDemoIfEmpty(db, now)`,
 * but the seed (~1.5 s, more as the demo grows) runs once per test file and `now`, and each call deserializes that
 * image (~5 ms). Without `now`, the demo is seeded at the clock of the first call in the file.
 */
export async function demoDb(now?: Date): Promise<{ db: Db; sqlite: Database.Database }> {
  const key = now?.toISOString() ?? "first-call";
  let image = demoImages.get(key);
  if (!image) {
    image = (async () => {
      const t = testDb();
      await seedDemoIfEmpty(t.db, now ?? clock.now());
      const bytes = t.sqlite.serialize();
      t.sqlite.close();
      return bytes;
    })();
    demoImages.set(key, image);
  }
  setSecretsForTests(TEST_SECRETS);
  const sqlite = new BetterSqlite3(await image);
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  return { db: drizzle({ client: sqlite, schema }) as unknown as Db, sqlite };
}

/** Creates a user with the given roles (password TEST_PASSWORD) and returns its Actor. */
export async function makeUser(
  db: Db,
  opts: { email?: string; name?: string; roles: Role[]; partyId?: number | null; leads?: number; active?: boolean },
): Promise<Actor> {
  const at = clock.now().toISOString();
  const email = opts.email ?? `${opts.roles.join("-")}-${Math.random().toString(36).slice(2, 8)}@test.example`;
  const row = db
    .insert(users)
    .values({
      email,
      name: opts.name ?? email.split("@")[0]!,
      passwordHash: await (hashed ??= hashPassword(TEST_PASSWORD)),
      partyId: opts.partyId ?? null,
      active: opts.active ?? true,
      createdAt: at,
      updatedAt: at,
    })
    .returning()
    .get();
  for (const role of opts.roles) db.insert(userRoles).values({ userId: row.id, role }).run();
  if (opts.leads) db.update(parties).set({ leadUserId: row.id }).where(eq(parties.id, opts.leads)).run();
  const actor = loadActor(db, row.id)!;
  const { active: _a, ...rest } = actor;
  return rest;
}

export function makeParty(db: Db, name: string): number {
  const at = clock.now().toISOString();
  return db.insert(parties).values({ name, createdAt: at, updatedAt: at }).returning().get().id;
}
