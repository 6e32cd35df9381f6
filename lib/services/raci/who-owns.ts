import type { Db } from "@/db/client";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import { LETTERS, cellAt, type Letter } from "@/lib/rules/raci";
import { loadVersions, resolveClass, type ActivityRow } from "./load";

/** For one class and activity: each letter's parties with their lead, and whether the live letters are signed. */
export function whoOwns(db: Db, actor: Actor, classId: number, activityId: number) {
  assertCan(actor, "raci.read");
  const r = resolveClass(db, classId);
  const activity: ActivityRow | undefined = r.activities.find((a) => a.id === activityId);
  if (!activity) throw notFound("activity");
  const byLetter = Object.fromEntries(LETTERS.map((l) => [l, [] as { party: string; lead: string | null; inheritedFrom: string }[]])) as Record<
    Letter,
    { party: string; lead: string | null; inheritedFrom: string }[]
  >;
  for (const p of r.parties) {
    const c = cellAt(r.resolved, activityId, p.id);
    if (!c.letter) continue;
    byLetter[c.letter].push({ party: p.name, lead: p.leadName, inheritedFrom: c.source.kind === "class" ? (c.overriddenHere ? "this class" : c.source.className) : "template" });
  }
  const effective = loadVersions(db, classId).find((v) => v.status === "effective");
  const signedCells = effective ? (JSON.parse(effective.content) as { cells: { activityId: number; partyId: number; letter: string }[] }).cells.filter((c) => c.activityId === activityId) : [];
  const liveCells = r.snapshot.cells.filter((c) => c.activityId === activityId);
  const signed = Boolean(effective) && signedCells.length === liveCells.length && liveCells.every((c) => signedCells.some((s) => s.partyId === c.partyId && s.letter === c.letter));
  return { deviceClass: r.deviceClass, activity, byLetter, signed, effectiveVersionNo: effective?.versionNo ?? null };
}
