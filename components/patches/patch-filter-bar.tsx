import Link from "next/link";
import { PATCH_STATUSES, PATCH_STATUS_LABELS } from "@/lib/rules/patch-state";
import type { PatchQueueFilter } from "@/lib/validation/patches";
import { buttonClass } from "@/components/ui/button";

const field = "block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

/** The queue's filters as a plain GET form, so every filtered queue has its own URL (dashboard links, "My items"). */
export function PatchFilterBar({ filter, parties, sites }: { filter: PatchQueueFilter; parties: { id: number; name: string }[]; sites: { id: number; name: string }[] }) {
  return (
    <form method="get" action="/patches" role="search" aria-label="Filter the patch queue" className="mb-4 grid gap-3 sm:grid-cols-5">
      <label className="space-y-1 text-sm">
        <span className="block font-medium">Party (Responsible or Accountable)</span>
        <select name="party" defaultValue={filter.party === undefined ? "" : String(filter.party)} className={field}>
          <option value="">All</option>
          {parties.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
          <option value="none">No signed owner</option>
        </select>
      </label>
      <label className="space-y-1 text-sm">
        <span className="block font-medium">The party&apos;s role</span>
        <select name="role" defaultValue={filter.role ?? ""} className={field}>
          <option value="">Responsible or Accountable</option>
          <option value="responsible">Responsible (does the work)</option>
          <option value="accountable">Accountable (answers for it)</option>
        </select>
      </label>
      <label className="space-y-1 text-sm">
        <span className="block font-medium">Site</span>
        <select name="site" defaultValue={filter.site === undefined ? "" : String(filter.site)} className={field}>
          <option value="">All</option>
          {sites.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <label className="space-y-1 text-sm">
        <span className="block font-medium">Status</span>
        <select name="status" defaultValue={filter.status ?? "open"} className={field}>
          {PATCH_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s === "open" ? "Open (all not yet done)" : PATCH_STATUS_LABELS[s]}
            </option>
          ))}
          <option value="all">Every status</option>
        </select>
      </label>
      {filter.advisory && <input type="hidden" name="advisory" value={filter.advisory} />}
      {filter.device && <input type="hidden" name="device" value={filter.device} />}
      <div className="flex items-end gap-2">
        <button type="submit" className={buttonClass("primary", "sm")}>
          Filter
        </button>
        <Link href="/patches" className="text-sm">
          Clear
        </Link>
      </div>
    </form>
  );
}
