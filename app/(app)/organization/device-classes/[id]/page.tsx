import type { Metadata } from "next";
import { loadOr404, pathId } from "@/lib/server/route-params";
import Link from "next/link";
import { requirePageActor } from "@/lib/auth/current";
import { can } from "@/lib/auth/permissions";
import { ancestorsOf, buildTree, flattenTree } from "@/lib/rules/device-class-tree";
import { getDeviceClass, listDeviceClasses } from "@/lib/services/admin/list-org";
import { getDb } from "@/lib/server/db";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { ActionForm } from "@/components/forms/action-form";
import { SelectField } from "@/components/forms/fields";
import { DeviceClassForm } from "@/components/admin/device-class-form";
import { CONNECTIVITY_LABELS, CRITICALITY_LABELS, REGULATED_LABELS } from "@/components/admin/labels";
import { archiveDeviceClassAction, moveDeviceClassAction, updateDeviceClassAction } from "../../actions";

export const metadata: Metadata = { title: "Device class" };

export default async function DeviceClassPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageActor();
  const db = await getDb();
  const id = pathId((await params).id);
  const dc = loadOr404(() => getDeviceClass(db, actor, id));
  const all = listDeviceClasses(db, actor, { includeArchived: true });
  const byId = new Map(all.map((c) => [c.id, c]));
  const path = ancestorsOf(all, dc.id)
    .reverse()
    .map((a) => byId.get(a)!);
  const children = all.filter((c) => c.parentId === dc.id);
  const manage = can(actor, "deviceClass.manage");
  const descendants = new Set<number>();
  for (const c of all) if (ancestorsOf(all, c.id).includes(dc.id)) descendants.add(c.id);
  const parentOptions = flattenTree(buildTree(all.filter((c) => !c.archivedAt && c.id !== dc.id && !descendants.has(c.id)))).map((c) => ({
    value: String(c.id),
    label: `${"— ".repeat(c.depth)}${c.name}`,
  }));

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-600">
        <Link href="/organization">Organization</Link>
        {path.map((p) => (
          <span key={p.id}>
            {" / "}
            <Link href={`/organization/device-classes/${p.id}`}>{p.name}</Link>
          </span>
        ))}
      </nav>
      <PageHeader
        title={dc.name}
        description={dc.description || undefined}
        actions={
          <div className="flex items-center gap-3">
            {dc.archivedAt && <Badge>Archived</Badge>}
            <Link href={`/raci/${dc.id}`}>RACI matrix</Link>
          </div>
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card title="Attributes" className="lg:col-span-1">
          <dl className="grid grid-cols-2 gap-x-4 gap-y-2 text-sm">
            <dt className="text-slate-500">Medical device</dt>
            <dd>{REGULATED_LABELS[dc.regulated]}</dd>
            <dt className="text-slate-500">FDA class</dt>
            <dd>{dc.fdaClass ? `Class ${dc.fdaClass}` : "Not classified"}</dd>
            <dt className="text-slate-500">Connectivity</dt>
            <dd>{CONNECTIVITY_LABELS[dc.connectivity]}</dd>
            <dt className="text-slate-500">Remote vendor access</dt>
            <dd>{dc.remoteVendorAccess ? "Yes" : "No"}</dd>
            <dt className="text-slate-500">Stores PHI</dt>
            <dd>{dc.storesPhi ? "Yes" : "No"}</dd>
            <dt className="text-slate-500">Life-sustaining</dt>
            <dd>{dc.lifeSustaining ? "Yes" : "No"}</dd>
            <dt className="text-slate-500">Clinical criticality</dt>
            <dd>{CRITICALITY_LABELS[dc.criticality]}</dd>
          </dl>
          <h3 className="mt-4 text-sm font-semibold">Subclasses</h3>
          {children.length === 0 ? (
            <p className="text-sm text-slate-600">None.</p>
          ) : (
            <ul className="list-disc pl-5 text-sm">
              {children.map((c) => (
                <li key={c.id}>
                  <Link href={`/organization/device-classes/${c.id}`}>{c.name}</Link> {c.archivedAt && <Badge>Archived</Badge>}
                </li>
              ))}
            </ul>
          )}
        </Card>
        {manage && (
          <div className="space-y-6 lg:col-span-2">
            <Card title="Edit">
              <DeviceClassForm action={updateDeviceClassAction} values={dc} submitLabel="Save changes" />
            </Card>
            <Card title="Move in the tree">
              <ActionForm action={moveDeviceClassAction} submitLabel="Move">
                <input type="hidden" name="id" value={dc.id} />
                <SelectField
                  name="parentId"
                  label="New parent class"
                  options={parentOptions}
                  placeholder="(top level)"
                  defaultValue={dc.parentId ? String(dc.parentId) : ""}
                />
              </ActionForm>
            </Card>
            <Card title={dc.archivedAt ? "Restore" : "Archive"}>
              <p className="mb-3 text-sm text-slate-600">
                {dc.archivedAt
                  ? "Restoring brings the class back into pickers and coverage."
                  : "Archiving hides the class from pickers and coverage. Its history and any signed documents stay intact. Nothing is deleted."}
              </p>
              <ActionForm
                action={archiveDeviceClassAction}
                submitLabel={dc.archivedAt ? "Restore class" : "Archive class"}
                variant={dc.archivedAt ? "secondary" : "danger"}
              >
                <input type="hidden" name="id" value={dc.id} />
                <input type="hidden" name="archived" value={dc.archivedAt ? "false" : "true"} />
              </ActionForm>
            </Card>
          </div>
        )}
      </div>
    </>
  );
}
