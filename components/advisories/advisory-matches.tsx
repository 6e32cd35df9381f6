import Link from "next/link";
import type { FormAction } from "@/components/forms/action-form";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { OEM_POSITION_LABELS, type OemPosition } from "@/lib/rules/oem-clock";
import type { AdvisoryMatchesView } from "@/lib/services/advisories/list-advisory-matches";
import { OemPositionForm, ReviewMatchForm } from "./match-forms";

export const CONFIDENCE_LABELS = { version: "Version match", model: "Model match, version unknown", possible: "Possible match — confirm" } as const;
const POSITION_TONE: Record<OemPosition, "good" | "warn" | "bad" | "neutral" | "info"> = {
  not_answered: "neutral",
  validating: "info",
  patch_available: "good",
  not_affected: "good",
  mitigation_only: "warn",
  unsupported: "bad",
};

export function OemPositionBadge({ position }: { position: OemPosition }) {
  return <Badge tone={POSITION_TONE[position]}>{OEM_POSITION_LABELS[position]}</Badge>;
}

/** The advisory page's devices part: affected devices by site, per model with the OEM position and FDA clocks, and the review list. */
export function AdvisoryMatches({
  view,
  reviewAction,
  oemAction,
  today,
}: {
  view: AdvisoryMatchesView;
  reviewAction: FormAction;
  oemAction: FormAction;
  today: string;
}) {
  const { advisory, bySite, models, possible } = view;
  return (
    <>
      <Card title={`Affected devices (${view.totalAffected.toLocaleString("en-US")})`}>
        {bySite.length === 0 ? (
          <p className="text-sm text-slate-700">No device of the inventory matches this advisory.</p>
        ) : (
          <Table caption="Affected devices by site">
            <thead>
              <tr>
                <Th>Site</Th>
                <Th>Affected devices</Th>
                <Th>Possible matches awaiting review</Th>
              </tr>
            </thead>
            <tbody>
              {bySite.map((s) => (
                <tr key={s.siteId}>
                  <Td>{s.site}</Td>
                  <Td className="tabular-nums">{s.affected}</Td>
                  <Td className="tabular-nums">{s.awaiting}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
      {models.length > 0 && (
        <Card title="Models, OEM positions and FDA clocks">
          <ul className="space-y-5">
            {models.map((mo) => (
              <li key={mo.modelId} className="border-b border-slate-100 pb-4 last:border-0" aria-label={`Model ${mo.model}`}>
                <h3 className="flex flex-wrap items-center gap-2 font-semibold">
                  <Link href={`/inventory/models/${mo.modelId}`}>
                    {mo.manufacturer} {mo.model}
                  </Link>
                  <OemPositionBadge position={(mo.position?.position ?? "not_answered") as OemPosition} />
                  {mo.clock.overdue && <Badge tone="bad">OEM overdue</Badge>}
                </h3>
                <p className="text-sm text-slate-700">
                  {mo.affected} affected: {mo.counts.version} {CONFIDENCE_LABELS.version.toLowerCase()}, {mo.counts.model}{" "}
                  {CONFIDENCE_LABELS.model.toLowerCase()}, {mo.counts.confirmed} confirmed possible
                  {mo.counts.awaiting > 0 ? `; ${mo.counts.awaiting} possible awaiting review` : ""}
                  {mo.counts.dismissed > 0 ? `; ${mo.counts.dismissed} dismissed` : ""}.
                </p>
                <p className="max-w-4xl break-words text-sm text-slate-700">Why: {mo.sampleReason}</p>
                <p className="text-sm">{mo.clock.summary}</p>
                {mo.position?.position === "patch_available" && (
                  <p className="text-sm">
                    Validated version <strong>{mo.position.validatedVersion}</strong> on {mo.position.validatedOn}
                    {mo.position.bulletinRef ? ` · ${mo.position.bulletinRef}` : ""}
                    {mo.position.bulletinUrl && (
                      <>
                        {" · "}
                        <a href={mo.position.bulletinUrl} rel="noopener noreferrer nofollow" target="_blank" className="break-all">
                          bulletin
                        </a>
                      </>
                    )}
                    {mo.position.installNotes ? ` · ${mo.position.installNotes}` : ""}
                  </p>
                )}
                {(mo.canRecordOem || (view.canReview && mo.counts.awaiting > 0)) && (
                  <details className="mt-2">
                    <summary className="cursor-pointer text-sm font-medium">Record the OEM&apos;s answer or review {mo.model}</summary>
                    <div className="mt-2 space-y-4">
                      {mo.canRecordOem && (
                        <OemPositionForm
                          action={oemAction}
                          advisoryId={advisory.id}
                          modelId={mo.modelId}
                          model={mo.model}
                          current={(mo.position?.position ?? "not_answered") as OemPosition}
                          today={today}
                        />
                      )}
                      {view.canReview && mo.counts.awaiting > 0 && (
                        <ReviewMatchForm
                          action={reviewAction}
                          advisoryId={advisory.id}
                          modelId={mo.modelId}
                          label={`Review all ${mo.counts.awaiting} possible matches of ${mo.model}`}
                        />
                      )}
                    </div>
                  </details>
                )}
              </li>
            ))}
          </ul>
        </Card>
      )}
      {possible.length > 0 && (
        <Card title={`Possible match — confirm (${view.totalAwaiting})`}>
          <Table caption="Possible matches awaiting a Clinical Engineering review">
            <thead>
              <tr>
                <Th>Device</Th>
                <Th>Site</Th>
                <Th>Model and version</Th>
                <Th>Why</Th>
                {view.canReview && <Th>Review</Th>}
              </tr>
            </thead>
            <tbody>
              {possible.map((p) => (
                <tr key={p.id}>
                  <Td>
                    <Link href={`/inventory/devices/${p.deviceId}`}>{p.assetTag}</Link>
                  </Td>
                  <Td>{p.site}</Td>
                  <Td>
                    {p.model} {p.version ?? "(version unknown)"}
                  </Td>
                  <Td className="max-w-md break-words text-sm">{p.reason}</Td>
                  {view.canReview && (
                    <Td className="min-w-72">
                      <ReviewMatchForm action={reviewAction} advisoryId={advisory.id} matchId={p.id} label={`Review ${p.assetTag}`} />
                    </Td>
                  )}
                </tr>
              ))}
            </tbody>
          </Table>
        </Card>
      )}
    </>
  );
}
