import Link from "next/link";
import { DRILL_STATUS_LABELS } from "@/lib/rules/drills";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { SignatureList, type SignatureView } from "@/components/signatures/signature-list";
import type { PlanDetail } from "./plan-detail";
import { DateText, PlanVersionStatusBadge } from "./plan-labels";

const DRILL_KIND_LABELS = { exercise: "Exercise", real_event: "Actual event" } as const;

/** Every version with its status and approval, and the signatures on each. */
export function PlanHistoryCard({ p, sigView }: { p: PlanDetail; sigView: (versionNo: number) => SignatureView[] }) {
  return (
    <Card title="Version history">
      <Table caption="Versions of this plan">
        <thead>
          <tr>
            <Th>Version</Th>
            <Th>Status</Th>
            <Th>Approved</Th>
            <Th>Approved by</Th>
            <Th>Superseded</Th>
          </tr>
        </thead>
        <tbody>
          {p.history.map((h) => (
            <tr key={h.versionNo}>
              <Td className="tabular-nums">Version {h.versionNo}</Td>
              <Td>
                <PlanVersionStatusBadge status={h.status} />
              </Td>
              <Td className="whitespace-nowrap">{h.approvedAt ? <DateText iso={h.approvedAt} /> : "Not approved"}</Td>
              <Td>{h.approvedBy ?? "—"}</Td>
              <Td className="whitespace-nowrap">{h.supersededAt ? <DateText iso={h.supersededAt} /> : h.status === "approved" ? "In force" : "—"}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
      {p.signatures.length > 0 && (
        <div className="mt-6 space-y-4">
          {p.signatures.map((s) => (
            <section key={s.versionNo}>
              <h3 className="mb-2 text-sm font-semibold text-slate-900">Signatures on version {s.versionNo}</h3>
              <SignatureList signatures={sigView(s.versionNo)} />
            </section>
          ))}
        </div>
      )}
    </Card>
  );
}

/** Drills and actual events that exercised the plan (HSEEP: a plan is proven by exercising it). */
export function PlanExercisedByCard({ p }: { p: PlanDetail }) {
  return (
    <Card title="Drills and events that exercised this plan">
      {p.exercisedBy.length === 0 ? (
        <p className="text-sm text-slate-600">No drill or actual event has exercised this plan yet.</p>
      ) : (
        <Table caption="Drills and actual events that exercised this plan">
          <thead>
            <tr>
              <Th>Drill</Th>
              <Th>Type</Th>
              <Th>Status</Th>
              <Th>Date</Th>
            </tr>
          </thead>
          <tbody>
            {p.exercisedBy.map((d) => (
              <tr key={d.id}>
                <Td>
                  <Link href={`/drills/${d.id}`}>{d.title}</Link>
                </Td>
                <Td>{DRILL_KIND_LABELS[d.kind]}</Td>
                <Td>{DRILL_STATUS_LABELS[d.status] ?? d.status}</Td>
                <Td className="whitespace-nowrap">
                  {d.date ? (
                    <DateText iso={d.date} />
                  ) : d.planned ? (
                    <>
                      Planned <DateText iso={d.planned} />
                    </>
                  ) : (
                    "Not dated"
                  )}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Card>
  );
}
