/**
 * Name banks for the large, health-system-scale dataset (`npm run seed:large`). Fictional throughout:
 * sites, people and manufacturers do not exist.
 */
import type { Letter } from "@/lib/rules/raci";

export type PartyKey = "ce" | "it" | "sec" | "clin" | "supply" | "em" | "oem";

export const LARGE_ORG = "Meridian Health System";
export const LARGE_EMAIL_DOMAIN = "meridian.example";

/** Thirty towns: the first fifteen are hospitals, then twelve clinics and three campuses. */
export const LARGE_TOWNS = [
  "Northshore",
  "Lakeside",
  "Riverside",
  "Westbrook",
  "Southfield",
  "Hillcrest",
  "Maple Grove",
  "Cedar Falls",
  "Pine Ridge",
  "Oakmont",
  "Brookhaven",
  "Fairview",
  "Summit",
  "Harbor Point",
  "Valley View",
  "Stonebridge",
  "Willow Creek",
  "Kingsport",
  "Ashford",
  "Granite Bay",
  "Clearwater",
  "Elm Park",
  "Silver Lake",
  "Redwood",
  "Bayside",
  "Highland",
  "Meadowbrook",
  "Crestwood",
  "Greenfield",
  "Eastgate",
] as const;

/** The core people: one admin, three leadership, seven party leads, two auditors. Everyone else is a contributor. */
export const CORE_USERS: { key: string; name: string; title: string; role: "admin" | "leadership" | "lead" | "auditor"; party?: PartyKey; leads?: PartyKey }[] =
  [
    { key: "admin", name: "Riley Chen", title: "Clearline Administrator", role: "admin" },
    { key: "cio", name: "Victoria Hale", title: "Chief Information Officer", role: "leadership" },
    { key: "cmo", name: "Marcus Bell", title: "Chief Medical Officer", role: "leadership" },
    { key: "vp.ce", name: "Elena Ruiz", title: "VP Clinical Engineering and Facilities", role: "leadership" },
    { key: "ce.lead", name: "Tomas Varga", title: "Director of Clinical Engineering", role: "lead", party: "ce", leads: "ce" },
    { key: "it.lead", name: "Aisha Karim", title: "IT Infrastructure Director", role: "lead", party: "it", leads: "it" },
    { key: "security.lead", name: "Noah Brennan", title: "Chief Information Security Officer", role: "lead", party: "sec", leads: "sec" },
    { key: "clinical.lead", name: "Grace Okoye", title: "VP Nursing Operations", role: "lead", party: "clin", leads: "clin" },
    { key: "supply.lead", name: "Owen Fischer", title: "Director of Supply Chain and Contracts", role: "lead", party: "supply", leads: "supply" },
    { key: "em.lead", name: "Hannah Lindqvist", title: "Director of Emergency Management", role: "lead", party: "em", leads: "em" },
    { key: "oem.lead", name: "Ravi Menon", title: "OEM Relationship Manager", role: "lead", party: "oem", leads: "oem" },
    { key: "auditor", name: "Sofia Marin", title: "Internal Auditor", role: "auditor" },
    { key: "compliance", name: "Ethan Cole", title: "Compliance Officer", role: "auditor" },
  ];

export const FIRST_NAMES = [
  "Avery",
  "Blake",
  "Camila",
  "Diego",
  "Emma",
  "Farah",
  "Gabriel",
  "Hana",
  "Isaac",
  "Julia",
  "Kenji",
  "Layla",
  "Mateo",
  "Nadia",
  "Oliver",
  "Priya",
  "Quinn",
  "Rosa",
  "Samuel",
  "Tara",
  "Umar",
  "Vera",
  "William",
  "Ximena",
  "Yusuf",
  "Zoe",
  "Andre",
  "Beatriz",
  "Connor",
  "Daria",
];
export const LAST_NAMES = [
  "Abbott",
  "Barros",
  "Castillo",
  "Dawson",
  "Eriksen",
  "Flores",
  "Gupta",
  "Hughes",
  "Ibrahim",
  "Jensen",
  "Kowalski",
  "Lam",
  "Moreau",
  "Nakamura",
  "Ortega",
  "Petrov",
  "Quaid",
  "Ramos",
  "Schmidt",
  "Tanaka",
  "Usman",
  "Valdez",
  "Walsh",
  "Xu",
  "Young",
  "Zimmer",
];

/** Contributors are spread over the parties in this proportion. */
export const CONTRIBUTOR_PARTIES: readonly (readonly [PartyKey, number])[] = [
  ["ce", 12],
  ["it", 10],
  ["sec", 6],
  ["clin", 8],
  ["supply", 3],
  ["em", 5],
  ["oem", 3],
];
export const CONTRIBUTOR_TITLES: Record<PartyKey, string[]> = {
  ce: ["Biomedical Engineer", "HTM Technician", "Imaging Engineer", "Clinical Engineering Analyst"],
  it: ["Network Engineer", "Systems Administrator", "Endpoint Engineer", "Identity Engineer"],
  sec: ["Security Analyst", "Security Architect", "Threat Intelligence Analyst"],
  clin: ["Nurse Manager", "Radiology Supervisor", "Lab Manager", "Charge Nurse"],
  supply: ["Contract Manager", "Procurement Specialist"],
  em: ["Emergency Preparedness Coordinator", "Exercise Planner"],
  oem: ["Field Service Engineer", "Product Security Liaison"],
};

type Crit = "low" | "moderate" | "high" | "critical";
export interface RootClass {
  name: string;
  fdaClass: "I" | "II" | "III" | null;
  regulated: "yes" | "no" | "borderline";
  connectivity: "standalone" | "wired" | "wireless";
  criticality: Crit;
  storesPhi: boolean;
  lifeSustaining: boolean;
  remoteVendorAccess: boolean;
  description: string;
}

const root = (
  name: string,
  fdaClass: RootClass["fdaClass"],
  connectivity: RootClass["connectivity"],
  criticality: Crit,
  flags: { phi?: boolean; life?: boolean; remote?: boolean; regulated?: RootClass["regulated"] },
  description: string,
): RootClass => ({
  name,
  fdaClass,
  regulated: flags.regulated ?? "yes",
  connectivity,
  criticality,
  storesPhi: flags.phi ?? false,
  lifeSustaining: flags.life ?? false,
  remoteVendorAccess: flags.remote ?? false,
  description,
});

export const ROOT_CLASSES: RootClass[] = [
  root("Infusion pumps", "II", "wireless", "critical", { phi: true }, "Networked infusion systems with drug libraries and a pump server."),
  root("Physiologic monitors", "II", "wired", "high", { phi: true, remote: true }, "Bedside and central monitoring."),
  root("CT scanners", "II", "wired", "high", { phi: true, remote: true }, "Computed tomography with vendor remote service."),
  root("MRI scanners", "II", "wired", "high", { phi: true, remote: true }, "Magnetic resonance imaging systems."),
  root("Digital radiography", "II", "wired", "moderate", { phi: true, remote: true }, "Fixed and portable DR systems."),
  root("Ultrasound systems", "II", "wireless", "moderate", { phi: true }, "Cart-based and handheld ultrasound."),
  root("PACS and imaging IT", "II", "wired", "high", { phi: true, remote: true }, "Archives, reading workstations and routers."),
  root("Lab analyzers", "I", "wired", "moderate", { phi: true, remote: true }, "Chemistry, hematology and immunoassay analyzers."),
  root("Ventilators", "II", "wired", "critical", { life: true }, "ICU and transport ventilators."),
  root("Anesthesia workstations", "II", "wired", "critical", { life: true }, "Anesthesia delivery with integrated monitoring."),
  root("Dialysis machines", "II", "wired", "critical", { life: true, phi: true }, "Hemodialysis systems with treatment data export."),
  root("Defibrillators", "III", "wireless", "critical", { life: true }, "Monitor-defibrillators and AEDs with data upload."),
  root("Telemetry systems", "II", "wireless", "high", { phi: true }, "Ambulatory cardiac telemetry."),
  root("Nurse call systems", null, "wired", "moderate", { regulated: "borderline", phi: true }, "Nurse call with alarm forwarding to phones."),
  root("Smart beds", "II", "wired", "low", {}, "Beds with exit alarms and EHR integration."),
  root("Medication dispensing cabinets", null, "wired", "high", { regulated: "no", phi: true, remote: true }, "Automated dispensing cabinets on the units."),
  root("Endoscopy systems", "II", "wired", "moderate", { phi: true }, "Video processors and capture stations."),
  root("Surgical robots", "II", "wired", "high", { remote: true }, "Robotic-assisted surgery systems."),
  root("Radiation therapy systems", "II", "wired", "critical", { phi: true, remote: true }, "Linear accelerators and treatment planning."),
  root("Nuclear medicine cameras", "II", "wired", "moderate", { phi: true, remote: true }, "SPECT and PET/CT cameras."),
  root("ECG carts", "II", "wireless", "moderate", { phi: true }, "Resting ECG with upload to the cardiology system."),
  root("Fetal monitors", "II", "wired", "high", { phi: true }, "Antepartum and intrapartum fetal monitoring."),
  root("Point-of-care glucose meters", "II", "wireless", "moderate", { phi: true }, "Docked meters with result interfaces."),
  root("Blood bank refrigerators", "II", "wired", "high", {}, "Monitored blood storage."),
  root("Vaccine refrigerators", null, "wireless", "moderate", { regulated: "borderline" }, "Temperature-monitored storage; treated as borderline."),
  root("Sterilizers", "II", "wired", "moderate", {}, "Steam and low-temperature sterilizers with cycle records."),
  root("Pharmacy compounding robots", null, "wired", "high", { regulated: "borderline", remote: true }, "IV compounding automation."),
  root("Mammography systems", "II", "wired", "high", { phi: true, remote: true }, "Digital mammography and tomosynthesis."),
  root("Remote patient monitoring", "II", "wireless", "moderate", { phi: true, remote: true }, "Home and wearable sensors with a cloud service."),
  root("Hemodynamic monitoring", "II", "wired", "high", { phi: true }, "Cardiac output and invasive pressure monitoring."),
];

export const VENDORS = [
  "Alder Medical",
  "Birchwell",
  "Cedarline",
  "Dunmore Systems",
  "Everly Health",
  "Fenwick",
  "Galloway Devices",
  "Harrow Labs",
  "Ivers Clinical",
  "Juniper MedTech",
];

/** Activities 26-40, after the 25 default activities of DOMAIN.md. Each has exactly one A and at least one R. */
export const EXTRA_ACTIVITIES: { name: string; csf: string[]; letters: Partial<Record<PartyKey, Letter>> }[] = [
  { name: "Review SBOMs against new vulnerabilities", csf: ["ID.RA-01", "GV.SC-07"], letters: { sec: "A", ce: "R", oem: "C", it: "I" } },
  { name: "Approve risk acceptance for end-of-support devices", csf: ["GV.RM-04", "ID.RA-06"], letters: { ce: "A", sec: "R", clin: "C", supply: "I" } },
  { name: "Manage vendor access accounts and reviews", csf: ["PR.AA-05", "GV.SC-10"], letters: { it: "A", sec: "R", ce: "C", oem: "C" } },
  { name: "Encrypt data at rest on devices that store PHI", csf: ["PR.DS-01"], letters: { it: "A", ce: "R", oem: "C", sec: "C" } },
  { name: "Protect data in transit for device interfaces", csf: ["PR.DS-02"], letters: { it: "A", sec: "R", ce: "C" } },
  { name: "Log device events centrally", csf: ["PR.PS-04", "DE.CM-09"], letters: { sec: "A", it: "R", ce: "C" } },
  { name: "Decommission devices and sanitize media", csf: ["PR.DS-01", "ID.AM-08"], letters: { ce: "A", it: "R", supply: "C", sec: "I" } },
  { name: "Physical security of device rooms and ports", csf: ["PR.AA-06"], letters: { clin: "A", ce: "R", it: "C", em: "I" } },
  { name: "Vulnerability scanning with device-safe profiles", csf: ["ID.RA-01"], letters: { sec: "A", it: "R", ce: "C", oem: "C" } },
  { name: "Coordinated vulnerability disclosure with manufacturers", csf: ["GV.SC-08", "RS.CO-03"], letters: { sec: "A", ce: "R", oem: "R", supply: "I" } },
  { name: "Incident forensics on medical devices", csf: ["RS.AN-03"], letters: { sec: "A", it: "R", ce: "R", oem: "C" } },
  { name: "Clinical impact assessment during incidents", csf: ["RS.MA-03"], letters: { clin: "A", ce: "R", em: "C", sec: "I" } },
  { name: "Maintain downtime kits and paper workflows", csf: ["RC.RP-02"], letters: { em: "A", clin: "R", ce: "C", it: "I" } },
  { name: "Lessons learned after incidents and exercises", csf: ["ID.IM-03", "RC.RP-06"], letters: { em: "A", sec: "R", ce: "R", it: "C", clin: "C" } },
  { name: "Report device-security posture to leadership", csf: ["GV.OV-01", "GV.OV-03"], letters: { sec: "A", ce: "R", it: "C", em: "I" } },
];

export const PLAN_SCENARIOS: { title: string; scenario: string; classHints: string[]; downtime: string }[] = [
  {
    title: "Ransomware locks infusion-pump servers",
    scenario: "Ransomware encrypts the infusion-pump server and spreads toward the clinical VLANs; pumps keep infusing on the cached drug library.",
    classHints: ["Infusion pumps", "Pharmacy compounding robots"],
    downtime: "Program pumps manually with an independent double check; pharmacy prints high-alert concentrations; document on the paper MAR.",
  },
  {
    title: "PACS archive outage",
    scenario: "The PACS archive and reading servers become unavailable; modalities keep acquiring but cannot send images.",
    classHints: ["PACS and imaging IT", "CT scanners", "MRI scanners", "Digital radiography"],
    downtime: "Store locally on modalities, read urgent studies on the console and phone preliminary reads to the ordering physician.",
  },
  {
    title: "Vendor remote-access compromise",
    scenario: "An OEM remote-support channel is used by an attacker on imaging, monitoring or laboratory systems.",
    classHints: ["CT scanners", "Lab analyzers", "Radiation therapy systems", "Surgical robots"],
    downtime: "Cut vendor access, tag possibly altered devices out of service and use the loaner pool.",
  },
  {
    title: "Monitoring network failure",
    scenario: "The monitoring network fails and central stations lose bedside monitors; alarms sound only at the bedside.",
    classHints: ["Physiologic monitors", "Telemetry systems", "Fetal monitors", "Hemodynamic monitoring"],
    downtime: "Staff bedside alarm watch, increase rounding frequency and move high-acuity patients near the nurse station.",
  },
  {
    title: "Medication cabinet outage",
    scenario: "Automated dispensing cabinets lose their server after a cyber incident; overrides are the only access.",
    classHints: ["Medication dispensing cabinets", "Infusion pumps"],
    downtime: "Pharmacy delivers unit-dose carts; nurses document removals on paper logs reconciled after recovery.",
  },
  {
    title: "Laboratory interface compromise",
    scenario: "Malware on the laboratory middleware corrupts result interfaces from analyzers to the EHR.",
    classHints: ["Lab analyzers", "Point-of-care glucose meters", "Blood bank refrigerators"],
    downtime: "Phone critical results, run STAT testing on standalone analyzers and hand-deliver printed results.",
  },
];

export const SCENARIO_SHORT = [
  "ransomware on the pump server",
  "PACS archive outage",
  "compromised vendor remote access",
  "monitoring network failure",
  "dispensing cabinet server down",
  "lab middleware malware",
  "phishing of a biomed workstation",
  "unpatched imaging workstation exploited",
  "wireless network outage on the units",
  "cloud RPM service unavailable",
  "USB malware on an ultrasound cart",
  "DNS failure hitting device interfaces",
];

export const OBJECTIVES = [
  "Detect the compromised device within 30 minutes of the first alert",
  "Isolate the affected VLAN without interrupting therapy",
  "Notify the manufacturer's product-security line within one hour",
  "Switch units to downtime procedures within 15 minutes",
  "Restore the server from offline backup within 8 hours",
  "Verify device configuration before return to clinical use",
  "Communicate status to clinical units every two hours",
  "Open the command center and assign an incident commander",
  "Reconcile the device inventory with network discovery",
  "Decide on external notifications with documented rationale",
  "Account for every affected device by asset tag",
  "Hand off accurately between day and night shifts",
];

export const STRENGTHS = [
  "The network team isolated the VLAN in under 20 minutes.",
  "Charge nurses switched to downtime procedures without prompting.",
  "The manufacturer's security line answered and opened a case at once.",
  "The incident commander kept a clear written log.",
  "Downtime kits were complete and current on every unit.",
  "Asset tags matched the inventory for all affected devices.",
];
export const OBSERVATIONS = [
  "The on-call list named a person who had left the organization.",
  "Nobody knew which VLAN the devices were on.",
  "The offline backup was two weeks old.",
  "The manufacturer support desk was called instead of the product-security line.",
  "Units were not told when devices were safe to use again.",
  "The downtime kit lacked current high-alert concentrations.",
  "The inventory listed devices already retired.",
  "Vendor VPN accounts could not be disabled without the vendor.",
  "Status updates to leadership were irregular.",
  "The restore procedure was not written down.",
];
export const ROOT_CAUSES = [
  "No owner for the on-call roster.",
  "Network documentation not kept per device class.",
  "Backup job not monitored.",
  "Contract does not name the security contact.",
  "No communication template for recovery.",
  "Training not repeated after staff turnover.",
];
export const RECOMMENDATIONS = [
  "Assign an owner and review monthly.",
  "Document data flows per class and keep them with the RACI.",
  "Monitor backup jobs and test a restore quarterly.",
  "Add the product-security line to every contract and the plan contacts.",
  "Use a recovery communication template.",
  "Run a short refresher for new staff every quarter.",
];

export const ITEM_TITLES = [
  "Update the on-call roster and publish it to the command center",
  "Document VLANs and data flows for the affected class",
  "Schedule and monitor weekly offline backups",
  "Add the OEM product-security line to the plan contacts",
  "Write a recovery communication template for units",
  "Refresh downtime kits with current concentrations",
  "Reconcile CMMS with network discovery",
  "Negotiate a vendor-independent kill switch for remote access",
  "Train new charge nurses on downtime procedures",
  "Write and test the server restore runbook",
  "Tag retired devices and remove them from the inventory",
  "Add device logs to the central log pipeline",
  "Set up a quarterly restore test",
  "Review vendor VPN accounts and remove unused ones",
  "Publish a status-update cadence for leadership",
  "Add asset tags to the incident checklist",
];

export const CLOSURE_EVIDENCE = [
  "Roster published on the intranet; screenshot and change ticket attached to the CMMS record.",
  "Data-flow diagram approved and stored with the class documentation.",
  "Backup monitoring alert configured; first restore test passed.",
  "Plan contacts updated in the approved plan version.",
  "Template in use since the last drill; sent twice.",
  "Kits checked on every unit; checklist signed by the charge nurses.",
  "Reconciliation report reviewed; 14 records corrected.",
  "Contract amendment signed; account disable tested with the vendor.",
  "Training completed by 96% of charge nurses; LMS report attached.",
  "Runbook written and tested; restore took 5 h 40 min.",
];

export const TIER_RATIONALES = [
  "Practices are ad hoc and differ between clinical engineering and IT.",
  "Risk-informed for the critical classes; not yet organization-wide.",
  "Policies approved and applied consistently; reviewed yearly.",
  "Practices adapt from lessons learned and threat intelligence.",
];

export const RETURN_COMMENTS = [
  "The Accountable party for patching should be IT for this class, not Clinical Engineering.",
  "Supply Chain must be Consulted on contract terms for this manufacturer.",
  "Remote access is the security office's; please change the Accountable party.",
];
