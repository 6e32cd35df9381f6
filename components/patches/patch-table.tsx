import type { PatchItem } from "@/lib/services/patches/list-patch-queue";
import type { FormAction } from "@/components/forms/action-form";
import { Table, Th } from "@/components/ui/table";
import { badgeHtml, html, type Html } from "@/components/ui/html";
import { PATCH_STATUS_LABELS, PATCH_STATUS_TONES } from "./labels";
import { PatchWorkForms, type DeferralRequestView, type PatchWorkRights } from "./patch-work-forms";

const holders = (h: PatchItem["responsible"]) => (h ? h.map((x) => `${x.party}${x.lead ? ` (${x.lead})` : ""}`).join(", ") : null);

/** An item with what this viewer may do on it and its pending deferral request, if any. */
export interface PatchRow {
  item: PatchItem;
  rights: PatchWorkRights;
  deferralRequest?: DeferralRequestView | null;
}

const note = (text: string | Html) => html`<div class="sub">${text}</div>`;

/**
 * An item's row without a deferral request depends on the item alone, and the queue's items are shared between
 * requests while the data stands still (listPatchQueue's memo): its markup is built once per item and kept with it.
 */
const rowMemo = new WeakMap<PatchItem, { showDevice: boolean; row: Html }>();

function itemRow(row: PatchRow, showDevice: boolean): Html {
  if (row.deferralRequest) return itemMarkup(row.item, showDevice, row.deferralRequest);
  const hit = rowMemo.get(row.item);
  if (hit && hit.showDevice === showDevice) return hit.row;
  const made = itemMarkup(row.item, showDevice, null);
  rowMemo.set(row.item, { showDevice, row: made });
  return made;
}

/** One item's cells as markup (components/ui/html.ts, decision 0038): every value escaped, links from ids only. */
function itemMarkup(r: PatchItem, showDevice: boolean, q: DeferralRequestView | null): Html {
  return html`<tr>
    <td><a href="/advisories/${r.advisoryId}">${r.trackingId}</a>${note(r.advisoryTitle)}</td>
    ${showDevice && html`<td><a href="/inventory/devices/${r.deviceId}">${r.assetTag}</a>${note(`${[r.manufacturer, r.model].filter(Boolean).join(" ")} · ${r.deviceClass ?? "Not classified"} · ${r.site}`)}</td>`}
    <td>
      ${r.onKev && badgeHtml("bad", "Known exploited (KEV)", "mr-1")}<span>${r.cvss !== null ? `CVSS ${r.cvss.toFixed(1)}` : "No CVSS"}</span>${note(r.reasons.filter((x) => !x.startsWith("known") && !x.startsWith("CVSS")).join(", "))}
    </td>
    <td>${r.validatedVersion ?? "—"}${note(`validated ${r.validatedOn}${r.bulletin ? ` · ${r.bulletin}` : ""}`)}</td>
    <td>${r.dueOn}${note(r.dueRule)}</td>
    <td>
      ${badgeHtml(PATCH_STATUS_TONES[r.status], PATCH_STATUS_LABELS[r.status])}${note(r.status === "applied" ? `${r.appliedOn} · WO ${r.workOrder}` : r.status === "deferred" ? `until ${r.deferUntil}` : "")}${
        q &&
        html`<div class="mt-1 text-xs">
          ${badgeHtml("warn", "Deferral requested")} until ${q.deferUntil} by ${q.requestedBy.replace(/ <.*>$/, "")} on ${q.requestedOn}, waiting for the
          Accountable lead's signature
        </div>`
      }
    </td>
    <td>
      ${
        r.responsible
          ? html`<div>R: ${holders(r.responsible)}</div>
              <div>A: ${holders(r.accountable)}</div>`
          : badgeHtml("warn", "No signed owner")
      }
    </td>
  </tr>`;
}

/**
 * The ranked queue: one row per (advisory, device), with its due date, why it ranks where it does, and who owns it.
 * The rows are markup strings (decision 0038); an item its viewer may record work on is followed by a full-width row
 * with the forms (React: they are interactive), so the rows are grouped into <tbody> runs between them.
 */
export function PatchTable(p: {
  rows: PatchRow[];
  today: string;
  actions: { applied: FormAction; notApplicable: FormAction; defer: FormAction };
  showDevice?: boolean;
}) {
  if (p.rows.length === 0) return <p className="text-sm text-slate-600">No patch items match this filter.</p>;
  const showDevice = p.showDevice !== false;
  const columns = showDevice ? 7 : 6;
  const groups: React.ReactNode[] = [];
  let run: Html[] = [];
  const flush = () => {
    if (run.length) groups.push(<tbody key={`rows-${groups.length}`} dangerouslySetInnerHTML={{ __html: html`${run}`.value }} />);
    run = [];
  };
  for (const row of p.rows) {
    run.push(itemRow(row, showDevice));
    const r = row.item;
    const closed = r.status === "applied" || r.status === "notApplicable";
    if (closed || !(row.rights.record || row.rights.defer)) continue;
    flush();
    groups.push(
      <tbody key={`work-${r.advisoryId}:${r.deviceId}`}>
        <tr>
          <td colSpan={columns}>
            <details>
              <summary className="cursor-pointer text-sm font-medium">
                Record work on {r.assetTag} for {r.trackingId}
              </summary>
              <div className="mt-2 max-w-[60rem]">
                <PatchWorkForms item={{ ...r, closed }} rights={row.rights} today={p.today} actions={p.actions} deferralRequest={row.deferralRequest ?? null} />
              </div>
            </details>
          </td>
        </tr>
      </tbody>,
    );
  }
  flush();
  return (
    <Table caption="Patch queue">
      <thead>
        <tr>
          <Th>Advisory</Th>
          {showDevice && <Th>Device</Th>}
          <Th>Priority</Th>
          <Th>OEM-validated patch</Th>
          <Th>Due</Th>
          <Th>Status</Th>
          <Th>Responsible / Accountable</Th>
        </tr>
      </thead>
      {groups}
    </Table>
  );
}
