import { Badge } from "@/components/ui/badge";
import { SignedTime } from "@/components/ui/signed-time";
import { SIGNATURE_AUTH_METHOD_LABELS } from "@/lib/rules/signature";

export type SignatureView = {
  id: number;
  printedName: string;
  meaning: string;
  signedAt: string;
  kind: string;
  /** How the signer re-authenticated; absent in views that do not carry it. */
  authMethod?: string;
  verdict: { valid: true } | { valid: false; message: string };
};

export function formatUtc(iso: string): string {
  return `${iso.replace("T", " ").slice(0, 16)} UTC`;
}

/** §11.50: printed name, date and time, meaning — and whether the signature still verifies (§11.70). */
export function SignatureList({ signatures }: { signatures: SignatureView[] }) {
  if (signatures.length === 0) return <p className="text-sm text-slate-600">No signatures yet.</p>;
  return (
    <ul className="space-y-2" aria-label="Signatures">
      {signatures.map((s) => (
        <li key={s.id} className="rounded-md border border-slate-200 px-3 py-2 text-sm">
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-medium">{s.printedName}</span>
            <span>— {s.meaning}</span>
            {s.kind === "reattest" && <Badge tone="info">Re-attestation</Badge>}
            {s.verdict.valid ? <Badge tone="good">Signature valid</Badge> : <Badge tone="bad">{s.verdict.message}</Badge>}
          </div>
          <div className="text-xs text-slate-600">
            Signed <SignedTime iso={s.signedAt} />
            {s.authMethod && SIGNATURE_AUTH_METHOD_LABELS[s.authMethod] ? ` · ${SIGNATURE_AUTH_METHOD_LABELS[s.authMethod]}` : ""}
          </div>
        </li>
      ))}
    </ul>
  );
}
