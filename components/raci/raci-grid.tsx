"use client";

import { startTransition, useMemo, useRef, useState } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";
import { useRouter } from "next/navigation";
import type { ActionState } from "@/lib/server/action";
import type { GridCell } from "@/lib/services/raci/get-raci-class";
import { LETTER_NAMES, isLetter, cellKey, type Letter } from "@/lib/rules/raci";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { unpackCells, type GridWire } from "./grid-wire";
import { registeredMarkup } from "@/components/ui/markup-registry";
import { RaciTableContent, describeCell as describe, gridViolations } from "./raci-table";

/** One cell as the class page serves it (the service owns the shape). */
export type GridCellData = GridCell;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type SetCell = (prev: any, input: Record<string, unknown>) => Promise<ActionState<{ revision: number }>>;

/**
 * The RACI matrix, editable with the keyboard alone: arrows move, R/A/C/I set, Delete clears, X resets
 * to inherited. Each change is saved at once with the revision the grid was loaded at; if someone else
 * saved first, nothing is overwritten and the grid says who.
 */
export function RaciGrid({
  scope,
  title,
  activities,
  parties,
  cells: wire,
  revision: initialRevision,
  editableParties,
  readOnlyReason,
  setCell,
  firstPaint,
}: {
  scope: "template" | number;
  title: string;
  activities: { id: number; name: string; csfRefs: string[] }[];
  parties: { id: number; name: string; leadUserId: number | null }[];
  /** The cells packed by packCells (grid-wire.ts), to keep the page's payload small. */
  cells: GridWire;
  revision: number;
  editableParties: number[];
  readOnlyReason?: string | null;
  setCell: SetCell;
  /**
   * The id of the table's header and rows as the server made them for this data version (RaciTableContent through
   * static-markup.ts, decision 0045). The HTML render writes that markup (read from this process, markup-registry.ts)
   * instead of rendering 280 cells; the browser keeps it while hydrating, then the grid renders the table itself. It
   * is RaciTableContent's output for these same props, so nothing moves when the grid takes over.
   */
  firstPaint?: string;
}) {
  const router = useRouter();
  const isTemplate = scope === "template";
  const toMap = (w: GridWire) => new Map(unpackCells(w, activities, parties).map((c) => [cellKey(c.activityId, c.partyId), c]));
  const [cells, setCells] = useState(() => toMap(wire));
  const [revision, setRevision] = useState(initialRevision);
  const [pos, setPos] = useState<[number, number]>([0, 0]);
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string; conflict?: boolean } | null>(null);
  const [pending, setPending] = useState(false);
  const refs = useRef(new Map<string, HTMLTableCellElement>());

  // New props after a save or a reload: take the server's truth (React's "adjust state on prop change").
  const [syncedFrom, setSyncedFrom] = useState(wire);
  if (syncedFrom !== wire) {
    setSyncedFrom(wire);
    setCells(toMap(wire));
    setRevision(initialRevision);
  }

  const violations = useMemo(() => gridViolations(cells, activities, parties), [cells, activities, parties]);
  // False on the server and while hydrating, true once hydrated (and at once on a client-side navigation).
  const hydrated = useHydrated();

  const cellAtPos = (r: number, c: number) => cells.get(cellKey(activities[r]!.id, parties[c]!.id))!;
  const focused = activities.length && parties.length ? cellAtPos(pos[0], pos[1]) : null;
  const canEdit = (partyId: number) => !readOnlyReason && editableParties.includes(partyId);

  function move(r: number, c: number) {
    const nr = Math.max(0, Math.min(activities.length - 1, r));
    const nc = Math.max(0, Math.min(parties.length - 1, c));
    setPos([nr, nc]);
    refs.current.get(`${nr}:${nc}`)?.focus();
  }

  async function save(c: GridCellData, letter: Letter | "" | "inherit") {
    const party = parties.find((p) => p.id === c.partyId)!;
    const activity = activities.find((a) => a.id === c.activityId)!;
    if (!canEdit(c.partyId)) {
      setMessage({ tone: "error", text: readOnlyReason ?? `You can change only your own party's column, not ${party.name}'s.` });
      return;
    }
    if (letter === "inherit" && (isTemplate || !c.overriddenHere)) return;
    if (letter !== "inherit" && (c.letter ?? "") === letter && (isTemplate || c.overriddenHere)) return;
    setPending(true);
    setMessage(null);
    const res = await setCell(null, {
      scope: String(scope),
      activityId: String(c.activityId),
      partyId: String(c.partyId),
      letter,
      expectedRevision: String(revision),
    });
    setPending(false);
    if (res?.ok) {
      const next: GridCellData =
        letter === "inherit"
          ? { ...c, letter: c.inheritedLetter, overriddenHere: false, from: c.inheritedFrom }
          : { ...c, letter: letter || null, overriddenHere: !isTemplate, from: isTemplate ? "template" : "this class" };
      startTransition(() => {
        setCells((prev) => new Map(prev).set(cellKey(c.activityId, c.partyId), next));
        setRevision(res.data?.revision ?? revision + 1);
      });
      setMessage({
        tone: "success",
        text: `Saved: ${party.name} — ${activity.name}: ${letter === "inherit" ? "reset to inherited" : letter ? LETTER_NAMES[letter] : "cleared"}.`,
      });
    } else if (res && !res.ok) {
      if (res.expired) router.push("/sign-in?reason=expired");
      setMessage({ tone: "error", text: res.formError ?? "Not saved.", conflict: res.formError?.includes("after you opened it") });
    }
  }

  function onKeyDown(e: React.KeyboardEvent) {
    const [r, c] = pos;
    const key = e.key;
    const upper = key.toUpperCase();
    const cell = focused;
    if (!cell) return;
    if (key === "ArrowUp") move(r - 1, c);
    else if (key === "ArrowDown") move(r + 1, c);
    else if (key === "ArrowLeft") move(r, c - 1);
    else if (key === "ArrowRight") move(r, c + 1);
    else if (key === "Home") move(r, 0);
    else if (key === "End") move(r, parties.length - 1);
    else if (isLetter(upper) && !e.ctrlKey && !e.metaKey && !e.altKey) void save(cell, upper);
    else if (key === "Delete" || key === "Backspace") void save(cell, "");
    else if ((key === "x" || key === "X") && !isTemplate) void save(cell, "inherit");
    else return;
    e.preventDefault();
  }

  // Server: the registered markup (undefined if it was dropped: the cells are rendered instead). Browser, hydrating: "",
  // which React leaves as the server wrote it.
  const paint = firstPaint === undefined || hydrated ? undefined : typeof window === "undefined" ? registeredMarkup(firstPaint) : "";
  const focusedParty = focused ? parties.find((p) => p.id === focused.partyId) : null;
  const focusedActivity = focused ? activities.find((a) => a.id === focused.activityId) : null;

  return (
    <div className="space-y-3">
      <p id="raci-grid-help" className="text-sm text-slate-600">
        {readOnlyReason
          ? readOnlyReason
          : editableParties.length
            ? `Use the arrow keys to move. Press R, A, C or I to set a letter, Delete to clear it${isTemplate ? "" : ", X to reset it to inherited"}. Changes save at once.`
            : "You can read this matrix; only the leads of its parties (and admins) change it."}{" "}
        {!isTemplate &&
          "A * marks a cell overridden for this class, ↑ a letter inherited from a parent class; unmarked letters come from the organization template."}
      </p>
      <div aria-live="polite" className="min-h-[2.5rem]">
        {message && (
          <Alert tone={message.tone}>
            {message.text}{" "}
            {message.conflict && (
              <Button variant="secondary" size="sm" onClick={() => router.refresh()}>
                Reload the matrix
              </Button>
            )}
          </Alert>
        )}
      </div>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table
          role="grid"
          aria-label={title}
          aria-describedby="raci-grid-help"
          aria-busy={pending}
          className="min-w-full border-collapse text-sm"
          onKeyDown={onKeyDown}
          {...(paint !== undefined ? { dangerouslySetInnerHTML: { __html: paint }, suppressHydrationWarning: true } : {})}
        >
          {paint === undefined ? (
            <RaciTableContent
              activities={activities}
              parties={parties}
              cells={cells}
              violations={violations}
              pos={pos}
              isTemplate={isTemplate}
              editableParties={editableParties}
              readOnlyReason={readOnlyReason ?? null}
              behaviour={(r, c) => ({
                ref: (el) => {
                  if (el) refs.current.set(`${r}:${c}`, el);
                },
                onClick: () => setPos([r, c]),
                onFocus: () => setPos([r, c]),
              })}
            />
          ) : null}
        </table>
      </div>
      {focused && focusedParty && focusedActivity && (
        <div className="flex flex-wrap items-center gap-3 rounded-md border border-slate-200 bg-white px-3 py-2 text-sm" aria-live="polite">
          <span>
            <span className="font-medium">{focusedParty.name}</span> — {focusedActivity.name}: <strong>{describe(focused, isTemplate)}</strong>
            {!isTemplate && focused.overriddenHere && (
              <>
                {" "}
                (without the override: {focused.inheritedLetter ? LETTER_NAMES[focused.inheritedLetter] : "none"}
                {focused.inheritedFrom ? ` from ${focused.inheritedFrom}` : ""})
              </>
            )}
          </span>
          {canEdit(focused.partyId) && (
            <span className="flex gap-1">
              {(["R", "A", "C", "I"] as const).map((l) => (
                <Button key={l} size="sm" variant="secondary" onClick={() => void save(focused, l)} aria-label={`Set ${LETTER_NAMES[l]}`}>
                  {l}
                </Button>
              ))}
              <Button size="sm" variant="secondary" onClick={() => void save(focused, "")}>
                Clear
              </Button>
              {!isTemplate && focused.overriddenHere && (
                <Button size="sm" variant="secondary" onClick={() => void save(focused, "inherit")}>
                  Reset to inherited
                </Button>
              )}
            </span>
          )}
        </div>
      )}
      <section aria-labelledby="violations-heading" className="rounded-md border border-slate-200 bg-white px-4 py-3">
        <h3 id="violations-heading" className="text-sm font-semibold">
          {violations.length === 0 ? "Rules: all met" : `Rules: ${violations.length} problem${violations.length > 1 ? "s" : ""}`}
        </h3>
        {violations.length === 0 ? (
          <p className="text-sm text-slate-600">Every activity has exactly one Accountable party with a lead, and at least one Responsible.</p>
        ) : (
          <ul className="mt-1 list-disc pl-5 text-sm text-red-800" aria-label="Rule violations">
            {violations.map((v, i) => (
              <li key={i}>{v.message}</li>
            ))}
          </ul>
        )}
      </section>
      <p className="text-xs text-slate-500">
        Legend: <strong>R</strong> Responsible (does the work) · <strong>A</strong> Accountable (owns the outcome, signs) · <strong>C</strong> Consulted ·{" "}
        <strong>I</strong> Informed
        {!isTemplate && " · * overridden for this class (dashed border) · ↑ inherited from a parent class · unmarked: from the organization template"}
      </p>
    </div>
  );
}
