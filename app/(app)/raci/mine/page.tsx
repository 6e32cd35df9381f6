import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/lib/auth/current";
import { LETTER_NAMES } from "@/lib/rules/raci";
import { RESPONSIBILITY_LABELS, listMyResponsibilities } from "@/lib/services/raci/my-responsibilities";
import { getDb } from "@/lib/server/db";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";

export const metadata: Metadata = { title: "My responsibilities" };

const TONE = { effective: "good", pending: "info", unsigned: "warn" } as const;

export default async function MyResponsibilitiesPage() {
  const actor = await requirePageActor();
  const { parties, rows } = listMyResponsibilities(await getDb(), actor);
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/raci">RACI coverage</Link>
      </nav>
      <PageHeader
        title="My responsibilities"
        description={parties.length ? `Where ${parties.join(" and ")} is Responsible or Accountable, across every device class, and whether it is signed.` : undefined}
      />
      <Card>
        {parties.length === 0 ? (
          <p className="text-sm text-slate-600">Your account does not belong to a party, so no responsibilities are assigned to you. An admin can set your party on the Users page.</p>
        ) : rows.length === 0 ? (
          <p className="text-sm text-slate-600">Your party holds no Responsible or Accountable letter in any device class.</p>
        ) : (
          <Table caption="My responsibilities">
            <thead>
              <tr>
                <Th>Device class</Th>
                <Th>Activity</Th>
                <Th>Party</Th>
                <Th>Letter</Th>
                <Th>Status</Th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.classId}:${r.activityId}:${r.partyName}`}>
                  <Td>
                    <Link href={`/raci/${r.classId}`}>{r.className}</Link>
                  </Td>
                  <Td>{r.activityName}</Td>
                  <Td>{r.partyName}</Td>
                  <Td>
                    <strong>{r.letter}</strong> {LETTER_NAMES[r.letter]}
                  </Td>
                  <Td>
                    <Badge tone={TONE[r.status]}>{RESPONSIBILITY_LABELS[r.status]}</Badge>
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
    </>
  );
}
