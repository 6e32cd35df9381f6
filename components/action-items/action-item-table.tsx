import Link from "next/link";
import type { ActionItemStatus } from "@/lib/rules/action-items";
import { CAPABILITY_ELEMENT_LABELS, type CapabilityElement } from "@/lib/rules/drills";
import type { FormAction } from "@/components/forms/action-form";
import { Table, Td, Th } from "@/components/ui/table";
import { ActionItemStatusBadge } from "./action-item-status";
import { ItemStatusForm } from "./item-status-form";

/** The columns a page may show besides the title and status, in this order. */
export type ActionItemColumn = "source" | "subcategory" | "capability" | "party" | "person" | "owner" | "due" | "evidence";

/** One row: the fields of lib/services/action-items plus the links the page resolved. */
export interface ActionItemRow {
  id: number;
  title: string;
  /** A line under the title, e.g. "For area for improvement 2". */
  note?: string | null;
  status: ActionItemStatus;
  overdue: boolean;
  dueDate: string;
  ownerParty: string;
  ownerUser: string | null;
  capabilityElement?: CapabilityElement | null;
  closedAt?: string | null;
  closureEvidence: string;
  source?: { label: string; href: string };
  subcategory?: { id: string; href: string } | null;
  /** The actor may change this item's status (lib/services/action-items/action-item-records.ts mayUpdateItem). */
  mayUpdate?: boolean;
}

const HEADERS: Record<ActionItemColumn, string> = {
  source: "Source",
  subcategory: "Subcategory",
  capability: "Capability element",
  party: "Owner party",
  person: "Person",
  owner: "Owner",
  due: "Due date",
  evidence: "Closure evidence",
};

const ORDER: readonly ActionItemColumn[] = ["source", "subcategory", "capability", "party", "person", "owner", "due", "evidence"];

/**
 * The one action-item table (issue #11): the items list, a drill's improvement plan and an assessment's results show
 * the same statuses in the same words, with "Overdue" written out. Each page picks its columns; the Update column
 * appears when an update action is given and at least one open row may be updated by the actor.
 */
export function ActionItemTable({
  caption,
  titleHeader = "Title",
  columns,
  rows,
  updateAction,
}: {
  caption: string;
  titleHeader?: string;
  columns: readonly ActionItemColumn[];
  rows: readonly ActionItemRow[];
  updateAction?: FormAction;
}) {
  const shown = ORDER.filter((c) => columns.includes(c));
  const updatable = (r: ActionItemRow) => Boolean(r.mayUpdate) && r.status !== "closed";
  const withUpdate = Boolean(updateAction) && rows.some(updatable);
  const evidenceInStatus = !shown.includes("evidence");
  return (
    <Table caption={caption}>
      <thead>
        <tr>
          <Th>{titleHeader}</Th>
          {shown.map((c) => (
            <Th key={c}>{HEADERS[c]}</Th>
          ))}
          <Th>Status</Th>
          {withUpdate && <Th>Update</Th>}
        </tr>
      </thead>
      <tbody>
        {rows.map((i) => (
          <tr key={i.id}>
            <Td className="font-medium">
              {i.title}
              {i.note && <span className="block text-xs font-normal text-slate-600">{i.note}</span>}
            </Td>
            {shown.map((c) => (
              <Cell key={c} column={c} item={i} />
            ))}
            <Td>
              <ActionItemStatusBadge status={i.status} overdue={i.overdue} />
              {i.status === "closed" && (
                <span className="mt-1 block max-w-xs whitespace-pre-wrap break-words text-xs text-slate-700">
                  {i.closedAt ? `Closed ${i.closedAt.slice(0, 10)}.` : ""}
                  {evidenceInStatus && `${i.closedAt ? " " : ""}Evidence: ${i.closureEvidence || "—"}`}
                </span>
              )}
            </Td>
            {withUpdate && (
              <Td>
                {updatable(i) && updateAction ? (
                  <ItemStatusForm action={updateAction} itemId={i.id} title={i.title} status={i.status} closureEvidence={i.closureEvidence} />
                ) : null}
              </Td>
            )}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

function Cell({ column, item: i }: { column: ActionItemColumn; item: ActionItemRow }) {
  switch (column) {
    case "source":
      return <Td>{i.source ? <Link href={i.source.href}>{i.source.label}</Link> : "—"}</Td>;
    case "subcategory":
      return <Td>{i.subcategory ? <Link href={i.subcategory.href}>{i.subcategory.id}</Link> : "—"}</Td>;
    case "capability":
      return <Td>{i.capabilityElement ? CAPABILITY_ELEMENT_LABELS[i.capabilityElement] : "—"}</Td>;
    case "party":
      return <Td>{i.ownerParty}</Td>;
    case "person":
      return <Td>{i.ownerUser ?? "—"}</Td>;
    case "owner":
      return (
        <Td>
          {i.ownerParty}
          {i.ownerUser ? ` — ${i.ownerUser}` : ""}
        </Td>
      );
    case "due":
      return <Td className="whitespace-nowrap tabular-nums">{i.dueDate}</Td>;
    case "evidence":
      return <Td className="max-w-xs whitespace-pre-wrap break-words">{i.closureEvidence || "—"}</Td>;
  }
}
