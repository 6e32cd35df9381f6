import type { Letter } from "@/lib/rules/raci";

type PartyKey = "ce" | "it" | "sec" | "clin" | "supply" | "em" | "oem";

/** The 25 default activities of DOMAIN.md, each anchored to CSF 2.0 subcategories. */
export const DEFAULT_ACTIVITIES: { name: string; csf: string[]; letters: Partial<Record<PartyKey, Letter>> }[] = [
  {
    name: "Approve device-security policy and risk acceptance criteria",
    csf: ["GV.PO-01", "GV.RM-02"],
    letters: { it: "A", ce: "R", sec: "C", clin: "C", em: "I", supply: "I" },
  },
  {
    name: "Maintain and sign off this RACI per device class, re-attest yearly",
    csf: ["GV.RR-02"],
    letters: { ce: "A", it: "R", sec: "C", clin: "I", em: "I", supply: "I" },
  },
  {
    name: "Pre-purchase security review: MDS2, SBOM, disclosure policy, support period",
    csf: ["GV.SC-06"],
    letters: { ce: "A", supply: "R", it: "C", sec: "C", clin: "C", oem: "C" },
  },
  { name: "OEM contract security terms / responsibility agreement", csf: ["GV.SC-05"], letters: { ce: "A", supply: "R", sec: "C", it: "C", oem: "I" } },
  { name: "Track OEM support status and end-of-support dates per model", csf: ["GV.SC-07", "ID.AM-08"], letters: { ce: "A", oem: "R", supply: "C", it: "I" } },
  {
    name: "Maintain the device inventory; reconcile CMMS with network discovery",
    csf: ["ID.AM-01", "ID.AM-02"],
    letters: { ce: "A", it: "R", sec: "C", clin: "I" },
  },
  { name: "Document network and data flows per class", csf: ["ID.AM-03"], letters: { it: "A", ce: "R", sec: "C", oem: "C" } },
  { name: "Classify criticality: patient safety, PHI, life support", csf: ["ID.AM-05"], letters: { ce: "A", clin: "R", sec: "C", it: "C", em: "I" } },
  { name: "Risk assessment per device class", csf: ["ID.RA-04", "ID.RA-05"], letters: { ce: "A", it: "R", sec: "C", clin: "C", oem: "C" } },
  {
    name: "Monitor advisories (CISA ICSMA, OEM bulletins, FDA) and match to inventory",
    csf: ["ID.RA-01", "ID.RA-02", "ID.RA-08"],
    letters: { ce: "A", it: "R", sec: "C", oem: "C", clin: "I" },
  },
  { name: "Handle recalls and field safety notices", csf: ["ID.AM-08"], letters: { ce: "A", clin: "R", supply: "C", oem: "C", it: "I" } },
  {
    name: "Unpatchable / legacy devices: exception, compensating controls, replacement plan",
    csf: ["ID.RA-06", "ID.RA-07"],
    letters: { ce: "A", it: "R", sec: "C", clin: "C", oem: "C", supply: "I" },
  },
  { name: "Obtain OEM-validated patch, schedule downtime, deploy, verify", csf: ["PR.PS-02"], letters: { ce: "R", it: "A", oem: "C", clin: "C", sec: "I" } },
  { name: "Network segmentation / NAC per class", csf: ["PR.IR-01"], letters: { it: "A", ce: "R", sec: "C", clin: "I" } },
  {
    name: "Device credentials, default passwords, vendor remote access",
    csf: ["PR.AA-01", "PR.AA-05"],
    letters: { it: "A", ce: "R", sec: "C", oem: "C", clin: "I" },
  },
  { name: "Secure configuration baseline and change control", csf: ["PR.PS-01"], letters: { ce: "A", oem: "R", it: "C", sec: "C" } },
  { name: "Backup and restore of device configuration and local data", csf: ["PR.DS-11"], letters: { it: "A", ce: "R", oem: "C", clin: "I" } },
  { name: "Role-based training for HTM, IT and clinical staff", csf: ["PR.AT-02"], letters: { ce: "A", it: "R", sec: "C", clin: "C", em: "I" } },
  { name: "Monitor device traffic for anomalies", csf: ["DE.CM-01", "DE.CM-09"], letters: { it: "A", ce: "R", sec: "C" } },
  { name: "Triage device alerts, declare an incident", csf: ["DE.AE-02", "RS.MA-02"], letters: { it: "A", ce: "R", sec: "C", clin: "I", em: "I" } },
  {
    name: "Contain / isolate devices, invoke clinical downtime procedures",
    csf: ["RS.MI-01", "RS.MA-01"],
    letters: { it: "A", ce: "R", clin: "R", sec: "C", oem: "C", em: "I" },
  },
  {
    name: "External notifications: OEM, FDA, HHS/CISA, ISAC",
    csf: ["RS.CO-02", "RS.CO-03"],
    letters: { ce: "A", it: "R", sec: "C", oem: "C", em: "I", clin: "I" },
  },
  {
    name: "Restore / reimage and verify before return to clinical use",
    csf: ["RC.RP-03", "RC.RP-05"],
    letters: { ce: "A", it: "R", oem: "R", clin: "C", sec: "I" },
  },
  { name: "Recovery communications to clinical units and leadership", csf: ["RC.CO-03"], letters: { it: "A", em: "R", ce: "C", sec: "C", clin: "I" } },
  {
    name: "Exercise the plans and track improvement items to closure",
    csf: ["ID.IM-02", "ID.IM-04"],
    letters: { ce: "A", em: "R", it: "C", sec: "C", clin: "C" },
  },
];
