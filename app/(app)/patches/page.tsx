import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/lib/auth/current";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/server/db";
import { parsePatchQueueFilter } from "@/lib/validation/patches";
import { dropUnknownPatchFilterIds, listPatchQueue, patchQueueOptions } from "@/lib/services/patches/list-patch-queue";
import { canDeferPatch, canRecordPatch } from "@/lib/services/patches/load-patch-item";
import { withDeferralRequests } from "@/lib/services/patches/request-patch-deferral";
import { clock } from "@/lib/clock";
import { readVersions } from "@/lib/services/versioned-cache";
import { Card, PageHeader } from "@/components/ui/card";
import { QueryProblems } from "@/components/ui/query-problems";
import { PatchFilterBar } from "@/components/patches/patch-filter-bar";
import { PatchTable } from "@/components/patches/patch-table";
import { CompletionsImport } from "@/components/patches/completions-import";
import { PatchPolicyForm } from "@/components/patches/patch-policy-form";
import {
  commitPatchCompletionsAction,
  deferPatchAction,
  markPatchNotApplicableAction,
  previewPatchCompletionsAction,
  recordPatchAppliedAction,
  savePatchPolicyAction,
} from "../_shared/patches/actions";

export const metadata: Metadata = { title: "Patch queue" };

type Search = Record<string, string | string[] | undefined>;

export default async function PatchesPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requirePageActor();
  const db = await getDb();
  const parsed = parsePatchQueueFilter(await searchParams);
  const known = dropUnknownPatchFilterIds(db, actor, parsed.filter);
  const filter = known.filter;
  const problems = [...parsed.problems, ...known.problems];
  const today = clock.today();
  const versions = readVersions(db);
  const result = listPatchQueue(db, actor, filter, today, versions);
  const options = patchQueueOptions(db, actor, versions);
  const query = new URLSearchParams(
    Object.entries(filter)
      .filter(([k, v]) => k !== "page" && v !== undefined)
      .map(([k, v]) => [k, String(v)]),
  );
  const pageHref = (page: number) => `/patches?${new URLSearchParams([...query, ["page", String(page)]])}`;
  const rows = withDeferralRequests(db, actor, result.rows).map((r) => ({
    ...r,
    rights: { record: canRecordPatch(actor, r.item), defer: canDeferPatch(actor, r.item) },
  }));
  const mayImport = can(actor, "patch.record") || actor.leadOfPartyIds.length > 0;
  return (
    <>
      <PageHeader
        title="Patch queue"
        description="Devices affected by an advisory whose model has an OEM-validated patch not yet applied (CSF PR.PS-02), ranked: known exploited first, then CVSS, then the class's criticality (life-sustaining first), PHI, connected. Routed to the party the class's signed RACI names Responsible for patching; the Accountable party answers for it."
      />
      <div className="space-y-6">
        <Card
          title={`Items (${result.total.toLocaleString("en-US")})`}
          actions={
            <a className="text-sm" href={`/api/patches/export?${query}`}>
              Export CSV for the CMMS
            </a>
          }
        >
          <QueryProblems problems={problems} />
          <PatchFilterBar filter={filter} parties={options.parties} sites={options.sites} />
          <PatchTable
            rows={rows}
            today={today}
            actions={{ applied: recordPatchAppliedAction, notApplicable: markPatchNotApplicableAction, defer: deferPatchAction }}
          />
          <nav aria-label="Pages" className="mt-4 flex items-center gap-3 text-sm">
            {result.page > 1 && <Link href={pageHref(result.page - 1)}>Previous page</Link>}
            <span>
              Page {result.page} of {result.pages}
            </span>
            {result.page < result.pages && <Link href={pageHref(result.page + 1)}>Next page</Link>}
          </nav>
        </Card>
        {mayImport && (
          <Card title="Import completed work orders">
            <CompletionsImport preview={previewPatchCompletionsAction} commit={commitPatchCompletionsAction} />
          </Card>
        )}
        <Card title="Patch policy">
          <p className="mb-3 text-sm text-slate-600">
            Days to apply an OEM-validated patch, counted from the day the OEM validated it: known exploited {result.policy.kevDays}, critical{" "}
            {result.policy.criticalDays}, high {result.policy.highDays}, other {result.policy.otherDays}.
          </p>
          {can(actor, "patch.policy") && <PatchPolicyForm action={savePatchPolicyAction} policy={result.policy} />}
        </Card>
      </div>
    </>
  );
}
