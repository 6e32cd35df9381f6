import type { Metadata } from "next";
import { parseQuery, q } from "@/lib/server/route-params";
import { requirePageActor } from "@/lib/auth/current";
import { can } from "@/lib/auth/permissions";
import { buildTree, flattenTree } from "@/lib/rules/device-class-tree";
import { listActiveUserNames, listDeviceClasses, listParties, listSites } from "@/lib/services/admin/list-org";
import { getDb } from "@/lib/server/db";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { DeviceClassForm } from "@/components/admin/device-class-form";
import { DeviceClassTree } from "@/components/admin/device-class-tree";
import { SITE_KIND_LABELS } from "@/components/admin/labels";
import { PartyForm, SiteForm } from "@/components/admin/site-party-forms";
import { createDeviceClassAction, createPartyAction, createSiteAction, updatePartyAction, updateSiteAction } from "./actions";

export const metadata: Metadata = { title: "Organization" };

export default async function OrganizationPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor();
  const db = await getDb();
  const showArchived = parseQuery({ archived: q.flag() }, await searchParams).query.archived === true;
  const sites = listSites(db, actor);
  const parties = listParties(db, actor);
  const classes = listDeviceClasses(db, actor, { includeArchived: showArchived });
  const tree = buildTree(classes);
  const manageSites = can(actor, "site.manage");
  const manageParties = can(actor, "party.manage");
  const manageClasses = can(actor, "deviceClass.manage");
  const users = manageParties ? listActiveUserNames(db, actor) : [];

  return (
    <>
      <PageHeader
        title="Organization"
        description="Sites, the parties that hold responsibilities and their leads, and the device classes responsibilities are drawn for."
      />
      <div className="space-y-6">
        <Card title="Device classes">
          <div className="mb-3 text-sm">
            {showArchived ? <a href="/organization">Hide archived classes</a> : <a href="/organization?archived=1">Show archived classes</a>}
          </div>
          <DeviceClassTree roots={tree} />
          {manageClasses && (
            <details className="mt-4 rounded-md border border-slate-200 p-3">
              <summary className="cursor-pointer text-sm font-medium">Add a device class</summary>
              <div className="mt-3">
                <DeviceClassForm
                  action={createDeviceClassAction}
                  submitLabel="Add device class"
                  resetOnSuccess
                  parentOptions={flattenTree(buildTree(classes.filter((c) => !c.archivedAt))).map((c) => ({
                    value: String(c.id),
                    label: `${"— ".repeat(c.depth)}${c.name}`,
                  }))}
                />
              </div>
            </details>
          )}
        </Card>

        <Card title="Sites">
          <Table caption="Sites">
            <thead>
              <tr>
                <Th>Name</Th>
                <Th>Code</Th>
                <Th>Kind</Th>
                <Th>Status</Th>
                {manageSites && <Th>Edit</Th>}
              </tr>
            </thead>
            <tbody>
              {sites.map((s) => (
                <tr key={s.id}>
                  <Td>{s.name}</Td>
                  <Td>{s.code}</Td>
                  <Td>{SITE_KIND_LABELS[s.kind]}</Td>
                  <Td>{s.archivedAt ? <Badge>Archived</Badge> : <Badge tone="good">Active</Badge>}</Td>
                  {manageSites && (
                    <Td>
                      <details>
                        <summary className="cursor-pointer text-sm">Edit {s.name}</summary>
                        <div className="mt-2 w-[36rem] max-w-full">
                          <SiteForm action={updateSiteAction} site={s} submitLabel="Save site" />
                        </div>
                      </details>
                    </Td>
                  )}
                </tr>
              ))}
            </tbody>
          </Table>
          {manageSites && (
            <details className="mt-4 rounded-md border border-slate-200 p-3">
              <summary className="cursor-pointer text-sm font-medium">Add a site</summary>
              <div className="mt-3">
                <SiteForm action={createSiteAction} submitLabel="Add site" />
              </div>
            </details>
          )}
        </Card>

        <Card title="Parties">
          <Table caption="Parties">
            <thead>
              <tr>
                <Th>Party</Th>
                <Th>Lead</Th>
                <Th>Description</Th>
                {manageParties && <Th>Edit</Th>}
              </tr>
            </thead>
            <tbody>
              {parties.map((p) => (
                <tr key={p.id}>
                  <Td>
                    {p.name} {p.kind === "external" && <Badge>External</Badge>}
                  </Td>
                  <Td>
                    {p.leadName == null ? (
                      <Badge tone="warn">No lead</Badge>
                    ) : p.leadActive === false ? (
                      <>
                        <Badge tone="warn">No active lead</Badge> {p.leadName} is deactivated{manageParties ? ": name a new lead with Edit." : "."}
                      </>
                    ) : (
                      p.leadName
                    )}
                  </Td>
                  <Td className="text-slate-600">{p.description}</Td>
                  {manageParties && (
                    <Td>
                      <details>
                        <summary className="cursor-pointer text-sm">Edit {p.name}</summary>
                        <div className="mt-2 w-[36rem] max-w-full">
                          <PartyForm action={updatePartyAction} party={p} users={users} submitLabel="Save party" />
                        </div>
                      </details>
                    </Td>
                  )}
                </tr>
              ))}
            </tbody>
          </Table>
          {manageParties && (
            <details className="mt-4 rounded-md border border-slate-200 p-3">
              <summary className="cursor-pointer text-sm font-medium">Add a party</summary>
              <div className="mt-3">
                <PartyForm action={createPartyAction} users={users} submitLabel="Add party" />
              </div>
            </details>
          )}
        </Card>
      </div>
    </>
  );
}
