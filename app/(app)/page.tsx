import Link from "next/link";
import { requirePageActor } from "@/lib/auth/current";
import { can, ROLE_LABELS } from "@/lib/auth/permissions";
import { getOrganization, listDeviceClasses, listParties, listSites } from "@/lib/services/admin/list-org";
import { getDb } from "@/lib/server/db";
import { getMyDashboardItems } from "@/lib/services/dashboard/get-dashboard";
import { Card, PageHeader } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { LeadershipDashboard } from "@/components/dashboard/leadership-dashboard";
import { MyItemsList } from "@/components/dashboard/my-items";
import { SoftLinks } from "@/components/ui/soft-links";

/** Leadership lands on the dashboard; everyone else on their own work, with the dashboard one click away. */
export default async function HomePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor();
  if (actor.roles.includes("leadership")) return <LeadershipDashboard actor={actor} site={(await searchParams).site} />;
  const db = await getDb();
  const org = getOrganization(db, actor);
  const sites = listSites(db, actor).filter((s) => !s.archivedAt);
  const parties = listParties(db, actor).filter((p) => !p.archivedAt);
  const classes = listDeviceClasses(db, actor);
  const withoutLead = parties.filter((p) => !p.leadUserId);
  const myParty = parties.find((p) => p.id === actor.partyId);
  const led = parties.filter((p) => actor.leadOfPartyIds.includes(p.id));
  return (
    <>
      <PageHeader
        title={`Welcome, ${actor.name.split(" ")[0]}`}
        description={`${org?.name ?? "Your organization"} · signed in as ${actor.roles.map((r) => ROLE_LABELS[r]).join(", ")}${myParty ? ` · ${myParty.name}` : ""}${led.length ? ` · lead of ${led.map((p) => p.name).join(", ")}` : ""}`}
        actions={
          can(actor, "dashboard.read") ? (
            <Link href="/dashboard" className={buttonClass("primary")}>
              Leadership dashboard
            </Link>
          ) : undefined
        }
      />
      <div className="grid gap-4 md:grid-cols-3">
        <Card title="Sites">
          <p className="text-3xl font-semibold">{sites.length}</p>
          <p className="text-sm text-slate-600">{sites.map((s) => s.name).join(", ")}</p>
        </Card>
        <Card title="Parties">
          <p className="text-3xl font-semibold">{parties.length}</p>
          <p className="text-sm text-slate-600">
            {withoutLead.length === 0 ? "Every party has a lead." : `${withoutLead.length} without a lead: ${withoutLead.map((p) => p.name).join(", ")}.`}
          </p>
        </Card>
        <Card title="Device classes">
          <p className="text-3xl font-semibold">{classes.length}</p>
          <p className="text-sm text-slate-600">
            {classes.filter((c) => c.regulated === "borderline").length} borderline as medical devices, {classes.filter((c) => c.lifeSustaining).length}{" "}
            life-sustaining.
          </p>
        </Card>
      </div>
      <div className="mt-6 grid gap-4 md:grid-cols-2">
        <Card title="My items">
          <SoftLinks>
            <MyItemsList mine={getMyDashboardItems(db, actor)} />
          </SoftLinks>
        </Card>
        <Card title="Where to go">
          <ul className="list-disc space-y-1 pl-5 text-sm">
            <li>
              <Link href="/raci">Responsibilities</Link>: who is Responsible, Accountable, Consulted and Informed for each device class, and its sign-off.
            </li>
            <li>
              <Link href="/assessments">Assessments</Link>: NIST CSF 2.0 assessments, current against target, with evidence, review and approval.
            </li>
            <li>
              <Link href="/plans">Response plans</Link>: who does what when a device incident hits, who has acknowledged it, and when it is due for review.
            </li>
            <li>
              <Link href="/drills">Drills</Link>: exercises and real events per site, their after-action reports, and whether each site meets CMS and Joint
              Commission cadence.
            </li>
            <li>
              <Link href="/actions">Action items</Link>: improvement items from drills and assessment gaps, by owner party, with what is overdue.
            </li>
            <li>
              <Link href="/organization">Organization</Link>: sites, parties and their leads, and the device class tree
              {can(actor, "deviceClass.manage") ? " (you can edit them)" : ""}.
            </li>
            {can(actor, "user.read") && (
              <li>
                <Link href="/admin/users">Users</Link>: accounts, roles and parties{can(actor, "user.manage") ? "" : " (read-only)"}.
              </li>
            )}
            {can(actor, "audit.read") && (
              <li>
                <Link href="/audit">Audit trail</Link>: every change, who made it and when, with an integrity check.
              </li>
            )}
          </ul>
        </Card>
      </div>
    </>
  );
}
