import type { Metadata } from "next";
import { pathId } from "@/lib/server/route-params";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageActor } from "@/lib/auth/current";
import { can, ROLE_LABELS } from "@/lib/auth/permissions";
import { listParties, listSites, listUsers } from "@/lib/services/admin/list-org";
import { deactivationImpact, impactSentence } from "@/lib/services/admin/deactivation-impact";
import { getDb } from "@/lib/server/db";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { ActiveToggleForm, EditUserForm, ResetMfaForm, SetPasswordForm } from "@/components/admin/user-forms";
import { resetUserMfaAction, setUserActiveAction, setUserPasswordAction, updateUserAction } from "../actions";

export const metadata: Metadata = { title: "User" };

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageActor();
  if (!can(actor, "user.read")) notFound();
  const db = await getDb();
  const id = pathId((await params).id);
  const user = listUsers(db, actor).find((u) => u.id === id);
  if (!user) notFound();
  const manage = can(actor, "user.manage");
  const parties = listParties(db, actor).filter((p) => !p.archivedAt);
  const sites = listSites(db, actor).filter((s) => !s.archivedAt);
  const blocks = manage && user.active ? impactSentence(deactivationImpact(db, actor, user.id)) : "";
  const leaderless = parties.filter((p) => p.leadUserId === user.id && p.leadActive === false).map((p) => p.name);
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/admin/users">Users</Link>
      </nav>
      <PageHeader
        title={user.name}
        description={`${user.email}${user.title ? ` · ${user.title}` : ""}`}
        actions={user.active ? <Badge tone="good">Active</Badge> : <Badge tone="bad">Deactivated</Badge>}
      />
      {manage ? (
        <div className="grid gap-6 lg:grid-cols-2">
          <Card title="Profile, roles, party and scope">
            <EditUserForm action={updateUserAction} user={user} parties={parties} sites={sites} />
          </Card>
          <div className="space-y-6">
            <Card title="Password">
              {user.mustChangePassword && (
                <p className="mb-3 text-sm">The current password was set by an admin: the user must replace it at their next sign-in.</p>
              )}
              <SetPasswordForm action={setUserPasswordAction} userId={user.id} />
            </Card>
            <Card title="Multi-factor authentication">
              <p className="mb-3 text-sm text-slate-700">
                {user.mfaEnrolled ? "Authenticator app set up." : "No authenticator app set up."}
                {user.sso ? " This user can also sign in through single sign-on, whose second factor is the identity provider's." : ""}
              </p>
              {user.mfaEnrolled && <ResetMfaForm action={resetUserMfaAction} userId={user.id} />}
            </Card>
            <Card title={user.active ? "Deactivate" : "Reactivate"}>
              <p className="mb-3 text-sm text-slate-600">
                {user.active
                  ? "A deactivated user cannot sign in, and any session they have open stops working on its next request."
                  : "The user will be able to sign in again."}
              </p>
              <ActiveToggleForm action={setUserActiveAction} userId={user.id} active={user.active} blocks={blocks || undefined} />
              {leaderless.length > 0 && (
                <p className="mt-3 text-sm">
                  {leaderless.join(", ")} {leaderless.length === 1 ? "has" : "have"} no active lead while this user is deactivated.{" "}
                  <Link href="/organization">Name a new lead on the Organization page</Link>.
                </p>
              )}
            </Card>
          </div>
        </div>
      ) : (
        <Card title="Profile">
          <dl className="grid grid-cols-[10rem_1fr] gap-y-2 text-sm">
            <dt className="text-slate-500">Roles</dt>
            <dd>{user.roles.map((r) => ROLE_LABELS[r]).join(", ")}</dd>
            <dt className="text-slate-500">Party</dt>
            <dd>{user.partyName ?? "—"}</dd>
          </dl>
        </Card>
      )}
    </>
  );
}
