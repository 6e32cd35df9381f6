import type { Role } from "../schema/enums";

export const DEMO_PASSWORD = "lakeside-demo-2026";
export const DEMO_ORG = "Lakeside Regional Health";

export const DEMO_SITES = [
  { name: "Lakeside Main Hospital", code: "LMH", kind: "hospital" },
  { name: "Northshore Community Hospital", code: "NCH", kind: "hospital" },
  { name: "Eastgate Outpatient Clinic", code: "EOC", kind: "clinic" },
] as const;

/** The seven parties of DOMAIN.md. */
export const DEMO_PARTIES = [
  { key: "ce", name: "Clinical Engineering", kind: "internal", description: "HTM / biomedical engineering: device service, OEM liaison, CMMS." },
  { key: "it", name: "IT Infrastructure", kind: "internal", description: "Network, servers, endpoints, identity, backups." },
  { key: "sec", name: "Information Security", kind: "internal", description: "CISO office: risk, monitoring, incident response." },
  { key: "clin", name: "Clinical Department Owner", kind: "internal", description: "The unit that uses the device: nursing, radiology, lab." },
  { key: "supply", name: "Supply Chain / Contracts", kind: "internal", description: "Purchasing, vendor contracts, security terms." },
  { key: "em", name: "Emergency Management", kind: "internal", description: "Emergency operations, downtime procedures, exercises." },
  { key: "oem", name: "OEM (Manufacturer)", kind: "external", description: "The device manufacturer: validated patches, disclosures, remote service." },
] as const;

export const DEMO_USERS: { email: string; name: string; title: string; roles: Role[]; party?: string; leads?: string }[] = [
  { email: "admin@lakeside.example", name: "Alex Morgan", title: "Clearline Administrator", roles: ["admin"] },
  { email: "cio@lakeside.example", name: "Dana Whitfield", title: "Chief Information Officer", roles: ["leadership"] },
  { email: "ce.lead@lakeside.example", name: "Carlos Estrada", title: "Director of Clinical Engineering", roles: ["lead"], party: "ce", leads: "ce" },
  { email: "it.lead@lakeside.example", name: "Priya Natarajan", title: "IT Infrastructure Manager", roles: ["lead"], party: "it", leads: "it" },
  { email: "security.lead@lakeside.example", name: "Sam Okafor", title: "Chief Information Security Officer", roles: ["lead"], party: "sec", leads: "sec" },
  { email: "assessor@lakeside.example", name: "Jordan Lee", title: "Biomedical Engineer", roles: ["contributor"], party: "ce" },
  { email: "auditor@lakeside.example", name: "Morgan Reyes", title: "Internal Auditor", roles: ["auditor"] },
];

type Cls = {
  name: string;
  description?: string;
  regulated?: "yes" | "no" | "borderline";
  fdaClass?: "I" | "II" | "III" | null;
  connectivity?: "standalone" | "wired" | "wireless";
  remoteVendorAccess?: boolean;
  storesPhi?: boolean;
  lifeSustaining?: boolean;
  criticality?: "low" | "moderate" | "high" | "critical";
  children?: Cls[];
};

export const DEMO_DEVICE_CLASSES: Cls[] = [
  {
    name: "Infusion pumps",
    fdaClass: "II",
    connectivity: "wireless",
    storesPhi: true,
    criticality: "critical",
    description: "Networked infusion systems with drug libraries and a pump server.",
    children: [
      { name: "Large-volume infusion pumps", fdaClass: "II", connectivity: "wireless", storesPhi: true, criticality: "critical" },
      { name: "Syringe pumps", fdaClass: "II", connectivity: "wireless", storesPhi: true, criticality: "critical" },
      { name: "PCA pumps", fdaClass: "II", connectivity: "wireless", storesPhi: true, criticality: "critical", description: "Patient-controlled analgesia." },
    ],
  },
  {
    name: "Physiologic monitors",
    fdaClass: "II",
    connectivity: "wired",
    storesPhi: true,
    criticality: "high",
    children: [
      { name: "Bedside patient monitors", fdaClass: "II", connectivity: "wired", storesPhi: true, criticality: "high" },
      { name: "Central monitoring stations", fdaClass: "II", connectivity: "wired", storesPhi: true, remoteVendorAccess: true, criticality: "high" },
      { name: "Telemetry transmitters", fdaClass: "II", connectivity: "wireless", storesPhi: true, criticality: "high" },
    ],
  },
  {
    name: "Imaging modalities",
    fdaClass: "II",
    connectivity: "wired",
    storesPhi: true,
    remoteVendorAccess: true,
    criticality: "high",
    children: [
      { name: "CT scanners", fdaClass: "II", connectivity: "wired", storesPhi: true, remoteVendorAccess: true, criticality: "high" },
      { name: "MRI scanners", fdaClass: "II", connectivity: "wired", storesPhi: true, remoteVendorAccess: true, criticality: "high" },
      { name: "Digital radiography", fdaClass: "II", connectivity: "wired", storesPhi: true, remoteVendorAccess: true, criticality: "moderate" },
      { name: "Ultrasound systems", fdaClass: "II", connectivity: "wireless", storesPhi: true, criticality: "moderate" },
    ],
  },
  {
    name: "PACS and imaging IT",
    fdaClass: "II",
    connectivity: "wired",
    storesPhi: true,
    remoteVendorAccess: true,
    criticality: "high",
    children: [
      { name: "PACS servers", fdaClass: "II", connectivity: "wired", storesPhi: true, remoteVendorAccess: true, criticality: "high" },
      { name: "PACS workstations", fdaClass: "II", connectivity: "wired", storesPhi: true, criticality: "moderate" },
    ],
  },
  {
    name: "Lab analyzers",
    fdaClass: "I",
    connectivity: "wired",
    storesPhi: true,
    remoteVendorAccess: true,
    criticality: "moderate",
    children: [
      { name: "Chemistry analyzers", fdaClass: "I", connectivity: "wired", storesPhi: true, remoteVendorAccess: true, criticality: "moderate" },
      { name: "Blood gas analyzers", fdaClass: "II", connectivity: "wired", storesPhi: true, criticality: "high" },
    ],
  },
  { name: "Ventilators", fdaClass: "II", connectivity: "wired", lifeSustaining: true, criticality: "critical" },
  { name: "Anesthesia workstations", fdaClass: "II", connectivity: "wired", lifeSustaining: true, criticality: "critical" },
  {
    name: "Vaccine refrigerators",
    regulated: "borderline",
    fdaClass: null,
    connectivity: "wireless",
    criticality: "moderate",
    description: "Temperature-monitored storage. Whether it is a medical device is debated: treat as borderline.",
  },
];
