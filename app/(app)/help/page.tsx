import type { Metadata } from "next";
import { requirePageActor } from "@/lib/auth/current";
import { Card, PageHeader } from "@/components/ui/card";
import { staticMarkup } from "@/components/ui/static-markup";

/** The words and scales Clearline uses: fixed text. */
function HelpCards() {
  return (
    <>
      <Card title="RACI letters">
        <dl className="space-y-1 text-sm">
          <div>
            <dt className="inline font-semibold">R — Responsible:</dt> <dd className="inline">does the work.</dd>
          </div>
          <div>
            <dt className="inline font-semibold">A — Accountable:</dt>{" "}
            <dd className="inline">owns the outcome and signs; exactly one per activity, and the party must have a lead.</dd>
          </div>
          <div>
            <dt className="inline font-semibold">C — Consulted:</dt> <dd className="inline">asked before the work is done.</dd>
          </div>
          <div>
            <dt className="inline font-semibold">I — Informed:</dt> <dd className="inline">told after.</dd>
          </div>
        </dl>
      </Card>
      <Card title="CSF 2.0 scores">
        <ul className="space-y-1 text-sm">
          <li>
            <strong>0 Not implemented</strong> — the outcome is not achieved.
          </li>
          <li>
            <strong>1 Partially</strong> — achieved for some devices or sites, informally.
          </li>
          <li>
            <strong>2 Largely</strong> — achieved for most, documented, with gaps.
          </li>
          <li>
            <strong>3 Fully</strong> — achieved, documented and checked.
          </li>
          <li>
            <strong>N/A</strong> — requires a reason; left out of averages.
          </li>
        </ul>
      </Card>
      <Card title="Exercise ratings (HSEEP)">
        <ul className="space-y-1 text-sm">
          <li>
            <strong>P</strong> — performed without challenges.
          </li>
          <li>
            <strong>S</strong> — performed with some challenges.
          </li>
          <li>
            <strong>M</strong> — performed with major challenges.
          </li>
          <li>
            <strong>U</strong> — unable to be performed.
          </li>
        </ul>
      </Card>
      <Card title="Exercise cadence">
        <ul className="space-y-1 text-sm">
          <li>
            <strong>CMS 42 CFR 482.15(d)(2)</strong>: a full-scale or functional exercise plus one more each 12 months; a real event that activated the plan
            exempts the next full-scale or functional one.
          </li>
          <li>
            <strong>Joint Commission EM</strong>: one operations-based exercise plus one of choice each year.
          </li>
          <li>
            <strong>Per plan</strong>: every approved plan exercised within its interval.
          </li>
        </ul>
      </Card>
    </>
  );
}

/**
 * The cards never change, so they are rendered to markup once, when the module loads (components/ui/static-markup.ts):
 * as React elements they were ~100 elements rendered twice on every request (RSC, then HTML), most of what this page
 * cost beyond the signed-in shell (issue #15, decision 0044).
 */
const BODY = staticMarkup(<HelpCards />);

export const metadata: Metadata = { title: "Help" };

/** The words Clearline uses. Reads nothing but the session (the benchmark's "trivial dynamic page"). */
export default async function HelpPage() {
  await requirePageActor();
  return (
    <>
      <PageHeader title="Help" description="The words and scales Clearline uses, in one place." />
      <div className="grid gap-4 md:grid-cols-2" dangerouslySetInnerHTML={{ __html: BODY }} />
    </>
  );
}
