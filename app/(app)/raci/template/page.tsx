import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/lib/auth/current";
import { getRaciTemplate } from "@/lib/services/raci/get-raci-template";
import { getDb } from "@/lib/server/db";
import { Card, PageHeader } from "@/components/ui/card";
import { ActionForm } from "@/components/forms/action-form";
import { TextField } from "@/components/forms/fields";
import { RaciGrid } from "@/components/raci/raci-grid";
import { packCells } from "@/components/raci/grid-wire";
import { reattestSettingAction, setRaciCellAction } from "../actions";

export const metadata: Metadata = { title: "RACI template" };

export default async function RaciTemplatePage() {
  const actor = await requirePageActor();
  const t = getRaciTemplate(await getDb(), actor);
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/raci">RACI coverage</Link>
      </nav>
      <PageHeader
        title="Organization template"
        description="The default letters every device class inherits. A change here that alters a class's resolved matrix marks that class “changes pending sign-off”. Admins edit the template; activities are managed on the Activities page."
        actions={<Link href="/raci/activities">Activities</Link>}
      />
      <div className="space-y-6">
        <RaciGrid
          scope="template"
          title="Organization RACI template"
          activities={t.activities.map((a) => ({ id: a.id, name: a.name, csfRefs: a.csfRefs }))}
          parties={t.parties.map((p) => ({ id: p.id, name: p.name, leadUserId: p.leadUserId }))}
          cells={packCells(t.cells, t.activities.length, t.parties.length)}
          revision={t.revision}
          editableParties={t.editableParties}
          readOnlyReason={t.readOnlyReason}
          setCell={setRaciCellAction}
        />
        {t.canManageSettings && (
          <Card title="Re-attestation">
            <ActionForm action={reattestSettingAction} submitLabel="Save interval">
              <TextField
                name="months"
                label="Re-attest effective matrices every (months)"
                type="number"
                min={1}
                max={60}
                defaultValue={t.reattestMonths}
                required
              />
            </ActionForm>
          </Card>
        )}
      </div>
    </>
  );
}
