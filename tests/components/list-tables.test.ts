import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, test } from "vitest";
import { PatchTable } from "@/components/patches/patch-table";
import type { DeferralRequestView } from "@/components/patches/patch-work-forms";
import { deviceRowsHtml } from "@/components/inventory/device-table";
import type { PatchItem } from "@/lib/services/patches/list-patch-queue";
import type { DeviceListRow } from "@/lib/services/inventory/list-devices";

/** Decision 0038: the patch queue's and the inventory's rows are markup strings; what they show and escape. */
const EVIL = `<img src=x onerror=alert(1)>`;
/** The markup with whitespace runs made single spaces and none between tags (HTML ignores both). */
const squash = (s: string) => s.replace(/\s+/g, " ").replace(/> </g, "><");

const item = (over: Partial<PatchItem> = {}): PatchItem => ({
  advisoryId: 7,
  trackingId: "ICSMA-23-194-01",
  advisoryTitle: `Pump firmware ${EVIL}`,
  deviceId: 42,
  assetTag: "LMH-10060",
  site: "Lakeside Main",
  siteId: 1,
  model: "Alaris 8015",
  manufacturer: "BD",
  deviceClass: "Infusion pumps",
  onKev: true,
  cvss: 9.8,
  reasons: ["known exploited (KEV)", "CVSS 9.8", "life-sustaining", "stores PHI"],
  validatedOn: "2026-11-01",
  validatedVersion: "12.1.3",
  bulletin: "BD bulletin 2026-11",
  dueOn: "2026-11-15",
  dueRule: "known exploited: 14 days",
  status: "overdue",
  deferUntil: null,
  appliedOn: null,
  workOrder: null,
  responsible: [{ partyId: 1, party: "Clinical Engineering", lead: "Carlos Estrada", leadUserId: 3 }],
  accountable: [{ partyId: 2, party: "IT Infrastructure", lead: null, leadUserId: null }],
  ...over,
});
const actions = { applied: async () => ({ ok: true }), notApplicable: async () => ({ ok: true }), defer: async () => ({ ok: true }) } as never;

describe("patch queue rows", () => {
  test("show the item's facts, owners and status in words, with untrusted text escaped", () => {
    const out = squash(
      renderToStaticMarkup(
        createElement(PatchTable, {
          rows: [
            { item: item(), rights: { record: false, defer: false } },
            {
              item: item({
                deviceId: 43,
                assetTag: "LMH-2",
                responsible: null,
                accountable: null,
                status: "applied",
                appliedOn: "2026-11-20",
                workOrder: "WO-9",
              }),
              rights: { record: true, defer: false },
            },
          ],
          today: "2026-11-30",
          actions,
        }),
      ),
    );
    expect(out).not.toContain("<img");
    expect(out).toContain("Pump firmware &lt;img src=x onerror=alert(1)&gt;");
    expect(out).toContain('<a href="/advisories/7">ICSMA-23-194-01</a>');
    expect(out).toContain('<a href="/inventory/devices/42">LMH-10060</a>');
    expect(out).toContain('<span class="badge badge-bad mr-1">Known exploited (KEV)</span><span>CVSS 9.8</span>');
    expect(out).toContain("life-sustaining, stores PHI");
    expect(out).toContain('<span class="badge badge-bad">Overdue</span>');
    expect(out).toContain("R: Clinical Engineering (Carlos Estrada)</div><div>A: IT Infrastructure</div>");
    expect(out).toContain('<span class="badge badge-warn">No signed owner</span>');
    expect(out).toContain("2026-11-20 · WO WO-9");
    // Nobody may record work on the first; the second is closed: no forms.
    expect(out).not.toContain("Record work on");
  });

  test("an item's row is built once and reused, but a pending deferral request always shows, and only while pending", () => {
    const shared = item();
    const render = (deferralRequest: DeferralRequestView | null, showDevice = true) =>
      squash(
        renderToStaticMarkup(
          createElement(PatchTable, {
            rows: [{ item: shared, rights: { record: false, defer: false }, deferralRequest }],
            today: "2026-11-30",
            actions,
            showDevice,
          }),
        ),
      );
    const request: DeferralRequestView = {
      id: 1,
      reason: "Downtime",
      deferUntil: "2027-01-15",
      requestedBy: "Carlos Estrada <ce@x>",
      requestedOn: "2026-11-29",
    };
    const plain = render(null);
    expect(render(null)).toBe(plain);
    const withRequest = render(request);
    expect(withRequest).toContain("Deferral requested");
    expect(withRequest).toContain("until 2027-01-15 by Carlos Estrada on 2026-11-29");
    expect(render(null)).toBe(plain);
    expect(plain).not.toContain("Deferral requested");
    // Without the device column (a device's own page) the same item gives its own row.
    const noDevice = render(null, false);
    expect(noDevice).not.toContain("/inventory/devices/42");
    expect(render(null)).toContain("/inventory/devices/42");
  });
});

describe("inventory rows", () => {
  const device = (over: Partial<DeviceListRow> = {}): DeviceListRow => ({
    id: 5,
    assetTag: "LMH-1",
    serialNumber: `SN${EVIL}`,
    manufacturer: "Philips",
    manufacturerId: 1,
    model: "IntelliVue MX800",
    modelId: 9,
    deviceClass: null,
    site: "Lakeside Main",
    location: null,
    status: "in_service",
    connected: true,
    ipAddress: "10.0.0.5",
    hostname: "mx800-1",
    storesPhi: true,
    support: "unsupported",
    supportEndsOn: "2025-01-31",
    softwareVersion: null,
    lastInventoriedOn: null,
    ...over,
  });

  test("show the device's facts and support in words, with untrusted text escaped", () => {
    const out = deviceRowsHtml([
      device(),
      device({
        id: 6,
        assetTag: "LMH-2",
        modelId: null,
        model: null,
        connected: false,
        ipAddress: null,
        hostname: null,
        storesPhi: false,
        support: "unknown",
        supportEndsOn: null,
      }),
    ]);
    expect(out).not.toContain("<img");
    expect(out).toContain('<a href="/inventory/devices/5">LMH-1</a>');
    expect(out).toContain('<a href="/inventory/models/9" class="block">IntelliVue MX800</a>');
    expect(out).toContain("Not classified");
    expect(out).toContain("No location");
    expect(out).toContain("10.0.0.5");
    expect(out).toContain("Stores PHI");
    expect(out).toContain('<span class="badge badge-bad">Unsupported since 2025-01-31</span>');
    expect(out).toContain("Not connected");
    expect(out).not.toContain("/inventory/models/null");
  });
});
