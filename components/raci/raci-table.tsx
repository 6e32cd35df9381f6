import type { Ref } from "react";
import type { GridCell } from "@/lib/services/raci/get-raci-class";
import { LETTER_NAMES, validateMatrix, cellKey, type ResolvedCell, type Violation } from "@/lib/rules/raci";

/**
 * The RACI matrix's header and rows, shared by the interactive grid (raci-grid.tsx, a client component) and the
 * server, which renders the first paint of a class page as markup kept per RACI data version
 * (components/ui/static-markup.ts, decision 0045). No hooks and no "use client": the same function draws both, so
 * the markup the server sends is the grid's own first render, and the grid takes over after hydration.
 */

export type GridActivity = { id: number; name: string; csfRefs: string[] };
export type GridParty = { id: number; name: string; leadUserId: number | null };
export type CellMap = Map<string, GridCell>;

export function describeCell(c: GridCell, scopeIsTemplate: boolean): string {
  const name = c.letter ? LETTER_NAMES[c.letter] : "none";
  if (scopeIsTemplate) return name;
  if (c.overriddenHere) return `${name}, overridden here`;
  if (c.from === "template") return `${name}, inherited from the template`;
  if (c.from) return `${name}, inherited from ${c.from}`;
  return name;
}

/** The matrix's rule violations as the grid shows them (exactly one Accountable with a lead, at least one Responsible). */
export function gridViolations(cells: CellMap, activities: GridActivity[], parties: GridParty[]): Violation[] {
  const m = new Map<string, ResolvedCell>();
  for (const c of cells.values()) {
    m.set(cellKey(c.activityId, c.partyId), {
      activityId: c.activityId,
      partyId: c.partyId,
      letter: c.letter,
      source: { kind: "none" },
      overriddenHere: c.overriddenHere,
      inheritedLetter: null,
      inheritedSource: { kind: "none" },
    });
  }
  return validateMatrix(m, activities, parties);
}

/** What the interactive grid attaches to each cell (the server's markup has none of it). */
export type CellBehaviour = { ref: Ref<HTMLTableCellElement>; onClick: () => void; onFocus: () => void };

export function RaciTableContent({
  activities,
  parties,
  cells,
  violations,
  pos,
  isTemplate,
  editableParties,
  readOnlyReason,
  behaviour,
}: {
  activities: GridActivity[];
  parties: GridParty[];
  cells: CellMap;
  violations: Violation[];
  /** The cell in the tab order (row, column). */
  pos: readonly [number, number];
  isTemplate: boolean;
  editableParties: number[];
  readOnlyReason: string | null;
  behaviour?: (r: number, c: number) => CellBehaviour;
}) {
  const canEdit = (partyId: number) => !readOnlyReason && editableParties.includes(partyId);
  const violationsByActivity = new Map<number, string[]>();
  for (const v of violations) violationsByActivity.set(v.activityId, [...(violationsByActivity.get(v.activityId) ?? []), v.message]);
  return (
    <>
      <thead>
        <tr>
          <th
            scope="col"
            className="sticky left-0 z-10 w-40 min-w-[10rem] border-b border-slate-200 bg-slate-50 sm:w-auto sm:min-w-[18rem] px-3 py-2 text-left text-xs font-semibold uppercase text-slate-600"
          >
            Activity
          </th>
          {parties.map((p) => (
            <th
              key={p.id}
              scope="col"
              className="min-w-[6.5rem] border-b border-l border-slate-200 bg-slate-50 px-2 py-2 text-center text-xs font-semibold text-slate-700"
            >
              {p.name}
              {editableParties.includes(p.id) && !readOnlyReason && <span className="block text-[10px] font-normal text-brand-700">you can edit</span>}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {activities.map((a, r) => {
          const problems = violationsByActivity.get(a.id);
          return (
            <tr key={a.id} className={problems ? "bg-red-50/60" : undefined}>
              <th scope="row" className="sticky left-0 z-10 border-b border-slate-100 bg-white px-3 py-1.5 text-left font-normal">
                <span className="text-slate-900">{a.name}</span>
                <span className="block text-xs text-slate-500">{a.csfRefs.join(", ")}</span>
                {problems && (
                  <span className="block text-xs font-medium text-red-800">
                    ⚠ {problems.length} problem{problems.length > 1 ? "s" : ""}
                  </span>
                )}
              </th>
              {parties.map((p, c) => {
                const cell = cells.get(cellKey(a.id, p.id))!;
                const letter = cell.letter;
                return (
                  <td
                    key={p.id}
                    role="gridcell"
                    {...behaviour?.(r, c)}
                    tabIndex={pos[0] === r && pos[1] === c ? 0 : -1}
                    aria-label={`${p.name} — ${a.name}: ${describeCell(cell, isTemplate)}`}
                    aria-readonly={!canEdit(p.id)}
                    title={
                      isTemplate
                        ? undefined
                        : cell.overriddenHere
                          ? `Overridden here (inherited: ${cell.inheritedLetter ?? "none"} from ${cell.inheritedFrom ?? "nothing"})`
                          : cell.letter && cell.from !== "template"
                            ? `Inherited from ${cell.from}`
                            : undefined
                    }
                    className={cell.overriddenHere ? "raci-cell raci-ovr" : "raci-cell"}
                  >
                    {letter ? <span className={`raci-l raci-${letter}`}>{letter}</span> : <span className="raci-none">·</span>}
                    {cell.overriddenHere ? (
                      <span aria-hidden="true" className="raci-star">
                        *
                      </span>
                    ) : (
                      !isTemplate &&
                      cell.letter &&
                      cell.from !== "template" && (
                        <span aria-hidden="true" className="raci-star">
                          ↑
                        </span>
                      )
                    )}
                  </td>
                );
              })}
            </tr>
          );
        })}
      </tbody>
    </>
  );
}
