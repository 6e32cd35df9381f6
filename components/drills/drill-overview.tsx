import Link from "next/link";
import { Card } from "@/components/ui/card";
import type { DrillDetail } from "./drill-detail";
import { MEASURED_TIMES, attendanceText, minutesText } from "./drill-labels";

function Row({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-1 py-2 sm:grid-cols-[12rem_1fr]">
      <dt className="text-sm font-medium text-slate-700">{term}</dt>
      <dd className="text-sm">{children}</dd>
    </div>
  );
}

/** What the drill is: type, dates, facilitator, plans and classes tested (or activated), scenario, participants. */
export function DrillOverviewCard({ r }: { r: DrillDetail }) {
  const { drill: d } = r;
  const realEvent = d.kind === "real_event";
  return (
    <Card title="Overview">
      <dl className="divide-y divide-slate-100">
        <Row term="Type">
          {d.typeLabel} ({d.group})
        </Row>
        <Row term="Planned date">{realEvent ? "Not planned (real event)" : <span className="tabular-nums">{d.plannedDate}</span>}</Row>
        <Row term="Actual dates">
          {d.actualStart ? (
            <span className="tabular-nums">
              {d.actualStart}
              {d.actualEnd && d.actualEnd !== d.actualStart ? ` to ${d.actualEnd}` : ""}
            </span>
          ) : (
            "Not conducted yet"
          )}
        </Row>
        <Row term="Facilitator">{d.facilitator ?? "None named"}</Row>
        <Row term={realEvent ? "Plans activated" : "Plans tested"}>
          {r.plans.length === 0 ? (
            "None"
          ) : (
            <ul className="space-y-0.5">
              {r.plans.map((p) => (
                <li key={p.id}>
                  <Link href={`/plans/${p.id}`}>{p.title}</Link>
                </li>
              ))}
            </ul>
          )}
        </Row>
        <Row term={realEvent ? "Device classes affected" : "Device classes tested"}>
          {r.classes.length === 0 ? "None" : r.classes.map((c) => c.name).join(", ")}
        </Row>
        <Row term={realEvent ? "What happened" : "Scenario"}>{d.scenario ? <span className="whitespace-pre-wrap">{d.scenario}</span> : "Not described"}</Row>
        <Row term="Participants">
          {r.participants.length === 0 ? (
            "None named"
          ) : (
            <ul className="space-y-0.5" aria-label="Participants and attendance">
              {r.participants.map((p) => (
                <li key={p.id}>
                  {p.name} — {attendanceText(p.attended)}
                </li>
              ))}
            </ul>
          )}
        </Row>
        {d.conductedByName && <Row term="Recorded as conducted by">{d.conductedByName}</Row>}
      </dl>
    </Card>
  );
}

/** Times measured during the drill (time to detect, isolate, restore …), when any was recorded. */
export function MeasuredTimesCard({ r }: { r: DrillDetail }) {
  const { drill: d } = r;
  const measured = MEASURED_TIMES.filter(([k]) => d[k] != null);
  if (measured.length === 0) return null;
  return (
    <Card title="Measured times">
      <dl className="divide-y divide-slate-100">
        {measured.map(([k, label]) => (
          <Row key={k} term={label}>
            {minutesText(d[k])}
          </Row>
        ))}
      </dl>
    </Card>
  );
}
