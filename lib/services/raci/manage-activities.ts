import { asc, eq, max } from "drizzle-orm";
import { writeTx, type Db } from "@/db/client";
import { activities, settings } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import type { CreateActivityInput, MoveActivityInput, RetireActivityInput, UpdateActivityInput } from "@/lib/validation/raci";
import { appendAudit, diffFields } from "../audit/append-audit";
import { uniquely } from "../db-errors";
import { REATTEST_SETTING } from "./raci-records";
import { clock } from "@/lib/clock";

const DUPLICATE = "An activity with this name already exists.";

/** Adds an activity at the end of the matrix. Admin only. */
export function createActivity(db: Db, actor: Actor, input: CreateActivityInput, now = clock.now()) {
  assertCan(actor, "activity.manage");
  const at = now.toISOString();
  return uniquely(
    () =>
      writeTx(db, (tx) => {
        const sortOrder =
          (tx
            .select({ n: max(activities.sortOrder) })
            .from(activities)
            .get()?.n ?? 0) + 1;
        const row = tx
          .insert(activities)
          .values({ name: input.name, description: input.description, csfRefs: JSON.stringify(input.csfRefs), sortOrder, createdAt: at, updatedAt: at })
          .returning()
          .get();
        appendAudit(tx, { actor, action: "ACTIVITY_CREATED", entityType: "activity", entityId: row.id, newValues: input, at: now });
        return row;
      }),
    DUPLICATE,
    "name",
  );
}

/** Renames an activity or changes its CSF anchors. Signed versions keep the names they were signed with. */
export function updateActivity(db: Db, actor: Actor, input: UpdateActivityInput, now = clock.now()) {
  assertCan(actor, "activity.manage");
  return uniquely(
    () =>
      writeTx(db, (tx) => {
        const before = tx.select().from(activities).where(eq(activities.id, input.id)).get();
        if (!before) throw notFound("activity");
        const next = { name: input.name, description: input.description, csfRefs: JSON.stringify(input.csfRefs) };
        const d = diffFields(before, next);
        if (Object.keys(d.new).length === 0) return before;
        const row = tx
          .update(activities)
          .set({ ...next, updatedAt: now.toISOString() })
          .where(eq(activities.id, input.id))
          .returning()
          .get();
        appendAudit(tx, { actor, action: "ACTIVITY_UPDATED", entityType: "activity", entityId: input.id, oldValues: d.old, newValues: d.new, at: now });
        return row;
      }),
    DUPLICATE,
    "name",
  );
}

/** Moves an activity one place up or down (swaps sort order with its neighbour). */
export function moveActivity(db: Db, actor: Actor, input: MoveActivityInput, now = clock.now()) {
  assertCan(actor, "activity.manage");
  return writeTx(db, (tx) => {
    const all = tx.select().from(activities).orderBy(asc(activities.sortOrder), asc(activities.id)).all();
    const i = all.findIndex((a) => a.id === input.id);
    if (i < 0) throw notFound("activity");
    const j = input.direction === "up" ? i - 1 : i + 1;
    if (j < 0 || j >= all.length) return all[i]!;
    const a = all[i]!;
    const b = all[j]!;
    tx.update(activities).set({ sortOrder: b.sortOrder }).where(eq(activities.id, a.id)).run();
    tx.update(activities).set({ sortOrder: a.sortOrder }).where(eq(activities.id, b.id)).run();
    appendAudit(tx, {
      actor,
      action: "ACTIVITY_REORDERED",
      entityType: "activity",
      entityId: a.id,
      oldValues: { sortOrder: a.sortOrder },
      newValues: { sortOrder: b.sortOrder },
      at: now,
    });
    return a;
  });
}

/** Retires (or restores) an activity: it leaves live matrices; signed versions keep it. Nothing is deleted. */
export function retireActivity(db: Db, actor: Actor, input: RetireActivityInput, now = clock.now()) {
  assertCan(actor, "activity.manage");
  return writeTx(db, (tx) => {
    const before = tx.select().from(activities).where(eq(activities.id, input.id)).get();
    if (!before) throw notFound("activity");
    if (Boolean(before.retiredAt) === input.retired) return before;
    const at = now.toISOString();
    const row = tx
      .update(activities)
      .set({ retiredAt: input.retired ? at : null, updatedAt: at })
      .where(eq(activities.id, input.id))
      .returning()
      .get();
    appendAudit(tx, { actor, action: input.retired ? "ACTIVITY_RETIRED" : "ACTIVITY_RESTORED", entityType: "activity", entityId: input.id, at: now });
    return row;
  });
}

/** Admin setting: months between re-attestations of effective matrices (default 12). */
export function setReattestMonths(db: Db, actor: Actor, months: number, now = clock.now()) {
  assertCan(actor, "settings.manage");
  writeTx(db, (tx) => {
    const before = tx.select().from(settings).where(eq(settings.key, REATTEST_SETTING)).get();
    tx.insert(settings)
      .values({ key: REATTEST_SETTING, value: JSON.stringify(months), updatedAt: now.toISOString() })
      .onConflictDoUpdate({ target: settings.key, set: { value: JSON.stringify(months), updatedAt: now.toISOString() } })
      .run();
    appendAudit(tx, {
      actor,
      action: "SETTING_CHANGED",
      entityType: "setting",
      entityId: REATTEST_SETTING,
      oldValues: { value: before ? JSON.parse(before.value) : 12 },
      newValues: { value: months },
      at: now,
    });
  });
  return months;
}
