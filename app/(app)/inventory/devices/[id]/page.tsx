import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/lib/auth/current";
import { loadOr404, pathId } from "@/lib/server/route-params";
import { getDb } from "@/lib/server/db";
import { getDevice } from "@/lib/services/inventory/get-device";
import { outstandingRecallsForDevice } from "@/lib/services/recalls/get-recall";
import { can } from "@/lib/auth/permissions";
import { OwnerList, RecallClassBadge } from "@/components/recalls/labels";
import { Card, PageHeader } from "@/components/ui/card";
import { FactList } from "@/components/ui/fact-list";
import { SignedTime } from "@/components/ui/signed-time";
import { DeviceDuties } from "@/components/inventory/device-duties";
import { DeviceFactsForm, DeviceNetworkForm } from "@/components/inventory/device-forms";
import { FieldChangeList } from "@/components/inventory/field-change-list";
import { DEVICE_STATUS_LABELS, EVENT_LABELS } from "@/components/inventory/labels";
import { SupportBadge } from "@/components/inventory/support-badge";
import { updateDeviceAction } from "../../actions";
import { clock } from "@/lib/clock";
import { listAllPatchItems } from "@/lib/services/patches/list-patch-queue";
import { canDeferPatch, canRecordPatch } from "@/lib/services/patches/load-patch-item";
import { withDeferralRequests } from "@/lib/services/patches/request-patch-deferral";
import { PatchTable } from "@/components/patches/patch-table";
import { deferPatchAction, markPatchNotApplicableAction, recordPatchAppliedAction } from "../../../_shared/patches/actions";
import { DeviceAdvisories } from "@/components/advisories/device-advisories";
import { listDeviceAdvisories } from "@/lib/services/advisories/list-device-advisories";

export const metadata: Metadata = { title: "Device" };

export default async function DevicePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageActor();
  const id = pathId((await params).id);
  const db = await getDb();
  const v = loadOr404(() => getDevice(db, actor, id));
  const d = v.device;
  const today = clock.today();
  const patches = can(actor, "patch.read")
    ? withDeferralRequests(db, actor, listAllPatchItems(db, actor, { device: d.id, status: "all" }, today)).map((r) => ({
        ...r,
        rights: { record: canRecordPatch(actor, r.item), defer: canDeferPatch(actor, r.item) },
      }))
    : [];
  const advisories = can(actor, "advisory.read") ? listDeviceAdvisories(db, actor, id) : null;
  const recalls = can(actor, "recall.read") ? outstandingRecallsForDevice(db, actor, id) : [];
  const facts: [string, React.ReactNode][] = [
    ["Asset tag", d.assetTag],
    ["Serial number", d.serialNumber ?? "—"],
    ["Manufacturer", v.manufacturer?.name ?? "—"],
    ["Model", v.model ? <Link href={`/inventory/models/${v.model.id}`}>{v.model.name}</Link> : "—"],
    ["Device class", v.deviceClass?.name ?? "Not classified"],
    ["Site", v.site.name],
    ["Location", d.location ?? "—"],
    ["Status", DEVICE_STATUS_LABELS[d.status]],
    ["Support", <SupportBadge key="s" status={v.support.status} endsOn={v.support.endsOn} />],
    ["Connected", d.connected ? "Yes" : "No"],
    ["Hostname", d.hostname ?? "—"],
    ["IP address", d.ipAddress ?? "—"],
    ["MAC address", d.macAddress ?? "—"],
    ["Operating system", [d.osName, d.osVersion].filter(Boolean).join(" ") || "—"],
    ["Software / firmware", d.softwareVersion ?? "—"],
    ["Stores PHI", d.storesPhi ? "Yes" : "No"],
    ["CMMS", d.cmmsSource ? `${d.cmmsSource}${d.cmmsId ? `, record ${d.cmmsId}` : ""}` : "—"],
    ["Last inventoried", d.lastInventoriedOn ?? "Never"],
    ["Last seen on the network", d.lastSeenOn ?? "—"],
  ];
  return (
    <>
      <PageHeader
        title={`Device ${d.assetTag}`}
        description={[v.manufacturer?.name, v.model?.name, d.description].filter(Boolean).join(" · ")}
        actions={<Link href="/inventory">Back to the inventory</Link>}
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Facts">
          <FactList facts={facts} />
        </Card>
        {advisories && (
          <Card title={`Advisories (${advisories.filter((a) => a.affected).length} affecting)`} className="lg:col-span-2">
            <DeviceAdvisories rows={advisories} />
          </Card>
        )}
        <Card title="Signed responsibilities">
          <DeviceDuties duties={v.duties} deviceClass={v.deviceClass} />
        </Card>
        <Card title={`Outstanding recalls (${recalls.length})`} className="lg:col-span-2">
          {recalls.length === 0 ? (
            <p className="text-sm text-slate-600">No outstanding recall: none applies to this model, or every action is recorded.</p>
          ) : (
            <ul className="space-y-2 text-sm">
              {recalls.map((r) => (
                <li key={r.recallId}>
                  <Link href={`/recalls/${r.recallId}`} className="font-medium">
                    Recall {r.recallNumber}
                  </Link>{" "}
                  <RecallClassBadge recallClass={r.recallClass} /> · initiated {r.initiatedOn ?? "—"} · routed to <OwnerList owners={r.owners} />
                  {r.reason && <span className="block text-slate-700">{r.reason.slice(0, 240)}</span>}
                </li>
              ))}
            </ul>
          )}
        </Card>
        {v.rights.all && (
          <Card title="Edit device" className="lg:col-span-2">
            <DeviceFactsForm action={updateDeviceAction} device={d} />
          </Card>
        )}
        {v.rights.network && (
          <Card title="Edit network facts" className="lg:col-span-2">
            <DeviceNetworkForm action={updateDeviceAction} device={d} />
          </Card>
        )}
        <Card title="OEM-validated patches" className="lg:col-span-2">
          <PatchTable
            rows={patches}
            today={today}
            showDevice={false}
            actions={{ applied: recordPatchAppliedAction, notApplicable: markPatchNotApplicableAction, defer: deferPatchAction }}
          />
        </Card>
        <Card title="History of work" className="lg:col-span-2">
          {v.history.length === 0 ? (
            <p className="text-sm text-slate-600">No entries.</p>
          ) : (
            <ol className="space-y-3">
              {v.history.map((h) => (
                <li key={h.id} className="border-l-2 border-slate-300 pl-3 text-sm">
                  <p>
                    <strong>{EVENT_LABELS[h.kind] ?? h.kind}</strong> · <SignedTime iso={h.at} /> · {h.actorLabel.replace(/ <.*>$/, "")}
                    {h.workOrder ? ` · work order ${h.workOrder}` : ""}
                    {h.importId ? " · CMMS import" : ""}
                  </p>
                  {h.note && <p className="text-slate-700">{h.note}</p>}
                  {h.changes && h.kind !== "imported" && <FieldChangeList changes={h.changes} />}
                </li>
              ))}
            </ol>
          )}
        </Card>
      </div>
    </>
  );
}
