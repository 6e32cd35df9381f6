import Link from "next/link";
import { Card } from "@/components/ui/card";
import type { FormAction } from "@/components/forms/action-form";
import { SiteCadence, type SiteCadenceView } from "./site-cadence";

/**
 * Every site's exercise cadence over the rolling 12 months ending `today`, or only the filtered site's when the
 * list is filtered by site (the dashboard's "N overdue at <site>" lands here).
 */
export function CadenceBySiteCard({
  compliance,
  siteId,
  today,
  rulesAction,
}: {
  compliance: (SiteCadenceView & { siteName: string })[];
  siteId: number | undefined;
  today: string;
  rulesAction?: FormAction;
}) {
  const siteCadence = siteId ? compliance.filter((c) => c.siteId === siteId) : [];
  const cadenceShown = siteCadence.length ? siteCadence : compliance;
  return (
    <Card title="Exercise cadence by site">
      <p className="mb-3 text-sm text-slate-600">
        Over the rolling 12 months ending {today}. “Due” means the requirement is met today but lapses within 60 days; “Overdue” means it is not met today.
      </p>
      {siteId && cadenceShown.length > 0 && (
        <p className="mb-3 text-sm text-slate-700">
          Showing {cadenceShown.map((s) => s.siteName).join(", ")} only, as the site filter below asks. <Link href="/drills">Show every site</Link>
        </p>
      )}
      {cadenceShown.length === 0 ? (
        <p className="text-sm text-slate-600">No site exists yet.</p>
      ) : (
        <div className="grid gap-4 lg:grid-cols-2">
          {cadenceShown.map((s) => (
            <SiteCadence key={s.siteId} site={s} rulesAction={rulesAction} />
          ))}
        </div>
      )}
    </Card>
  );
}
