import { eq } from "drizzle-orm";
import { writeTx, type Db } from "@/db/client";
import { sites } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import type { UpdateSiteInput } from "@/lib/validation/admin";
import { appendAudit, diffFields } from "../audit/append-audit";
import { uniquely } from "../db-errors";
import { clock } from "@/lib/clock";

/** Renames, re-codes, or archives/restores a site. Admin only. Sites are never deleted. */
export function updateSite(db: Db, actor: Actor, input: UpdateSiteInput, now = clock.now()) {
  assertCan(actor, "site.manage");
  const at = now.toISOString();
  return uniquely(
    () =>
      writeTx(db, (tx) => {
        const before = tx.select().from(sites).where(eq(sites.id, input.id)).get();
        if (!before) throw notFound("site");
        const next = {
          name: input.name,
          code: input.code.toUpperCase(),
          kind: input.kind,
          archivedAt: input.archived ? (before.archivedAt ?? at) : null,
        };
        const d = diffFields(before, next);
        if (Object.keys(d.new).length === 0) return before;
        const row = tx
          .update(sites)
          .set({ ...next, updatedAt: at })
          .where(eq(sites.id, input.id))
          .returning()
          .get();
        appendAudit(tx, { actor, action: "SITE_UPDATED", entityType: "site", entityId: input.id, oldValues: d.old, newValues: d.new, at: now });
        return row;
      }),
    "A site with this name or code already exists.",
    "name",
  );
}
