import type { Metadata } from "next";
import { parseQuery } from "@/lib/server/route-params";
import { notFound } from "next/navigation";
import { requirePageActor } from "@/lib/auth/current";
import { can } from "@/lib/auth/permissions";
import { listActiveUserNames } from "@/lib/services/admin/list-org";
import { listAuditEntityTypes } from "@/lib/services/audit/list-audit";
import { ENTITY_LABELS, humanize, listAuditDescribed } from "@/lib/services/audit/describe-audit";
import { auditQuery } from "@/lib/validation/audit";
import { QueryProblems } from "@/components/ui/query-problems";
import { getDb } from "@/lib/server/db";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { FilterBar } from "@/components/ui/filter-bar";
import { VerifyIntegrityButton } from "@/components/audit/verify-button";
import { verifyAuditAction } from "./actions";

export const metadata: Metadata = { title: "Audit trail" };

/** Field values in full; a long one folds behind "Show all" so the table stays readable. */
function Values({ values, label }: { values: [string, string][]; label: string }) {
  if (values.length === 0) return <span className="text-slate-400">—</span>;
  const text = values.map(([k, v]) => `${k}: ${v}`).join("; ");
  if (text.length <= 160) return <span>{text}</span>;
  return (
    <details>
      <summary className="cursor-pointer">
        {text.slice(0, 120)}… <span className="text-brand-700 underline">Show all {label}</span>
      </summary>
      <dl className="mt-1 space-y-1">
        {values.map(([k, v]) => (
          <div key={k}>
            <dt className="font-medium">{k}</dt>
            <dd className="whitespace-pre-wrap">{v}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor();
  if (!can(actor, "audit.read")) notFound();
  const db = await getDb();
  const { query, problems } = parseQuery(auditQuery, await searchParams);
  const filter = { ...query, page: query.page ?? 1 };
  const { rows, hasMore } = listAuditDescribed(db, actor, filter);
  const types = listAuditEntityTypes(db, actor);
  const users = listActiveUserNames(db, actor);
  const exportQs = (() => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (k !== "page" && v !== undefined && v !== "") p.set(k, String(v));
    return p.toString();
  })();
  const qs = (page: number) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...filter, page })) if (v !== undefined && v !== "") p.set(k, String(v));
    return `?${p.toString()}`;
  };
  return (
    <>
      <PageHeader
        title="Audit trail"
        description="Every change to governed data: who, when (UTC), what, and the old and new values. Entries are append-only and chained with a keyed hash."
        actions={can(actor, "audit.verify") ? <VerifyIntegrityButton action={verifyAuditAction} /> : undefined}
      />
      <QueryProblems problems={problems} />
      <Card>
        <FilterBar
          label="Filter the audit trail"
          clearHref="/audit"
          className="mb-4 grid gap-3 md:grid-cols-5"
          fields={[
            {
              kind: "select",
              name: "entityType",
              label: "Entity",
              value: filter.entityType,
              all: "All entities",
              options: types.map((t) => ({ value: t, label: ENTITY_LABELS[t] ?? humanize(t) })),
            },
            {
              kind: "select",
              name: "actorId",
              label: "User",
              value: filter.actorId,
              all: "All users",
              options: users.map((u) => ({ value: u.id, label: u.name })),
            },
            { kind: "date", name: "from", label: "From (UTC date)", value: filter.from },
            { kind: "date", name: "to", label: "To (UTC date)", value: filter.to },
          ]}
        >
          <p className="text-sm md:col-span-5">
            <a href={`/api/audit/export${exportQs ? `?${exportQs}` : ""}`} download>
              Export these entries as CSV
            </a>{" "}
            (every entry matching the filters, with the result of verifying the whole chain at the time of export)
          </p>
        </FilterBar>
        <Table caption="Audit entries, newest first">
          <thead>
            <tr>
              <Th>#</Th>
              <Th>When (UTC)</Th>
              <Th>Who</Th>
              <Th>Action</Th>
              <Th>Record</Th>
              <Th>Old values</Th>
              <Th>New values</Th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.seq}>
                <Td className="tabular-nums text-slate-500">{r.seq}</Td>
                <Td className="whitespace-nowrap tabular-nums">{r.at.replace("T", " ").slice(0, 19)}</Td>
                <Td>{r.actorLabel}</Td>
                <Td>
                  {r.actionLabel}
                  <span className="block font-mono text-[11px] text-slate-500">{r.action}</span>
                </Td>
                <Td>
                  <span className="block text-xs text-slate-600">{r.entityLabel}</span>
                  {r.recordName ? r.href ? <a href={r.href}>{r.recordName}</a> : r.recordName : `#${r.entityId}`}
                </Td>
                <Td className="min-w-[12rem] max-w-sm text-xs text-slate-600">
                  <Values values={r.oldValues} label="old values" />
                </Td>
                <Td className="min-w-[12rem] max-w-sm text-xs">
                  <Values values={r.newValues} label="new values" />
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
        {rows.length === 0 && <p className="py-4 text-sm text-slate-600">No entries match these filters.</p>}
        <nav aria-label="Pages" className="mt-3 flex gap-3 text-sm">
          {filter.page > 1 && <a href={qs(filter.page - 1)}>Newer entries</a>}
          {hasMore && <a href={qs(filter.page + 1)}>Older entries</a>}
        </nav>
      </Card>
    </>
  );
}
