import { PATCH_STATUSES, PATCH_STATUS_LABELS } from "@/lib/rules/patch-state";
import type { PatchQueueFilter } from "@/lib/validation/patches";
import { FilterBar } from "@/components/ui/filter-bar";

/** The queue's filters as a plain GET form, so every filtered queue has its own URL (dashboard links, "My items"). */
export function PatchFilterBar({
  filter,
  parties,
  sites,
}: {
  filter: PatchQueueFilter;
  parties: { id: number; name: string }[];
  sites: { id: number; name: string }[];
}) {
  return (
    <FilterBar
      label="Filter the patch queue"
      search
      action="/patches"
      clearHref="/patches"
      submitLabel="Filter"
      className="mb-4 grid gap-3 sm:grid-cols-5"
      keep={{ advisory: filter.advisory, device: filter.device }}
      fields={[
        {
          kind: "select",
          name: "party",
          label: "Party (Responsible or Accountable)",
          value: filter.party,
          options: [...parties.map((p) => ({ value: p.id, label: p.name })), { value: "none", label: "No signed owner" }],
        },
        {
          kind: "select",
          name: "role",
          label: "The party's role",
          value: filter.role,
          all: "Responsible or Accountable",
          options: [
            { value: "responsible", label: "Responsible (does the work)" },
            { value: "accountable", label: "Accountable (answers for it)" },
          ],
        },
        { kind: "select", name: "site", label: "Site", value: filter.site, options: sites.map((s) => ({ value: s.id, label: s.name })) },
        {
          kind: "select",
          name: "status",
          label: "Status",
          value: filter.status ?? "open",
          all: false,
          options: [
            ...PATCH_STATUSES.map((s) => ({ value: s, label: s === "open" ? "Open (all not yet done)" : PATCH_STATUS_LABELS[s] })),
            { value: "all", label: "Every status" },
          ],
        },
      ]}
    />
  );
}
