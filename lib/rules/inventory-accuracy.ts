import { addMonths } from "./cadence";

/**
 * Inventory accuracy (issue #12 §5; ID.AM-01/02, the seed's "Revisit your inventory to ensure it's visible and
 * accurate"): each figure is a share or a count with the filter that lists its devices, so every number links to
 * the devices behind it.
 */
export interface AccuracyCounts {
  /** Devices not retired. */
  devices: number;
  withClass: number;
  withLocation: number;
  connected: number;
  connectedWithAddress: number;
  /** Not inventoried since the cutoff (or never). */
  notInventoried: number;
  /** Devices sharing manufacturer, model and serial with another asset tag. */
  probableDuplicates: number;
  models: number;
  modelsUnknownSupport: number;
}

export type AccuracyKey = "class" | "location" | "address" | "stale" | "duplicates" | "unknownSupport";

export interface AccuracyFigure {
  key: AccuracyKey;
  label: string;
  /** "share": value/of as a percentage where higher is better; "count": fewer is better. */
  kind: "share" | "count";
  value: number;
  of: number;
  /** Whole percent, rounded down (a 99.6 % inventory is not "100 %"); null when there is nothing to measure. */
  percent: number | null;
}

const pct = (value: number, of: number) => (of === 0 ? null : Math.floor((value * 100) / of));

export function accuracyFigures(c: AccuracyCounts): AccuracyFigure[] {
  return [
    { key: "class", label: "Devices with a device class", kind: "share", value: c.withClass, of: c.devices, percent: pct(c.withClass, c.devices) },
    { key: "location", label: "Devices with a location", kind: "share", value: c.withLocation, of: c.devices, percent: pct(c.withLocation, c.devices) },
    {
      key: "address",
      label: "Connected devices with an IP or MAC address",
      kind: "share",
      value: c.connectedWithAddress,
      of: c.connected,
      percent: pct(c.connectedWithAddress, c.connected),
    },
    {
      key: "stale",
      label: "Devices not inventoried in 12 months",
      kind: "count",
      value: c.notInventoried,
      of: c.devices,
      percent: pct(c.notInventoried, c.devices),
    },
    {
      key: "duplicates",
      label: "Probable duplicates (same manufacturer, model and serial under two asset tags)",
      kind: "count",
      value: c.probableDuplicates,
      of: c.devices,
      percent: pct(c.probableDuplicates, c.devices),
    },
    {
      key: "unknownSupport",
      label: "Models with unknown support dates",
      kind: "count",
      value: c.modelsUnknownSupport,
      of: c.models,
      percent: pct(c.modelsUnknownSupport, c.models),
    },
  ];
}

/**
 * One headline figure: the share of devices that are fully described (class and location, and an address when
 * connected) — the mean of the three shares, ignoring those with nothing to measure.
 */
export function accuracyScore(figures: readonly AccuracyFigure[]): number | null {
  const shares = figures.filter((f) => f.kind === "share" && f.of > 0).map((f) => (f.value * 100) / f.of);
  return shares.length === 0 ? null : Math.floor(shares.reduce((a, b) => a + b, 0) / shares.length);
}

/** A device last inventoried before this date (or never) counts as not inventoried in 12 months. */
export function inventoryCutoff(today: string): string {
  return addMonths(today, -12);
}

/** The key under which two devices are probable duplicates; null when any part is unknown (nothing to compare). */
export function duplicateKey(d: { manufacturerId: number | null; modelId: number | null; serialNumber: string | null }): string | null {
  const serial = d.serialNumber?.trim().toUpperCase();
  if (d.manufacturerId == null || d.modelId == null || !serial) return null;
  return `${d.manufacturerId}|${d.modelId}|${serial}`;
}
