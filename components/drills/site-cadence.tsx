import type { CadenceResult } from "@/lib/rules/cadence";
import type { FormAction } from "@/components/forms/action-form";
import { CadenceBadge } from "./drill-labels";
import { SiteRulesForm } from "./drill-forms";

export interface SiteCadenceView {
  siteId: number;
  siteName: string;
  settings: { cms: boolean; jointCommission: boolean; perPlan: boolean };
  customized: boolean;
  results: Pick<CadenceResult, "ruleId" | "ruleName" | "source" | "state" | "daysLeft" | "exempt" | "sentence">[];
}

/**
 * One site's exercise cadence (CMS 42 CFR 482.15(d)(2), Joint Commission EM, per-plan intervals): a named region
 * with one row per applicable rule, its status in words and the sentence explaining it.
 */
export function SiteCadence({ site, rulesAction }: { site: SiteCadenceView; rulesAction?: FormAction }) {
  const headingId = `cadence-site-${site.siteId}`;
  return (
    <section aria-label={`${site.siteName} exercise cadence`} className="rounded-md border border-slate-200 p-4">
      <h3 id={headingId} className="text-sm font-semibold text-slate-900">
        {site.siteName}
        {!site.customized && <span className="ml-2 text-xs font-normal text-slate-600">(default rules for this kind of site)</span>}
      </h3>
      {site.results.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">No cadence rule applies to this site.</p>
      ) : (
        <ul className="mt-2 space-y-2" aria-labelledby={headingId}>
          {site.results.map((r) => (
            <li key={r.ruleId} className="text-sm">
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-medium">{r.ruleName}</span>
                <CadenceBadge result={r} />
              </div>
              <p className="text-slate-700">{r.sentence}</p>
            </li>
          ))}
        </ul>
      )}
      {rulesAction && (
        <div className="mt-3 border-t border-slate-100 pt-3">
          <SiteRulesForm action={rulesAction} siteId={site.siteId} siteName={site.siteName} settings={site.settings} />
        </div>
      )}
    </section>
  );
}
