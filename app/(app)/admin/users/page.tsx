import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageActor } from "@/lib/auth/current";
import { can, ROLE_LABELS } from "@/lib/auth/permissions";
import { listParties, listUsers } from "@/lib/services/admin/list-org";
import { getDb } from "@/lib/server/db";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { CreateUserForm, MfaPolicyForm } from "@/components/admin/user-forms";
import { mfaRequiredForSigners } from "@/lib/services/auth/mfa-status";
import { createUserAction, setMfaPolicyAction } from "./actions";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const actor = await requirePageActor();
  if (!can(actor, "user.read")) notFound();
  const db = await getDb();
  const users = listUsers(db, actor);
  const manage = can(actor, "user.manage");
  const parties = listParties(db, actor).filter((p) => !p.archivedAt);
  const mfaRequired = mfaRequiredForSigners(db);
  return (
    <>
      <PageHeader
        title="Users"
        description="Who can sign in, with which roles, and the party each belongs to. Users are deactivated, never deleted: their signatures and audit entries keep pointing at them."
      />
      <div className="space-y-6">
        <Card>
          <Table caption="Users">
            <thead>
              <tr>
                <Th>Name</Th>
                <Th>Email</Th>
                <Th>Roles</Th>
                <Th>Party</Th>
                <Th>MFA</Th>
                <Th>Status</Th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id}>
                  <Td>
                    <Link href={`/admin/users/${u.id}`}>{u.name}</Link>
                    {u.title && <div className="text-xs text-slate-500">{u.title}</div>}
                  </Td>
                  <Td>{u.email}</Td>
                  <Td>{u.roles.map((r) => ROLE_LABELS[r]).join(", ")}</Td>
                  <Td>{u.partyName ?? "—"}</Td>
                  <Td>{u.mfaEnrolled ? "On" : u.sso ? "Single sign-on" : "Off"}</Td>
                  <Td>{u.active ? <Badge tone="good">Active</Badge> : <Badge tone="bad">Deactivated</Badge>}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </Card>
        {can(actor, "settings.manage") && (
          <Card title="Multi-factor authentication policy">
            <p className="mb-3 text-sm text-slate-700">
              {mfaRequired
                ? "Required for admins and for everyone who signs (leadership and party leads). Those without an authenticator app set it up at their next sign-in."
                : "Optional: each user may set up an authenticator app from Account security."}
            </p>
            <MfaPolicyForm action={setMfaPolicyAction} required={mfaRequired} />
          </Card>
        )}
        {manage && (
          <Card title="Add a user">
            <CreateUserForm action={createUserAction} parties={parties} />
          </Card>
        )}
      </div>
    </>
  );
}
