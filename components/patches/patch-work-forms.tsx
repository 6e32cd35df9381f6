"use client";

import { ActionForm, type FormAction } from "@/components/forms/action-form";
import { TextArea, TextField } from "@/components/forms/fields";
import { SignerCredential } from "@/components/signatures/signer-credential";

export interface PatchWorkRights {
  record: boolean;
  defer: boolean;
}

/** A deferral an integration asked for (decision 0030): the Accountable lead's signature accepts it. */
export interface DeferralRequestView {
  id: number;
  reason: string;
  deferUntil: string;
  requestedBy: string;
  requestedOn: string;
}

/**
 * Recording work on one patch item: applied (date, CMMS work order, notes), not applicable (reason), and — for the
 * Accountable party's lead only — deferred (reason, until-date, password to sign). Rights come from the services'
 * own rules; the services check them again.
 */
export function PatchWorkForms(p: {
  item: { advisoryId: number; deviceId: number; assetTag: string; trackingId: string; closed: boolean };
  rights: PatchWorkRights;
  today: string;
  actions: { applied: FormAction; notApplicable: FormAction; defer: FormAction };
  deferralRequest?: DeferralRequestView | null;
}) {
  const q = p.deferralRequest ?? null;
  const { item } = p;
  const hidden = (
    <>
      <input type="hidden" name="advisoryId" value={item.advisoryId} />
      <input type="hidden" name="deviceId" value={item.deviceId} />
    </>
  );
  const what = `${item.assetTag} for ${item.trackingId}`;
  return (
    <div className="grid gap-4 md:grid-cols-3">
      {p.rights.record && (
        <ActionForm action={p.actions.applied} submitLabel="Record applied" ariaLabel={`Record patch applied on ${what}`}>
          {hidden}
          <TextField name="appliedOn" label="Date applied" type="date" defaultValue={p.today} max={p.today} required />
          <TextField name="workOrder" label="CMMS work order" maxLength={50} required />
          <TextArea name="notes" label="Notes (optional)" maxLength={5000} rows={2} />
        </ActionForm>
      )}
      {p.rights.record && (
        <ActionForm action={p.actions.notApplicable} submitLabel="Mark not applicable" variant="secondary" ariaLabel={`Mark patch not applicable on ${what}`}>
          {hidden}
          <TextArea name="reason" label="Why it does not apply" maxLength={2000} rows={3} required />
        </ActionForm>
      )}
      {p.rights.defer && (
        <ActionForm
          action={p.actions.defer}
          submitLabel={q ? "Sign and accept the requested deferral" : "Sign and defer"}
          variant="secondary"
          ariaLabel={`Defer patch on ${what}`}
        >
          {hidden}
          {q && (
            <>
              <input type="hidden" name="requestId" value={q.id} />
              <p className="text-sm">
                Requested by {q.requestedBy.replace(/ <.*>$/, "")} on {q.requestedOn}. Check the reason and date before signing: your signature, not the
                request, defers the patch.
              </p>
            </>
          )}
          <TextArea name="reason" label="Reason for deferring" maxLength={2000} rows={2} defaultValue={q?.reason} required />
          <TextField
            name="deferUntil"
            label="Deferred until"
            type="date"
            min={p.today}
            defaultValue={q && q.deferUntil >= p.today ? q.deferUntil : undefined}
            required
          />
          <SignerCredential record={{ entityType: "patch_item", entityId: `${item.advisoryId}:${item.deviceId}` }}>
            <TextField
              name="password"
              label="Your password"
              type="password"
              autoComplete="current-password"
              hint="Signing as the Accountable party's lead: “Accountable — accepts the deferral of this patch” (21 CFR 11.200)."
              required
            />
          </SignerCredential>
        </ActionForm>
      )}
    </div>
  );
}
