import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/lib/auth/current";
import { loadOr404, pathId } from "@/lib/server/route-params";
import { getDb } from "@/lib/server/db";
import { buildTree, flattenTree } from "@/lib/rules/device-class-tree";
import { getModel } from "@/lib/services/inventory/get-model";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { ModelForm } from "@/components/inventory/device-forms";
import { DEVICE_STATUS_LABELS } from "@/components/inventory/labels";
import { SupportBadge } from "@/components/inventory/support-badge";
import { updateModelAction } from "../../actions";

export const metadata: Metadata = { title: "Model" };

export default async function ModelPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageActor();
  const id = pathId((await params).id);
  const db = await getDb();
  const v = loadOr404(() => getModel(db, actor, id));
  const m = v.model;
  return (
    <>
      <PageHeader
        title={`${v.manufacturer.name} ${m.name}`}
        description={`Spellings on file for ${v.manufacturer.name}: ${v.manufacturer.aliases.join(", ") || "—"}`}
        actions={<Link href={`/inventory?model=${m.id}`}>Devices of this model</Link>}
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Support and disclosure">
          <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="font-medium">Support status</dt>
            <dd>
              <SupportBadge status={v.support.status} endsOn={v.support.endsOn} />
            </dd>
            <dt className="font-medium">Device class</dt>
            <dd>{v.deviceClass?.name ?? "Not classified"}</dd>
            <dt className="font-medium">End of sale</dt>
            <dd>{m.endOfSale ?? "Unknown"}</dd>
            <dt className="font-medium">End of support</dt>
            <dd>{m.endOfSupport ?? "Unknown"}</dd>
            <dt className="font-medium">End of security patches</dt>
            <dd>{m.endOfSecurityPatches ?? "Unknown"}</dd>
            <dt className="font-medium">MDS2 on file</dt>
            <dd>{m.mds2OnFile ? `Yes${m.mds2Date ? `, dated ${m.mds2Date}` : ""}` : "No"}</dd>
            <dt className="font-medium">FDA product code</dt>
            <dd>{m.fdaProductCode ?? "—"}</dd>
          </dl>
        </Card>
        <Card title="Devices per site and status">
          {v.bySite.length === 0 ? (
            <p className="text-sm text-slate-600">No device of this model.</p>
          ) : (
            <Table caption="Devices per site and status">
              <thead>
                <tr>
                  <Th>Site</Th>
                  <Th>Status</Th>
                  <Th>Devices</Th>
                </tr>
              </thead>
              <tbody>
                {v.bySite.map((r) => (
                  <tr key={`${r.siteId}-${r.status}`}>
                    <Td>{r.site}</Td>
                    <Td>{DEVICE_STATUS_LABELS[r.status]}</Td>
                    <Td>
                      <Link href={`/inventory?model=${m.id}&site=${r.siteId}&status=${r.status}`}>{r.n}</Link>
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </Card>
        {v.rights.all && (
          <Card title="Edit model" className="lg:col-span-2">
            <ModelForm
              action={updateModelAction}
              model={m}
              classes={flattenTree(buildTree(v.classes)).map((c) => ({ id: c.id, name: c.name, depth: c.depth }))}
            />
          </Card>
        )}
      </div>
    </>
  );
}
