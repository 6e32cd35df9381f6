export const REGULATED_LABELS = { yes: "Regulated medical device", no: "Not a medical device", borderline: "Borderline" } as const;
export const CONNECTIVITY_LABELS = { standalone: "Standalone", wired: "Wired network", wireless: "Wireless" } as const;
export const CRITICALITY_LABELS = { low: "Low", moderate: "Moderate", high: "High", critical: "Critical" } as const;
export const SITE_KIND_LABELS = { hospital: "Hospital", clinic: "Clinic", campus: "Campus", other: "Other" } as const;
export const options = <T extends Record<string, string>>(labels: T) => Object.entries(labels).map(([value, label]) => ({ value, label }));
