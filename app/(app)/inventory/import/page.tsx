import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageActor } from "@/lib/auth/current";
import { getDb } from "@/lib/server/db";
import { IMPORT_FIELDS, IMPORT_FIELD_LABELS } from "@/lib/rules/inventory-import";
import { deviceEditRights } from "@/lib/services/inventory/access";
import { deviceFilterOptions } from "@/lib/services/inventory/list-devices";
import { listImportProfiles } from "@/lib/services/inventory/list-import-profiles";
import { listImports } from "@/lib/services/inventory/list-imports";
import { Card, PageHeader } from "@/components/ui/card";
import { ImportWizard } from "@/components/inventory/import-wizard";
import { ImportHistory } from "@/components/inventory/import-history";
import { commitImportAction, previewImportAction } from "../actions";

export const metadata: Metadata = { title: "Import from the CMMS" };

export default async function ImportPage() {
  const actor = await requirePageActor();
  const db = await getDb();
  if (!deviceEditRights(db, actor).import) notFound();
  const options = deviceFilterOptions(db, actor);
  const profiles = listImportProfiles(db, actor);
  const history = listImports(db, actor);
  const sources = [...new Set([...profiles.map((p) => p.source), ...history.map((h) => h.source)])];
  return (
    <>
      <PageHeader
        title="Import from the CMMS"
        description="Upload the CMMS equipment export (CSV or XLSX). Clearline reads its encoding, delimiter and header row, proposes a column mapping, and shows what would change before anything is written. The commit is all or nothing; the same file twice changes nothing."
        actions={
          <div className="flex gap-3 text-sm">
            <a href="/api/inventory/sample" download>
              Download the sample CMMS export
            </a>
            <Link href="/inventory">Back to the inventory</Link>
          </div>
        }
      />
      <div className="space-y-6">
        <Card title="Upload and preview">
          <ImportWizard
            previewAction={previewImportAction}
            commitAction={commitImportAction}
            sites={options.sites}
            sources={sources}
            profiles={profiles.map((p) => ({ id: p.id, source: p.source, name: p.name }))}
            fields={IMPORT_FIELDS.map((f) => ({ value: f, label: IMPORT_FIELD_LABELS[f] }))}
            classes={options.classTree}
            manufacturers={options.manufacturers}
          />
        </Card>
        <Card title="Import history">
          <ImportHistory imports={history} />
        </Card>
      </div>
    </>
  );
}
