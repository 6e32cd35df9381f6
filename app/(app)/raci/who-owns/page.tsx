import type { Metadata } from "next";
import { parseQuery, q } from "@/lib/server/route-params";
import Link from "next/link";
import { requirePageActor } from "@/lib/auth/current";
import { AppError } from "@/lib/errors";
import { LETTERS, LETTER_NAMES } from "@/lib/rules/raci";
import { whoOwns, whoOwnsOptions, type WhoOwnsResult } from "@/lib/services/raci/who-owns";
import { findDevice, type FoundDevice } from "@/lib/services/inventory/find-device";
import { getDb } from "@/lib/server/db";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { FilterBar } from "@/components/ui/filter-bar";
import { Card, PageHeader } from "@/components/ui/card";

export const metadata: Metadata = { title: "Who owns this?" };

export default async function WhoOwnsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor();
  const db = await getDb();
  const { query, problems } = parseQuery({ classId: q.id("Device class"), activityId: q.id("Activity"), device: q.text(200) }, await searchParams);
  const { classes, activities } = whoOwnsOptions(db, actor);
  const chosenDevice = query.device ?? "";
  let chosenClass = query.classId ? String(query.classId) : "";
  const chosenActivity = query.activityId ? String(query.activityId) : "";
  let result: WhoOwnsResult | null = null;
  let problem: string | null = problems.length ? `${problems.join(" ")} Choose a device class and an activity from the lists.` : null;
  let device: FoundDevice | null = null;
  // A device (asset tag, serial, hostname or IP) stands for its model's device class.
  if (chosenDevice && !problem) {
    try {
      device = findDevice(db, actor, chosenDevice);
      if (device.deviceClass) chosenClass = String(device.deviceClass.id);
      else problem = `Device ${device.assetTag} (${device.label}) has no device class yet: classify its model first.`;
    } catch (e) {
      if (e instanceof AppError && (e.code === "NOT_FOUND" || e.code === "VALIDATION")) problem = e.message;
      else throw e;
    }
  }
  const classId = Number(chosenClass);
  const activityId = Number(chosenActivity);
  if (problem) {
    // shown below
  } else if (chosenActivity && !chosenClass) {
    problem = "Choose a device class, or name a device by its asset tag, serial number, hostname or IP address.";
  } else if (chosenClass && chosenActivity && (!Number.isSafeInteger(classId) || classId <= 0 || !Number.isSafeInteger(activityId) || activityId <= 0)) {
    problem = "Choose a device class and an activity from the lists.";
  } else if (chosenClass && chosenActivity) {
    try {
      result = whoOwns(db, actor, classId, activityId);
    } catch (e) {
      if (e instanceof AppError && e.code === "NOT_FOUND") problem = e.message;
      else throw e;
    }
  }
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/raci">RACI coverage</Link>
      </nav>
      <PageHeader
        title="Who owns this?"
        description="Pick a device class, or name a device by its asset tag, serial number, hostname or IP address, and an activity: see which party holds each letter, and who leads it."
      />
      <Card>
        <FilterBar
          label="Who owns this?"
          idPrefix="w"
          submitLabel="Show owners"
          className="grid gap-3 md:grid-cols-[1fr_1fr_2fr_auto] md:items-end"
          fields={[
            { kind: "text", name: "device", label: "Device (asset tag, serial, hostname or IP)", value: chosenDevice },
            {
              kind: "select",
              name: "classId",
              label: "or device class",
              value: chosenDevice ? "" : chosenClass,
              all: "Choose a class",
              options: classes.map((c) => ({ value: c.id, label: `${"— ".repeat(c.depth)}${c.name}` })),
            },
            {
              kind: "select",
              name: "activityId",
              label: "Activity",
              value: chosenActivity,
              all: "Choose an activity",
              required: true,
              options: activities.map((a) => ({ value: a.id, label: a.name })),
            },
          ]}
        />
      </Card>
      {problem && (
        <Alert tone="error" className="mt-4">
          {problem}
        </Alert>
      )}
      {result && (
        <Card className="mt-6" title={`${device ? `Device ${device.assetTag}: ` : ""}${result.deviceClass.name} — ${result.activity.name}`}>
          {device && (
            <p className="mb-2 text-sm">
              <Link href={`/inventory/devices/${device.id}`}>{device.assetTag}</Link> is a {device.label}, filed under {result.deviceClass.name}.
            </p>
          )}
          <p className="mb-3 text-sm">
            {result.signed ? (
              <Badge tone="good">Signed in version {result.effectiveVersionNo}</Badge>
            ) : result.pendingVersionNo != null ? (
              <Badge tone="info">Awaiting sign-off in version {result.pendingVersionNo}</Badge>
            ) : (
              <Badge tone="warn">Not signed as shown</Badge>
            )}{" "}
            {result.activity.csfRefs.length > 0 && <span className="text-slate-600">CSF 2.0: {result.activity.csfRefs.join(", ")} · </span>}
            <Link href={`/raci/${result.deviceClass.id}`}>Open the matrix</Link>
          </p>
          {!result.signed && result.effectiveVersionNo != null && (
            <p className="mb-3 text-sm text-slate-700">
              Version {result.effectiveVersionNo} is in force, but it assigns this activity differently: the letters below are not yet signed.
            </p>
          )}
          <dl className="grid gap-3 sm:grid-cols-2" aria-label="Owners by letter">
            {LETTERS.map((l) => (
              <div key={l} className="rounded-md border border-slate-200 p-3">
                <dt className="font-semibold">
                  {LETTER_NAMES[l]} ({l})
                </dt>
                <dd className="text-sm">
                  {result.byLetter[l].length === 0 ? (
                    <span className="text-slate-600">No party{l === "A" || l === "R" ? " — this breaks the matrix rules" : ""}</span>
                  ) : (
                    <ul>
                      {result.byLetter[l].map((o) => (
                        <li key={o.partyId}>
                          {o.party} — {o.lead ? `lead: ${o.lead}` : "no lead"}{" "}
                          <span className="text-xs text-slate-600">
                            ({o.overriddenHere ? "set for this class" : `inherited from ${o.inheritedFrom === "template" ? "the template" : o.inheritedFrom}`})
                          </span>
                        </li>
                      ))}
                    </ul>
                  )}
                </dd>
              </div>
            ))}
          </dl>
        </Card>
      )}
    </>
  );
}
