import { DEVICE_STATUSES } from "@/db/schema/inventory";
import { SUPPORT_STATUSES } from "@/lib/rules/support-status";
import type { DeviceFilter } from "@/lib/validation/inventory";
import { FilterBar, optionsOf } from "@/components/ui/filter-bar";
import { DEVICE_STATUS_LABELS, SUPPORT_STATUS_LABELS } from "./labels";

/** The list's filters as a plain GET form: every filtered list has its own URL (links from the dashboard and the accuracy panel). */
export function DeviceFilterBar(p: {
  filter: DeviceFilter;
  sites: { id: number; name: string }[];
  classes: { id: number; name: string; depth: number }[];
  manufacturers: { id: number; name: string }[];
  models: { id: number; name: string; manufacturerId: number }[];
}) {
  const f = p.filter;
  return (
    <FilterBar
      label="Filter devices"
      search
      action="/inventory"
      clearHref="/inventory"
      submitLabel="Filter"
      className="mb-4 grid gap-3 sm:grid-cols-3 lg:grid-cols-6"
      keep={{ gap: f.gap }}
      fields={[
        { kind: "text", name: "q", label: "Search asset tag, serial, hostname or IP", value: f.q, className: "sm:col-span-2" },
        {
          kind: "select",
          name: "site",
          label: "Site",
          value: f.site,
          options: optionsOf(p.sites, (list) => list.map((s) => ({ value: s.id, label: s.name }))),
        },
        {
          kind: "select",
          name: "deviceClass",
          label: "Device class (with its subclasses)",
          value: f.deviceClass,
          options: optionsOf(p.classes, (list) => list.map((c) => ({ value: c.id, label: `${"\u00a0\u00a0".repeat(c.depth)}${c.name}` }))),
        },
        {
          kind: "select",
          name: "manufacturer",
          label: "Manufacturer",
          value: f.manufacturer,
          options: optionsOf(p.manufacturers, (list) => list.map((m) => ({ value: m.id, label: m.name }))),
        },
        {
          kind: "select",
          name: "model",
          label: "Model",
          value: f.model,
          // The maker's name comes from the same cached read model as the models (deviceFilterOptions), so keying on
          // the models' list is enough: a change to either gives both new lists.
          options: optionsOf(p.models, (list) => {
            const makerName = new Map(p.manufacturers.map((m) => [m.id, m.name]));
            return list.map((m) => ({ value: m.id, label: `${m.name} (${makerName.get(m.manufacturerId) ?? "?"})` }));
          }),
        },
        {
          kind: "select",
          name: "support",
          label: "Support status",
          value: f.support,
          options: SUPPORT_STATUSES.map((s) => ({ value: s, label: SUPPORT_STATUS_LABELS[s] })),
        },
        {
          kind: "select",
          name: "status",
          label: "Status",
          value: f.status,
          options: DEVICE_STATUSES.map((s) => ({ value: s, label: DEVICE_STATUS_LABELS[s] })),
        },
        {
          kind: "select",
          name: "connected",
          label: "Connected",
          value: f.connected,
          options: [
            { value: "yes", label: "Connected" },
            { value: "no", label: "Not connected" },
          ],
        },
        {
          kind: "select",
          name: "phi",
          label: "Stores PHI",
          value: f.phi,
          options: [
            { value: "yes", label: "Stores PHI" },
            { value: "no", label: "No PHI" },
          ],
        },
      ]}
    />
  );
}
