import { writeTx, type Db } from "@/db/client";
import { sites } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import type { CreateSiteInput } from "@/lib/validation/admin";
import { appendAudit } from "../audit/append-audit";
import { uniquely } from "../db-errors";
import { clock } from "@/lib/clock";

/** Adds a site (hospital, clinic, campus). Admin only. */
export function createSite(db: Db, actor: Actor, input: CreateSiteInput, now = clock.now()) {
  assertCan(actor, "site.manage");
  const at = now.toISOString();
  return uniquely(
    () =>
      writeTx(db, (tx) => {
        const row = tx
          .insert(sites)
          .values({ ...input, code: input.code.toUpperCase(), createdAt: at, updatedAt: at })
          .returning()
          .get();
        appendAudit(tx, { actor, action: "SITE_CREATED", entityType: "site", entityId: row.id, newValues: input, at: now });
        return row;
      }),
    "A site with this name or code already exists.",
    "name",
  );
}
