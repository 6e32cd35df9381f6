import { cn } from "./cn";

/**
 * Tables of the printed documents (after-action report, RACI matrix, board report). One look on screen and paper:
 * ruled cells, black on paper. The page-break rules live in app/globals.css (`.print-table`): the header row repeats
 * on every printed page and a row is never split across two pages.
 */
const cell = "border border-slate-400 px-1.5 py-1 align-top print:border-black";

/** Cell classes for print sections written as their own components (the board report's sections take these). */
export const printClasses = {
  cell,
  th: `${cell} text-left font-semibold`,
  num: `${cell} text-right tabular-nums`,
  h2: "mb-1 mt-6 break-after-avoid text-base font-semibold",
  h3: "mb-1 mt-3 break-after-avoid text-sm font-semibold",
};

type Align = "left" | "right" | "center";
const ALIGN: Record<Align, string> = { left: "text-left", right: "text-right", center: "text-center" };

/** A column heading: its text, or the text with alignment and extra classes (a width, a smaller size). */
export type PrintColumn = string | { label: React.ReactNode; key?: string; align?: Align; className?: string };

/**
 * A ruled table for print. `caption` names it for screen readers (and on the page with `showCaption`); without
 * `columns` it has no header row (a key/value table of row headers). `keepTogether` keeps a short table on one page.
 * On screen a wide table scrolls inside its own box; on paper it takes the full width of the sheet.
 */
export function PrintTable({
  caption,
  showCaption = false,
  columns,
  keepTogether = false,
  className,
  children,
}: {
  caption: React.ReactNode;
  showCaption?: boolean;
  columns?: readonly PrintColumn[];
  keepTogether?: boolean;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <div className="overflow-x-auto print:overflow-visible">
      <table className={cn("print-table w-full border-collapse", keepTogether && "break-inside-avoid", className)}>
        <caption className={showCaption ? "mb-1 text-left font-semibold" : "sr-only"}>{caption}</caption>
        {columns && (
          <thead>
            <tr>
              {columns.map((c, i) => {
                const col = typeof c === "string" ? { label: c } : c;
                return (
                  <th
                    key={col.key ?? (typeof col.label === "string" ? col.label : i)}
                    scope="col"
                    className={cn(printClasses.th, ALIGN[col.align ?? "left"], col.className)}
                  >
                    {col.label}
                  </th>
                );
              })}
            </tr>
          </thead>
        )}
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** A data cell; `align="right"` for figures (tabular numbers). */
export function PrintCell({ align = "left", className, children }: { align?: Align; className?: string; children?: React.ReactNode }) {
  return <td className={cn(cell, align !== "left" && ALIGN[align], align === "right" && "tabular-nums", className)}>{children}</td>;
}

/** A row's heading cell (`scope="row"`), plain weight unless `strong`. */
export function PrintRowHeader({ strong = false, className, children }: { strong?: boolean; className?: string; children: React.ReactNode }) {
  return (
    <th scope="row" className={cn(cell, "text-left", strong ? "font-semibold" : "font-normal", className)}>
      {children}
    </th>
  );
}

/**
 * The sheet a printed document sits on. `@page` leaves the paper size to the printer (A4 or Letter) with 15 mm
 * margins, so a table at full width is at most 180 mm wide on either; navigation (`.no-print`) is left off paper.
 */
export function PrintSheet({ wide = false, className, children }: { wide?: boolean; className?: string; children: React.ReactNode }) {
  return (
    <article
      className={cn(
        "mx-auto bg-white p-6 text-[13px] text-slate-900 print:max-w-none print:p-0 print:text-black",
        wide ? "max-w-[72rem]" : "max-w-[60rem]",
        className,
      )}
    >
      <style>{"@page { size: auto; margin: 15mm; }"}</style>
      {children}
    </article>
  );
}
