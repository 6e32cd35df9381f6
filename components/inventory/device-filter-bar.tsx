import Link from "next/link";
import { DEVICE_STATUSES } from "@/db/schema/inventory";
import { SUPPORT_STATUSES } from "@/lib/rules/support-status";
import type { DeviceFilter } from "@/lib/validation/inventory";
import { buttonClass } from "@/components/ui/button";
import { DEVICE_STATUS_LABELS, SUPPORT_STATUS_LABELS } from "./labels";

const field = "block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

function Select({ name, label, value, options }: { name: string; label: string; value: string | number | undefined; options: { value: string | number; label: string }[] }) {
  return (
    <label className="space-y-1 text-sm">
      <span className="block font-medium">{label}</span>
      <select name={name} defaultValue={value === undefined ? "" : String(value)} className={field}>
        <option value="">All</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The list's filters as a plain GET form: every filtered list has its own URL (links from the dashboard and the accuracy panel). */
export function DeviceFilterBar(p: {
  filter: DeviceFilter;
  sites: { id: number; name: string }[];
  classes: { id: number; name: string; depth: number }[];
  manufacturers: { id: number; name: string }[];
  models: { id: number; name: string; manufacturerId: number }[];
}) {
  const f = p.filter;
  const makerName = new Map(p.manufacturers.map((m) => [m.id, m.name]));
  return (
    <form method="get" action="/inventory" role="search" aria-label="Filter devices" className="mb-4 grid gap-3 sm:grid-cols-3 lg:grid-cols-6">
      <label className="space-y-1 text-sm sm:col-span-2">
        <span className="block font-medium">Search asset tag, serial, hostname or IP</span>
        <input name="q" defaultValue={f.q ?? ""} className={field} maxLength={200} />
      </label>
      <Select name="site" label="Site" value={f.site} options={p.sites.map((s) => ({ value: s.id, label: s.name }))} />
      <Select name="deviceClass" label="Device class (with its subclasses)" value={f.deviceClass} options={p.classes.map((c) => ({ value: c.id, label: `${"\u00a0\u00a0".repeat(c.depth)}${c.name}` }))} />
      <Select name="manufacturer" label="Manufacturer" value={f.manufacturer} options={p.manufacturers.map((m) => ({ value: m.id, label: m.name }))} />
      <Select name="model" label="Model" value={f.model} options={p.models.map((m) => ({ value: m.id, label: `${m.name} (${makerName.get(m.manufacturerId) ?? "?"})` }))} />
      <Select name="support" label="Support status" value={f.support} options={SUPPORT_STATUSES.map((s) => ({ value: s, label: SUPPORT_STATUS_LABELS[s] }))} />
      <Select name="status" label="Status" value={f.status} options={DEVICE_STATUSES.map((s) => ({ value: s, label: DEVICE_STATUS_LABELS[s] }))} />
      <Select name="connected" label="Connected" value={f.connected} options={[{ value: "yes", label: "Connected" }, { value: "no", label: "Not connected" }]} />
      <Select name="phi" label="Stores PHI" value={f.phi} options={[{ value: "yes", label: "Stores PHI" }, { value: "no", label: "No PHI" }]} />
      {f.gap && <input type="hidden" name="gap" value={f.gap} />}
      <div className="flex items-end gap-2">
        <button type="submit" className={buttonClass("primary", "sm")}>
          Filter
        </button>
        <Link href="/inventory" className="text-sm">
          Clear
        </Link>
      </div>
    </form>
  );
}
