import type { DeviceStatus } from "@/db/schema/inventory";
import { IMPORT_FIELD_LABELS } from "@/lib/rules/inventory-import";
import { SUPPORT_STATUS_LABELS, type SupportStatus } from "@/lib/rules/support-status";

export const DEVICE_STATUS_LABELS: Record<DeviceStatus, string> = {
  in_service: "In service",
  in_storage: "In storage",
  out_for_repair: "Out for repair",
  retired: "Retired",
};

export const DEVICE_FIELD_LABELS: Record<string, string> = {
  ...IMPORT_FIELD_LABELS,
  manufacturerId: "Manufacturer (id)",
  modelId: "Model (id)",
  siteId: "Site (id)",
  cmmsSource: "CMMS",
};

export const SUPPORT_TONES: Record<SupportStatus, "good" | "warn" | "bad" | "neutral"> = {
  supported: "good",
  ending: "warn",
  unsupported: "bad",
  unknown: "neutral",
};
export { SUPPORT_STATUS_LABELS };

export const EVENT_LABELS: Record<string, string> = {
  imported: "Imported",
  created: "Created",
  changed: "Changed",
  retired: "Retired",
  patch_applied: "Patch applied",
  recall_action: "Recall action",
  note: "Note",
};

export function showValue(v: unknown): string {
  if (v === null || v === undefined || v === "") return "—";
  if (typeof v === "boolean") return v ? "yes" : "no";
  if (v === "in_service" || v === "in_storage" || v === "out_for_repair" || v === "retired") return DEVICE_STATUS_LABELS[v];
  return String(v);
}
