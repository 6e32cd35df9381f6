import Link from "next/link";
import type { PatchItem } from "@/lib/services/patches/list-patch-queue";
import type { FormAction } from "@/components/forms/action-form";
import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import { PATCH_STATUS_LABELS, PATCH_STATUS_TONES } from "./labels";
import { PatchWorkForms, type DeferralRequestView, type PatchWorkRights } from "./patch-work-forms";

const holders = (h: PatchItem["responsible"]) => (h ? h.map((x) => `${x.party}${x.lead ? ` (${x.lead})` : ""}`).join(", ") : null);

/** The ranked queue: one row per (advisory, device), with its due date, why it ranks where it does, and who owns it. */
export function PatchTable(p: {
  rows: (PatchItem & { rights: PatchWorkRights; deferralRequest?: DeferralRequestView | null })[];
  today: string;
  actions: { applied: FormAction; notApplicable: FormAction; defer: FormAction };
  showDevice?: boolean;
}) {
  if (p.rows.length === 0) return <p className="text-sm text-slate-600">No patch items match this filter.</p>;
  return (
    <Table caption="Patch queue">
      <thead>
        <tr>
          <Th>Advisory</Th>
          {p.showDevice !== false && <Th>Device</Th>}
          <Th>Priority</Th>
          <Th>OEM-validated patch</Th>
          <Th>Due</Th>
          <Th>Status</Th>
          <Th>Responsible / Accountable</Th>
        </tr>
      </thead>
      <tbody>
        {p.rows.map((r) => {
          const closed = r.status === "applied" || r.status === "notApplicable";
          return (
            <tr key={`${r.advisoryId}:${r.deviceId}`}>
              <Td>
                <Link href={`/advisories/${r.advisoryId}`}>{r.trackingId}</Link>
                <div className="text-xs text-slate-600">{r.advisoryTitle}</div>
              </Td>
              {p.showDevice !== false && (
                <Td>
                  <Link href={`/inventory/devices/${r.deviceId}`}>{r.assetTag}</Link>
                  <div className="text-xs text-slate-600">
                    {[r.manufacturer, r.model].filter(Boolean).join(" ")} · {r.deviceClass ?? "Not classified"} · {r.site}
                  </div>
                </Td>
              )}
              <Td>
                {r.onKev && (
                  <Badge tone="bad" className="mr-1">
                    Known exploited (KEV)
                  </Badge>
                )}
                <span>{r.cvss !== null ? `CVSS ${r.cvss.toFixed(1)}` : "No CVSS"}</span>
                <div className="text-xs text-slate-600">{r.reasons.filter((x) => !x.startsWith("known") && !x.startsWith("CVSS")).join(", ")}</div>
              </Td>
              <Td>
                {r.validatedVersion ?? "—"}
                <div className="text-xs text-slate-600">
                  validated {r.validatedOn}
                  {r.bulletin ? ` · ${r.bulletin}` : ""}
                </div>
              </Td>
              <Td>
                {r.dueOn}
                <div className="text-xs text-slate-600">{r.dueRule}</div>
              </Td>
              <Td>
                <Badge tone={PATCH_STATUS_TONES[r.status]}>{PATCH_STATUS_LABELS[r.status]}</Badge>
                <div className="text-xs text-slate-600">
                  {r.status === "applied" && `${r.appliedOn} · WO ${r.workOrder}`}
                  {r.status === "deferred" && `until ${r.deferUntil}`}
                </div>
                {r.deferralRequest && (
                  <div className="mt-1 text-xs">
                    <Badge tone="warn">Deferral requested</Badge> until {r.deferralRequest.deferUntil} by {r.deferralRequest.requestedBy.replace(/ <.*>$/, "")}{" "}
                    on {r.deferralRequest.requestedOn}, waiting for the Accountable lead&apos;s signature
                  </div>
                )}
              </Td>
              <Td>
                {r.responsible ? (
                  <>
                    <div>R: {holders(r.responsible)}</div>
                    <div>A: {holders(r.accountable)}</div>
                  </>
                ) : (
                  <Badge tone="warn">No signed owner</Badge>
                )}
                {!closed && (r.rights.record || r.rights.defer) && (
                  <details className="mt-2">
                    <summary className="cursor-pointer text-sm font-medium">
                      Record work on {r.assetTag} for {r.trackingId}
                    </summary>
                    <div className="mt-2 w-[min(60rem,80vw)]">
                      <PatchWorkForms
                        item={{ ...r, closed }}
                        rights={r.rights}
                        today={p.today}
                        actions={p.actions}
                        deferralRequest={r.deferralRequest ?? null}
                      />
                    </div>
                  </details>
                )}
              </Td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
