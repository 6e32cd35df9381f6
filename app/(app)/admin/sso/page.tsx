import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePageActor } from "@/lib/auth/current";
import { can, ROLE_LABELS } from "@/lib/auth/permissions";
import { listParties } from "@/lib/services/admin/list-org";
import { listSsoGroupMappings } from "@/lib/services/admin/manage-sso-group-mappings";
import { ssoConfigFromEnv } from "@/lib/server/config";
import { getDb } from "@/lib/server/db";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { DeleteSsoGroupMappingForm, SsoGroupMappingForm } from "@/components/admin/sso-mapping-forms";
import { deleteSsoGroupMappingAction, saveSsoGroupMappingAction } from "./actions";

export const metadata: Metadata = { title: "Single sign-on" };

export default async function SsoPage() {
  const actor = await requirePageActor();
  if (!can(actor, "user.manage")) notFound();
  const db = await getDb();
  const sso = ssoConfigFromEnv();
  const mappings = listSsoGroupMappings(db, actor);
  const parties = listParties(db, actor).filter((p) => !p.archivedAt);
  return (
    <>
      <PageHeader
        title="Single sign-on"
        description="Which groups of your identity provider give which Clearline role and party. Mapped groups set a person's roles and party at every sign-on; a person whose groups are not mapped keeps what an admin set. Deactivating a user in Clearline ends their access whatever the provider says."
      />
      <div className="space-y-6">
        <Card title="Provider">
          {sso ? (
            <dl className="grid grid-cols-[12rem_1fr] gap-y-1 text-sm">
              <dt className="text-slate-500">Issuer</dt>
              <dd className="break-all">{sso.issuer}</dd>
              <dt className="text-slate-500">Button</dt>
              <dd>{sso.displayName}</dd>
              <dt className="text-slate-500">Provisioned domains</dt>
              <dd>{sso.allowedDomains.length ? sso.allowedDomains.join(", ") : "none: only accounts an admin created"}</dd>
              <dt className="text-slate-500">Groups claim</dt>
              <dd>{sso.groupsClaim}</dd>
            </dl>
          ) : (
            <p className="text-sm text-slate-700">
              Not configured. Set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET (see the README) and restart Clearline.
            </p>
          )}
        </Card>
        <Card>
          <Table caption="Group mappings">
            <thead>
              <tr>
                <Th>Group</Th>
                <Th>Role</Th>
                <Th>Party</Th>
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              </tr>
            </thead>
            <tbody>
              {mappings.length === 0 && (
                <tr>
                  <td colSpan={4} className="px-3 py-2 text-slate-600">
                    No group is mapped yet.
                  </td>
                </tr>
              )}
              {mappings.map((m) => (
                <tr key={m.id}>
                  <Td className="font-mono">{m.groupName}</Td>
                  <Td>{m.role ? ROLE_LABELS[m.role] : "—"}</Td>
                  <Td>{m.partyName ?? "—"}</Td>
                  <Td>
                    <DeleteSsoGroupMappingForm action={deleteSsoGroupMappingAction} id={m.id} groupName={m.groupName} />
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </Card>
        <Card title="Map a group">
          <SsoGroupMappingForm action={saveSsoGroupMappingAction} parties={parties} />
        </Card>
      </div>
    </>
  );
}
