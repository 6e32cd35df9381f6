import type { Metadata } from "next";
import { parseQuery } from "@/lib/server/route-params";
import { notFound } from "next/navigation";
import { requirePageActor } from "@/lib/auth/current";
import { can } from "@/lib/auth/permissions";
import { listActiveUserNames } from "@/lib/services/admin/list-org";
import { listAudit, listAuditEntityTypes } from "@/lib/services/audit/list-audit";
import { auditQuery } from "@/lib/validation/audit";
import { QueryProblems } from "@/components/ui/query-problems";
import { getDb } from "@/lib/server/db";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { buttonClass } from "@/components/ui/button";
import { VerifyIntegrityButton } from "@/components/audit/verify-button";
import { verifyAuditAction } from "./actions";

export const metadata: Metadata = { title: "Audit trail" };

function summarize(json: string | null): string {
  if (!json) return "";
  try {
    const v = JSON.parse(json) as Record<string, unknown>;
    return Object.entries(v)
      .map(([k, x]) => `${k}: ${typeof x === "object" ? JSON.stringify(x) : String(x)}`)
      .join("; ");
  } catch {
    return json;
  }
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor();
  if (!can(actor, "audit.read")) notFound();
  const db = await getDb();
  const { query, problems } = parseQuery(auditQuery, await searchParams);
  const filter = { ...query, page: query.page ?? 1 };
  const { rows, hasMore } = listAudit(db, actor, filter);
  const types = listAuditEntityTypes(db, actor);
  const users = listActiveUserNames(db, actor);
  const qs = (page: number) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...filter, page })) if (v !== undefined && v !== "") p.set(k, String(v));
    return `?${p.toString()}`;
  };
  const field = "block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";
  return (
    <>
      <PageHeader
        title="Audit trail"
        description="Every change to governed data: who, when (UTC), what, and the old and new values. Entries are append-only and chained with a keyed hash."
        actions={can(actor, "audit.verify") ? <VerifyIntegrityButton action={verifyAuditAction} /> : undefined}
      />
      <QueryProblems problems={problems} />
      <Card>
        <form method="get" className="mb-4 grid gap-3 md:grid-cols-5" aria-label="Filter the audit trail">
          <div>
            <label htmlFor="f-entity" className="text-sm font-medium">Entity</label>
            <select id="f-entity" name="entityType" defaultValue={filter.entityType ?? ""} className={field}>
              <option value="">All entities</option>
              {types.map((t) => (
                <option key={t} value={t}>{t}</option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="f-user" className="text-sm font-medium">User</label>
            <select id="f-user" name="actorId" defaultValue={filter.actorId ? String(filter.actorId) : ""} className={field}>
              <option value="">All users</option>
              {users.map((u) => (
                <option key={u.id} value={u.id}>{u.name}</option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="f-from" className="text-sm font-medium">From (UTC date)</label>
            <input id="f-from" type="date" name="from" defaultValue={filter.from} className={field} />
          </div>
          <div>
            <label htmlFor="f-to" className="text-sm font-medium">To (UTC date)</label>
            <input id="f-to" type="date" name="to" defaultValue={filter.to} className={field} />
          </div>
          <div className="flex items-end gap-2">
            <button type="submit" className={buttonClass("primary", "sm")}>Apply filters</button>
            <a href="/audit" className="text-sm">Clear</a>
          </div>
        </form>
        <Table caption="Audit entries, newest first">
          <thead>
            <tr>
              <Th>#</Th>
              <Th>When (UTC)</Th>
              <Th>Who</Th>
              <Th>Action</Th>
              <Th>Entity</Th>
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
                <Td className="font-mono text-xs">{r.action}</Td>
                <Td>
                  {r.entityType} {r.entityId}
                </Td>
                <Td className="max-w-xs break-words text-xs text-slate-600">{summarize(r.oldValues)}</Td>
                <Td className="max-w-xs break-words text-xs">{summarize(r.newValues)}</Td>
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
