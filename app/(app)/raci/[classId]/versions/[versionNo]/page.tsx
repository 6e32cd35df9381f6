import type { Metadata } from "next";
import { loadOr404, pathId } from "@/lib/server/route-params";
import Link from "next/link";
import { requirePageActor } from "@/lib/auth/current";
import { LETTER_NAMES, type Letter } from "@/lib/rules/raci";
import { getRaciVersion } from "@/lib/services/raci/get-raci-version";
import { getDb } from "@/lib/server/db";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { SignatureList, formatUtc } from "@/components/signatures/signature-list";

export const metadata: Metadata = { title: "RACI version" };

export default async function RaciVersionPage({ params }: { params: Promise<{ classId: string; versionNo: string }> }) {
  const actor = await requirePageActor();
  const p = await params;
  const classId = pathId(p.classId);
  const versionNo = pathId(p.versionNo);
  const db = await getDb();
  const v = loadOr404(() => getRaciVersion(db, actor, classId, versionNo));
  const allValid = v.signatures.every((s) => s.verdict.valid) && v.signatureSet?.ok !== false;
  const letter = (l: Letter | null) => (l ? `${LETTER_NAMES[l]} (${l})` : "none");
  const cell = (a: number, party: number) => v.snapshot.cells.find((c) => c.activityId === a && c.partyId === party);
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/raci">RACI coverage</Link> / <Link href={`/raci/${classId}`}>{v.deviceClass.name}</Link>
      </nav>
      <PageHeader
        title={`${v.deviceClass.name} — version ${v.version.versionNo}`}
        description={`Submitted by ${v.submittedByName} on ${formatUtc(v.version.submittedAt)}. Status: ${v.version.status.replace("_", " ")}.`}
      />
      <div className="space-y-6">
        <Card title="Proof">
          {v.signatureSet && !v.signatureSet.ok ? (
            <Alert tone="error">
              Signature problem: this version is marked {v.version.status}, but its set of signatures does not hold up. {v.signatureSet.problems.join(" ")}
            </Alert>
          ) : v.signatures.length === 0 ? (
            <p className="text-sm text-slate-600">No signatures on this version.</p>
          ) : allValid ? (
            <Alert tone="success">All {v.signatures.length} signatures verify: the content below is exactly what was signed.</Alert>
          ) : (
            <Alert tone="error">Signature invalid: content does not match what was signed, or a signature was altered. See each signature below.</Alert>
          )}
          {v.version.status === "returned" && (
            <Alert tone="warning" className="mt-2">
              Returned to draft by {v.returnedByName} on {formatUtc(v.version.returnedAt!)}: “{v.version.returnComment}”
            </Alert>
          )}
          <div className="mt-3">
            <SignatureList signatures={v.signatures} />
          </div>
        </Card>
        <Card title={v.previousVersionNo ? `Changes since version ${v.previousVersionNo}` : "Changes"}>
          {!v.previousVersionNo ? (
            <p className="text-sm text-slate-600">This is the first version: there is nothing before it to compare with. Its full content is below.</p>
          ) : v.changes.length === 0 ? (
            <p className="text-sm text-slate-600">No cell changed.</p>
          ) : (
            <Table caption="Changed cells">
              <thead>
                <tr>
                  <Th>Activity</Th>
                  <Th>Party</Th>
                  <Th>Before</Th>
                  <Th>After</Th>
                </tr>
              </thead>
              <tbody>
                {v.changes.map((c) => (
                  <tr key={`${c.activityId}:${c.partyId}`}>
                    <Td>{c.activityName}</Td>
                    <Td>{c.partyName}</Td>
                    <Td>{letter(c.from)}</Td>
                    <Td>{letter(c.to)}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </Card>
        <Card title="Signed content">
          <Table caption={`Matrix of version ${v.version.versionNo}`}>
            <thead>
              <tr>
                <Th>Activity</Th>
                {v.snapshot.parties.map((p) => (
                  <Th key={p.id} className="text-center">
                    {p.name}
                  </Th>
                ))}
              </tr>
            </thead>
            <tbody>
              {v.snapshot.activities.map((a) => (
                <tr key={a.id}>
                  <Td>{a.name}</Td>
                  {v.snapshot.parties.map((p) => {
                    const c = cell(a.id, p.id);
                    return (
                      <Td key={p.id} className="text-center">
                        {c ? (
                          <span title={c.overridden ? `Overridden in ${c.from}` : "From the template"}>
                            <strong>{c.letter}</strong>
                            {c.overridden && <Badge className="ml-1">override</Badge>}
                          </span>
                        ) : (
                          ""
                        )}
                      </Td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </Table>
        </Card>
      </div>
    </>
  );
}
