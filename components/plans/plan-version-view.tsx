import Link from "next/link";
import type { ClassResponsibility, PlanDetail } from "@/lib/services/plans/get-plans";
import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";

export type PlanVersionDetail = NonNullable<PlanDetail["approved"]>;

function Holders({ holders, letter }: { holders: ClassResponsibility["activities"][number]["accountable"]; letter: "Accountable" | "Responsible" }) {
  if (holders.length === 0) return <span className="font-medium text-red-800">Nobody is {letter}</span>;
  return (
    <ul className="space-y-0.5">
      {holders.map((h, i) => (
        <li key={`${h.party}:${i}`}>
          <span className="font-medium">{h.party}</span>
          <span className="text-slate-600"> — {h.lead ? `lead: ${h.lead}` : "no lead named"}</span>
        </li>
      ))}
    </ul>
  );
}

/** Same look as Td; a plain cell because a message spans the activity, A and R columns. */
const cell = "border-b border-slate-100 px-3 py-2 align-top";

/**
 * Who is Accountable and Responsible for each activity the plan exercises, read live from each class's
 * effective (signed) RACI, so the plan never names an owner the RACI does not agree on.
 */
export function ResponsibilityTable({ responsibilities, caption }: { responsibilities: ClassResponsibility[]; caption: string }) {
  if (responsibilities.length === 0) return <p className="text-sm text-slate-600">No device classes are in scope, so there are no responsibilities to show.</p>;
  return (
    <Table caption={caption}>
      <thead>
        <tr>
          <Th>Device class</Th>
          <Th>Activity</Th>
          <Th>Accountable (A)</Th>
          <Th>Responsible (R)</Th>
        </tr>
      </thead>
      {responsibilities.map((c) => {
        const classCell = (
          <Td>
            <Link href={`/raci/${c.classId}`}>{c.className}</Link>
            {c.effectiveVersionNo != null && <span className="block text-xs text-slate-600">Signed RACI version {c.effectiveVersionNo}</span>}
          </Td>
        );
        return (
          <tbody key={c.classId}>
            {c.effectiveVersionNo == null ? (
              <tr>
                {classCell}
                <td colSpan={3} className={`${cell} bg-red-50 text-red-900`}>
                  <Badge tone="bad">Not agreed</Badge> No signed RACI for this class — responsibilities are not agreed.
                </td>
              </tr>
            ) : c.activities.length === 0 ? (
              <tr>
                {classCell}
                <td colSpan={3} className={`${cell} text-slate-600`}>
                  This plan exercises no RACI activity yet.
                </td>
              </tr>
            ) : (
              c.activities.map((a) => (
                <tr key={a.activityId}>
                  {classCell}
                  <Td>{a.activityName}</Td>
                  <Td>
                    <Holders holders={a.accountable} letter="Accountable" />
                  </Td>
                  <Td>
                    <Holders holders={a.responsible} letter="Responsible" />
                  </Td>
                </tr>
              ))
            )}
          </tbody>
        );
      })}
    </Table>
  );
}

function NameList({ items, empty }: { items: { id: number; name: string }[]; empty: string }) {
  if (items.length === 0) return <p className="text-sm text-slate-600">{empty}</p>;
  return (
    <ul className="list-disc space-y-0.5 pl-5 text-sm">
      {items.map((x) => (
        <li key={x.id}>{x.name}</li>
      ))}
    </ul>
  );
}

const h3 = "mb-2 text-sm font-semibold text-slate-900";

/** A plan version, read-only: what people act on. Headings are level 3 (inside a Card's h2). */
export function PlanVersionView({ version }: { version: PlanVersionDetail }) {
  const v = version;
  return (
    <div className="space-y-6">
      <section>
        <h3 className={h3}>Scenario</h3>
        {v.scenario.trim() ? <p className="whitespace-pre-line text-sm">{v.scenario}</p> : <p className="text-sm text-slate-600">No scenario written.</p>}
      </section>
      <section className="grid gap-4 md:grid-cols-3">
        <div>
          <h3 className={h3}>Device classes in scope</h3>
          {v.classes.length === 0 ? (
            <p className="text-sm text-slate-600">None chosen.</p>
          ) : (
            <ul className="list-disc space-y-0.5 pl-5 text-sm">
              {v.classes.map((c) => (
                <li key={c.id}>
                  <Link href={`/raci/${c.id}`}>{c.name}</Link>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h3 className={h3}>RACI activities exercised</h3>
          <NameList items={v.activities} empty="None chosen." />
        </div>
        <div>
          <h3 className={h3}>Review and exercise</h3>
          <p className="text-sm">
            Reviewed every {v.reviewIntervalMonths} months; exercised every {v.exerciseIntervalMonths} months.
          </p>
        </div>
      </section>
      <section>
        <h3 className={h3}>Who is responsible</h3>
        <p className="mb-2 text-xs text-slate-600">Read live from each device class&apos;s signed RACI: if a RACI changes, this table follows it.</p>
        <ResponsibilityTable responsibilities={v.responsibilities} caption={`Who is responsible for version ${v.versionNo}, by device class and activity`} />
      </section>
      <section>
        <h3 className={h3}>Response steps</h3>
        {v.stepsNamed.length === 0 ? (
          <p className="text-sm text-slate-600">No steps written.</p>
        ) : (
          <ol className="list-decimal space-y-2 pl-6 text-sm">
            {v.stepsNamed.map((s, i) => (
              <li key={i}>
                <span className="font-medium">{[s.party ?? "No party", s.role].filter(Boolean).join(" — ")}:</span>{" "}
                <span className="whitespace-pre-line">{s.action}</span>
              </li>
            ))}
          </ol>
        )}
      </section>
      <section>
        <h3 className={h3}>Contacts</h3>
        {v.contacts.length === 0 ? (
          <p className="text-sm text-slate-600">No contacts listed.</p>
        ) : (
          <Table caption={`Contacts for version ${v.versionNo}`}>
            <thead>
              <tr>
                <Th>Name</Th>
                <Th>Role</Th>
                <Th>Phone</Th>
              </tr>
            </thead>
            <tbody>
              {v.contacts.map((c, i) => (
                <tr key={i}>
                  <Td>{c.name}</Td>
                  <Td>{c.role}</Td>
                  <Td className="whitespace-nowrap tabular-nums">{c.phone}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>
      <section>
        <h3 className={h3}>Clinical downtime procedures</h3>
        {v.downtimeProcedures.trim() ? (
          <p className="whitespace-pre-line text-sm">{v.downtimeProcedures}</p>
        ) : (
          <p className="text-sm text-slate-600">None written.</p>
        )}
      </section>
      <section className="grid gap-4 md:grid-cols-2">
        <div>
          <h3 className={h3}>Named people</h3>
          <NameList items={v.namedUsers} empty="No person named." />
        </div>
        <div>
          <h3 className={h3}>Named parties</h3>
          <NameList items={v.namedParties} empty="No party named." />
        </div>
      </section>
    </div>
  );
}
