import type { GridCell } from "@/lib/services/raci/get-raci-class";
import { isLetter } from "@/lib/rules/raci";

/**
 * The RACI grid's props in a compact form. A class page has 280 cells (40 activities × 7 parties); sent as
 * objects they were ~34 KB of the page's RSC payload, as rows of letters and source indexes they are ~4 KB.
 * Cells are in activity-major order (the order of `activities` × `parties`).
 */
export interface GridWire {
  /** One string per activity, one character per party: R, A, C, I or "." for none. */
  letters: string[];
  /** The same for the letter a cell would have without its override ("." when none). */
  inherited: string[];
  /** Index into `sources` of where each cell's letter comes from (-1: nothing), then the same for the inherited letter. */
  from: number[];
  inheritedFrom: number[];
  /** Flat indexes of the cells overridden on this class. */
  overridden: number[];
  sources: string[];
}

const packed = new WeakMap<GridCell[], GridWire>();

/** packCells, remembered per cells array: a class page's cells are one cached, read-only array per data version. */
export function packCellsOnce(cells: GridCell[], activityCount: number, partyCount: number): GridWire {
  let wire = packed.get(cells);
  if (!wire) packed.set(cells, (wire = packCells(cells, activityCount, partyCount)));
  return wire;
}

export function packCells(cells: GridCell[], activityCount: number, partyCount: number): GridWire {
  const sources: string[] = [];
  const src = (s: string | null) => {
    if (s === null) return -1;
    const i = sources.indexOf(s);
    return i >= 0 ? i : sources.push(s) - 1;
  };
  const letters: string[] = [];
  const inherited: string[] = [];
  for (let a = 0; a < activityCount; a++) {
    const row = cells.slice(a * partyCount, (a + 1) * partyCount);
    letters.push(row.map((c) => c.letter ?? ".").join(""));
    inherited.push(row.map((c) => c.inheritedLetter ?? ".").join(""));
  }
  return {
    letters,
    inherited,
    from: cells.map((c) => src(c.from)),
    inheritedFrom: cells.map((c) => src(c.inheritedFrom)),
    overridden: cells.flatMap((c, i) => (c.overriddenHere ? [i] : [])),
    sources,
  };
}

export function unpackCells(w: GridWire, activities: { id: number }[], parties: { id: number }[]): GridCell[] {
  const overridden = new Set(w.overridden);
  const letter = (s: string | undefined) => (isLetter(s) ? s : null);
  const source = (i: number | undefined) => (i === undefined || i < 0 ? null : (w.sources[i] ?? null));
  return activities.flatMap((a, r) =>
    parties.map((p, c) => {
      const i = r * parties.length + c;
      return {
        activityId: a.id,
        partyId: p.id,
        letter: letter(w.letters[r]?.[c]),
        overriddenHere: overridden.has(i),
        from: source(w.from[i]),
        inheritedLetter: letter(w.inherited[r]?.[c]),
        inheritedFrom: source(w.inheritedFrom[i]),
      };
    }),
  );
}
