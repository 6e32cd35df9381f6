import { eq } from "drizzle-orm";
import { writeTx, type Db, type Tx } from "@/db/client";
import { parties, users } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { invalid, notFound } from "@/lib/errors";
import type { CreatePartyInput, UpdatePartyInput } from "@/lib/validation/admin";
import { appendAudit, diffFields } from "../audit/append-audit";
import { uniquely } from "../db-errors";
import { clock } from "@/lib/clock";

function assertLeadIsActive(tx: Tx, leadUserId: number | null) {
  if (leadUserId == null) return;
  const u = tx.select({ active: users.active }).from(users).where(eq(users.id, leadUserId)).get();
  if (!u || !u.active) throw invalid("The lead must be an active user.", { leadUserId: ["Choose an active user as lead."] });
}

/** Creates a party (a team that can hold a responsibility). Admin only. */
export function createParty(db: Db, actor: Actor, input: CreatePartyInput, now = clock.now()) {
  assertCan(actor, "party.manage");
  const at = now.toISOString();
  return uniquely(
    () =>
      writeTx(db, (tx) => {
        assertLeadIsActive(tx, input.leadUserId);
        const sortOrder =
          (tx
            .select({ n: parties.sortOrder })
            .from(parties)
            .all()
            .reduce((m, r) => Math.max(m, r.n), 0) ?? 0) + 1;
        const row = tx
          .insert(parties)
          .values({ ...input, sortOrder, createdAt: at, updatedAt: at })
          .returning()
          .get();
        appendAudit(tx, { actor, action: "PARTY_CREATED", entityType: "party", entityId: row.id, newValues: input, at: now });
        return row;
      }),
    "A party with this name already exists.",
    "name",
  );
}

/** Renames a party or changes its lead. Admin only. */
export function updateParty(db: Db, actor: Actor, input: UpdatePartyInput, now = clock.now()) {
  assertCan(actor, "party.manage");
  const at = now.toISOString();
  return uniquely(
    () =>
      writeTx(db, (tx) => {
        const before = tx.select().from(parties).where(eq(parties.id, input.id)).get();
        if (!before) throw notFound("party");
        assertLeadIsActive(tx, input.leadUserId);
        const { id, ...next } = input;
        const d = diffFields(before, next);
        if (Object.keys(d.new).length === 0) return before;
        const row = tx
          .update(parties)
          .set({ ...next, updatedAt: at })
          .where(eq(parties.id, id))
          .returning()
          .get();
        appendAudit(tx, { actor, action: "PARTY_UPDATED", entityType: "party", entityId: id, oldValues: d.old, newValues: d.new, at: now });
        return row;
      }),
    "A party with this name already exists.",
    "name",
  );
}
