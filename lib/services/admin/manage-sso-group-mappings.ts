import { asc, eq } from "drizzle-orm";
import { writeTx, type Db } from "@/db/client";
import { parties, ssoGroupMappings } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import type { DeleteSsoGroupMappingInput, SaveSsoGroupMappingInput } from "@/lib/validation/sso";
import { appendAudit } from "../audit/append-audit";
import { uniquely } from "../db-errors";
import { requireAdminSurvivesMapping, requirePartyExists } from "./user-guards";
import { clock } from "@/lib/clock";

/** The group → role/party mapping, for the admin page. Readers of users may see it. */
export function listSsoGroupMappings(db: Db, actor: Actor) {
  assertCan(actor, "user.read");
  return db
    .select({
      id: ssoGroupMappings.id,
      groupName: ssoGroupMappings.groupName,
      role: ssoGroupMappings.role,
      partyId: ssoGroupMappings.partyId,
      partyName: parties.name,
    })
    .from(ssoGroupMappings)
    .leftJoin(parties, eq(parties.id, ssoGroupMappings.partyId))
    .orderBy(asc(ssoGroupMappings.groupName))
    .all();
}

/**
 * Adds or changes the mapping of one provider group (by name). Mapping decides roles, so it is admin-only and audited
 * like a change of a user's roles; it takes effect at each person's next SSO sign-in.
 */
export function saveSsoGroupMapping(db: Db, actor: Actor, input: SaveSsoGroupMappingInput, now = clock.now()) {
  assertCan(actor, "user.manage");
  const at = now.toISOString();
  return uniquely(
    () =>
      writeTx(db, (tx) => {
        requirePartyExists(tx, input.partyId);
        const values = { groupName: input.groupName, role: input.role, partyId: input.partyId, updatedAt: at };
        if (input.id) {
          const before = tx.select().from(ssoGroupMappings).where(eq(ssoGroupMappings.id, input.id)).get();
          if (!before) throw notFound("group mapping");
          if (before.role === "admin" && input.role !== "admin")
            requireAdminSurvivesMapping(
              tx,
              tx
                .select()
                .from(ssoGroupMappings)
                .all()
                .map((m) => (m.id === input.id ? { role: input.role } : m)),
            );
          tx.update(ssoGroupMappings).set(values).where(eq(ssoGroupMappings.id, input.id)).run();
          appendAudit(tx, {
            actor,
            action: "SSO_GROUP_MAPPING_CHANGED",
            entityType: "sso_group_mapping",
            entityId: input.id,
            oldValues: { groupName: before.groupName, role: before.role, partyId: before.partyId },
            newValues: { groupName: input.groupName, role: input.role, partyId: input.partyId },
            at: now,
          });
          return input.id;
        }
        const row = tx
          .insert(ssoGroupMappings)
          .values({ ...values, createdAt: at })
          .returning({ id: ssoGroupMappings.id })
          .get();
        appendAudit(tx, {
          actor,
          action: "SSO_GROUP_MAPPING_CREATED",
          entityType: "sso_group_mapping",
          entityId: row.id,
          newValues: { groupName: input.groupName, role: input.role, partyId: input.partyId },
          at: now,
        });
        return row.id;
      }),
    "This group is mapped already: change its row instead.",
    "groupName",
  );
}

/** Removes a group's mapping (audited). People keep the roles they have until an admin or a mapped group changes them. */
export function deleteSsoGroupMapping(db: Db, actor: Actor, input: DeleteSsoGroupMappingInput, now = clock.now()) {
  assertCan(actor, "user.manage");
  writeTx(db, (tx) => {
    const before = tx.select().from(ssoGroupMappings).where(eq(ssoGroupMappings.id, input.id)).get();
    if (!before) throw notFound("group mapping");
    if (before.role === "admin")
      requireAdminSurvivesMapping(
        tx,
        tx
          .select()
          .from(ssoGroupMappings)
          .all()
          .filter((m) => m.id !== input.id),
      );
    tx.delete(ssoGroupMappings).where(eq(ssoGroupMappings.id, input.id)).run();
    appendAudit(tx, {
      actor,
      action: "SSO_GROUP_MAPPING_DELETED",
      entityType: "sso_group_mapping",
      entityId: input.id,
      oldValues: { groupName: before.groupName, role: before.role, partyId: before.partyId },
      at: now,
    });
  });
}
