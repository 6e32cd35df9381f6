import { cn } from "./cn";

/**
 * Data tables. The cell styles live in app/globals.css (`.tbl`, components layer) rather than on every cell: a
 * dashboard or list renders hundreds of cells, and the same 60-character class list on each was sent twice per
 * request, once in the HTML and once in the RSC payload (issue #15). A `className` on a cell still adds to or
 * overrides them, since utilities come after the components layer.
 */
export function Table({ caption, children, className }: { caption?: string; children: React.ReactNode; className?: string }) {
  return (
    <div className="overflow-x-auto">
      <table className={cn("tbl", className)}>
        {caption && <caption className="sr-only">{caption}</caption>}
        {children}
      </table>
    </div>
  );
}
export const Th = ({ children, className }: { children?: React.ReactNode; className?: string }) => (
  <th scope="col" className={className}>
    {children}
  </th>
);
export const Td = ({ children, className }: { children?: React.ReactNode; className?: string }) => <td className={className}>{children}</td>;
