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
import { CreateUserForm } from "@/components/admin/user-forms";
import { createUserAction } from "./actions";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const actor = await requirePageActor();
  if (!can(actor, "user.read")) notFound();
  const db = await getDb();
  const users = listUsers(db, actor);
  const manage = can(actor, "user.manage");
  const parties = listParties(db, actor).filter((p) => !p.archivedAt);
  return (
    <>
      <PageHeader title="Users" description="Who can sign in, with which roles, and the party each belongs to. Users are deactivated, never deleted: their signatures and audit entries keep pointing at them." />
      <div className="space-y-6">
        <Card>
          <Table caption="Users">
            <thead>
              <tr>
                <Th>Name</Th>
                <Th>Email</Th>
                <Th>Roles</Th>
                <Th>Party</Th>
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
                  <Td>{u.active ? <Badge tone="good">Active</Badge> : <Badge tone="bad">Deactivated</Badge>}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </Card>
        {manage && (
          <Card title="Add a user">
            <CreateUserForm action={createUserAction} parties={parties} />
          </Card>
        )}
      </div>
    </>
  );
}
