import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import type { FormAction } from "@/components/forms/action-form";
import type { PlanDetail } from "./plan-detail";
import { AcknowledgeForm } from "./plan-forms";
import { DateText } from "./plan-labels";

/** Who the version in force names and whether each has acknowledged it; the form for the actor when named. */
export function PlanAcknowledgementsCard({ p, actorId, action }: { p: PlanDetail; actorId: number; action: FormAction }) {
  const { approved, acknowledgements, may } = p;
  const acknowledgedCount = acknowledgements.filter((a) => a.acknowledgedAt).length;
  return (
    <div id="acknowledgements" className="scroll-mt-4">
      <Card title="Acknowledgements">
        {!approved ? (
          <p className="text-sm text-slate-600">Acknowledgements start when a version is approved: everyone it names must then confirm they have read it.</p>
        ) : acknowledgements.length === 0 ? (
          <p className="text-sm text-slate-600">Version {approved.versionNo} names nobody who must acknowledge it.</p>
        ) : (
          <>
            <p className="mb-3 text-sm font-medium">
              {acknowledgedCount} of {acknowledgements.length} have acknowledged version {approved.versionNo}.
            </p>
            <Table caption={`Acknowledgements of version ${approved.versionNo}`}>
              <thead>
                <tr>
                  <Th>Person</Th>
                  <Th>Acknowledgement</Th>
                </tr>
              </thead>
              <tbody>
                {acknowledgements.map((a) => (
                  <tr key={a.userId}>
                    <Td>
                      {a.name}
                      {a.userId === actorId && <span className="text-slate-600"> (you)</span>}
                    </Td>
                    <Td>
                      {a.acknowledgedAt ? (
                        <Badge tone="good">
                          Acknowledged&nbsp;
                          <DateText iso={a.acknowledgedAt} />
                        </Badge>
                      ) : (
                        <Badge tone="warn">Not yet</Badge>
                      )}
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </>
        )}
        {may.acknowledge && approved && (
          <div className="mt-4 border-t border-slate-200 pt-3">
            <p className="mb-2 text-sm text-slate-700">
              By acknowledging you confirm that you have read version {approved.versionNo} and know your part in it. It is recorded with your name and the date.
            </p>
            <AcknowledgeForm action={action} planVersionId={approved.id} versionNo={approved.versionNo} />
          </div>
        )}
      </Card>
    </div>
  );
}
