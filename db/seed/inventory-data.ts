/**
 * The demo inventory's catalog: real manufacturer and model names from CISA's medical advisories (ICSMA, CSAF) and
 * FDA's GUDID sample in ../shared/data, copied here so the product keeps its own demo data. Spellings are the ones
 * those sources use (hence the aliases). Support dates are months from "today" so that statuses stay meaningful
 * whenever the demo is seeded; they are illustrative, not the makers' real dates.
 */
export interface DemoModel {
  name: string;
  /** The maker's model number, when the name alone does not carry it (advisories often name the number). */
  number?: string;
  /** Device class name from DEMO_DEVICE_CLASSES; null leaves the model unclassified (the accuracy panel finds it). */
  className: string | null;
  fdaProductCode?: string;
  /** Months from today to end of support / of security patches; null: unknown. */
  supportMonths: number | null;
  patchMonths?: number | null;
  endOfSaleMonths?: number | null;
  mds2?: boolean;
  /** Share of this model's devices that are on the network. */
  connected: number;
  os?: [string, string];
  versions: string[];
  /** How many of the ~1,200 devices are this model (relative weight). */
  weight: number;
  description: string;
}

export interface DemoManufacturer {
  name: string;
  aliases: string[];
  models: DemoModel[];
}

export const DEMO_CMMS_SOURCE = "Lakeside CMMS";
export const DEMO_CMMS_FILE = "lakeside-cmms-export.csv";
export const DEMO_DEVICE_COUNT = 1200;

export const DEMO_MANUFACTURERS: DemoManufacturer[] = [
  {
    name: "Becton, Dickinson and Company (BD)",
    aliases: ["BD", "Becton Dickinson", "CareFusion"],
    models: [
      { name: "Alaris 8015 PC Unit", number: "8015", className: "Large-volume infusion pumps", fdaProductCode: "FRN", supportMonths: 48, mds2: true, connected: 0.95, versions: ["12.1.2", "12.3.0", ""], weight: 160, description: "Infusion pump point-of-care unit" },
      { name: "Alaris 8000 PC Unit", className: "Large-volume infusion pumps", fdaProductCode: "FRN", supportMonths: -30, patchMonths: -36, endOfSaleMonths: -60, connected: 0.7, versions: ["9.19"], weight: 40, description: "Infusion pump point-of-care unit (legacy)" },
      { name: "Alaris Syringe Module 8110", className: "Syringe pumps", fdaProductCode: "FRN", supportMonths: 48, connected: 0, versions: ["12.1.2"], weight: 60, description: "Syringe pump module" },
      { name: "Alaris PCA Module 8120", className: "PCA pumps", fdaProductCode: "MEA", supportMonths: 8, mds2: true, connected: 0, versions: ["9.33"], weight: 40, description: "PCA module" },
    ],
  },
  {
    name: "Baxter",
    aliases: ["Baxter International Inc.", "Baxter Healthcare"],
    models: [
      { name: "Sigma Spectrum", className: "Large-volume infusion pumps", fdaProductCode: "FRN", supportMonths: 6, patchMonths: 4, endOfSaleMonths: -12, mds2: true, connected: 0.9, versions: ["8.00.01", "8.01.00"], weight: 90, description: "Large-volume infusion pump" },
      { name: "Spectrum IQ", className: "Large-volume infusion pumps", fdaProductCode: "FRN", supportMonths: 84, mds2: true, connected: 0.95, versions: ["9.02.00"], weight: 40, description: "Large-volume infusion pump" },
      // Baxter bought Hillrom (Welch Allyn) in 2021: CISA's ICSMA-24-151-02 names Baxter as the vendor.
      { name: "Welch Allyn Connex Spot Monitor", number: "CSM", className: "Bedside patient monitors", fdaProductCode: "DXN", supportMonths: 36, connected: 0.8, versions: ["1.52", "1.60"], weight: 30, description: "Spot vital signs monitor" },
    ],
  },
  {
    name: "B. Braun",
    aliases: ["B. Braun Medical", "B. Braun Melsungen AG"],
    models: [
      { name: "Infusomat Space", className: "Large-volume infusion pumps", fdaProductCode: "FRN", supportMonths: 60, connected: 0.85, versions: ["689Y"], weight: 30, description: "Large-volume infusion pump" },
      { name: "SpaceStation with SpaceCom", className: "Infusion pumps", supportMonths: null, connected: 1, os: ["Embedded Linux", "2.6"], versions: ["U61"], weight: 12, description: "Pump docking station with communication module" },
    ],
  },
  {
    name: "Smiths Medical",
    aliases: ["Smiths Medical ASD, Inc."],
    models: [{ name: "Medfusion 4000", className: "Syringe pumps", fdaProductCode: "FRN", supportMonths: 20, connected: 0.6, versions: ["1.6.1"], weight: 35, description: "Wireless syringe infusion pump" }],
  },
  {
    name: "Philips",
    aliases: ["Phillips", "Philips Medical Systems", "Philips Healthcare"],
    models: [
      { name: "IntelliVue MX450", className: "Bedside patient monitors", fdaProductCode: "MHX", supportMonths: 60, mds2: true, connected: 1, versions: ["M.00.03", "N.00.04"], weight: 110, description: "Patient monitor" },
      { name: "IntelliVue MX800", className: "Bedside patient monitors", fdaProductCode: "MHX", supportMonths: 60, mds2: true, connected: 1, os: ["Windows", "10 IoT Enterprise"], versions: ["N.00.04"], weight: 40, description: "Patient monitor" },
      { name: "IntelliVue Information Center iX", className: "Central monitoring stations", fdaProductCode: "MHX", supportMonths: 10, mds2: true, connected: 1, os: ["Windows", "Server 2016"], versions: ["C.02.05"], weight: 10, description: "Central station" },
      { name: "Efficia CM Series", className: "Bedside patient monitors", fdaProductCode: "MHX", supportMonths: 36, connected: 0.6, versions: ["A.03"], weight: 30, description: "Patient monitor" },
      { name: "Brilliance 64", className: "CT scanners", fdaProductCode: "JAK", supportMonths: -18, endOfSaleMonths: -72, connected: 1, os: ["Windows", "XP"], versions: ["3.5"], weight: 2, description: "CT scanner" },
      { name: "DigitalDiagnost", className: "Digital radiography", fdaProductCode: "MQB", supportMonths: 30, connected: 1, os: ["Windows", "10"], versions: ["4.3"], weight: 6, description: "Digital radiography system" },
      { name: "Vue PACS", className: "PACS servers", supportMonths: 30, connected: 1, os: ["Windows", "Server 2019"], versions: ["12.2.8.400", "12.2.8.410"], weight: 4, description: "PACS server" },
      { name: "IntelliSpace Portal", className: "PACS workstations", supportMonths: 14, connected: 1, os: ["Windows", "Server 2019"], versions: ["12.1"], weight: 8, description: "Advanced visualization workstation" },
    ],
  },
  {
    name: "GE Healthcare",
    aliases: ["General Electric (GE)", "GE Medical Systems", "Datex-Ohmeda Inc"],
    models: [
      { name: "CARESCAPE B650", className: "Bedside patient monitors", fdaProductCode: "MHX", supportMonths: 48, mds2: true, connected: 1, versions: ["3.2", "2.1"], weight: 80, description: "Patient monitor" },
      { name: "CARESCAPE Central Station", className: "Central monitoring stations", fdaProductCode: "MHX", supportMonths: 36, mds2: true, connected: 1, os: ["Windows", "Server 2019"], versions: ["2.1"], weight: 8, description: "Central station" },
      { name: "ApexPro Telemetry Server", className: "Telemetry transmitters", fdaProductCode: "DRG", supportMonths: -6, connected: 1, os: ["Windows", "Server 2008 R2"], versions: ["4.2"], weight: 4, description: "Telemetry server" },
      { name: "Clinical Information Center (CIC)", className: "Central monitoring stations", fdaProductCode: "MHX", supportMonths: -40, endOfSaleMonths: -90, connected: 1, os: ["Windows", "XP Embedded"], versions: ["5.1"], weight: 4, description: "Central station (legacy)" },
      { name: "Revolution CT", className: "CT scanners", fdaProductCode: "JAK", supportMonths: 72, mds2: true, connected: 1, os: ["Linux", "RHEL 7"], versions: ["23MW"], weight: 3, description: "CT scanner" },
      { name: "Signa HDxt 1.5T", className: "MRI scanners", fdaProductCode: "LNH", supportMonths: 9, connected: 1, os: ["Linux", "RHEL 5"], versions: ["HD23"], weight: 2, description: "MRI scanner" },
      { name: "Aisys CS2", className: "Anesthesia workstations", fdaProductCode: "BSZ", supportMonths: 60, mds2: true, connected: 0.7, versions: ["11"], weight: 25, description: "Anesthesia machine" },
      { name: "Aestiva 7100", className: "Anesthesia workstations", fdaProductCode: "BSZ", supportMonths: -48, endOfSaleMonths: -120, connected: 0, versions: ["4.x"], weight: 15, description: "Anesthesia machine" },
      { name: "Carestation 650", className: "Anesthesia workstations", fdaProductCode: "BSZ", supportMonths: 96, connected: 0.5, versions: ["1.2"], weight: 12, description: "Anesthesia machine" },
      { name: "LOGIQ E10", className: "Ultrasound systems", fdaProductCode: "IYN", supportMonths: 54, connected: 0.8, os: ["Windows", "10 IoT Enterprise"], versions: ["R3"], weight: 14, description: "Ultrasound system" },
      { name: "Centricity PACS", className: "PACS servers", supportMonths: 4, patchMonths: 2, connected: 1, os: ["Windows", "Server 2012 R2"], versions: ["7.0"], weight: 4, description: "PACS server" },
    ],
  },
  {
    name: "Spacelabs",
    aliases: ["Spacelabs Healthcare"],
    models: [{ name: "Xhibit Telemetry Receiver 96280", className: "Telemetry transmitters", fdaProductCode: "DRG", supportMonths: null, connected: 1, os: ["Windows", "7"], versions: ["1.1"], weight: 6, description: "Telemetry receiver" }],
  },
  {
    name: "Dräger",
    aliases: ["Draeger", "Drägerwerk AG"],
    models: [
      { name: "Infinity Delta", className: "Bedside patient monitors", fdaProductCode: "MHX", supportMonths: -20, connected: 1, versions: ["VF10"], weight: 30, description: "Patient monitor" },
      { name: "Infinity Explorer C700", className: "Bedside patient monitors", fdaProductCode: "MHX", supportMonths: 40, connected: 1, os: ["Windows", "10 IoT Enterprise"], versions: ["VG4"], weight: 10, description: "Medical cockpit" },
      { name: "Evita V500", className: "Ventilators", fdaProductCode: "CBK", supportMonths: 60, mds2: true, connected: 0.5, versions: ["2.51"], weight: 30, description: "Ventilator, continuous, facility use" },
    ],
  },
  {
    name: "Medtronic",
    aliases: ["Medtronic Inc."],
    models: [
      { name: "Puritan Bennett 980", className: "Ventilators", fdaProductCode: "CBK", supportMonths: 72, mds2: true, connected: 0.4, versions: ["1.4"], weight: 30, description: "Ventilator, continuous, facility use" },
      { name: "Puritan Bennett 840", className: "Ventilators", fdaProductCode: "CBK", supportMonths: -36, endOfSaleMonths: -100, connected: 0, versions: ["4.0"], weight: 15, description: "Ventilator, continuous, facility use" },
      { name: "MiniMed Paradigm Veo 754", className: "Infusion pumps", supportMonths: -12, connected: 0, versions: ["2.6A", "2.7A", ""], weight: 12, description: "Insulin pump (patient's own, held by the diabetes clinic)" },
      { name: "Capnostream 35", className: "Physiologic monitors", fdaProductCode: "CCK", supportMonths: null, connected: 0.3, versions: ["2.0"], weight: 15, description: "Capnography monitor" },
    ],
  },
  {
    name: "Hamilton Medical AG",
    aliases: ["Hamilton Medical"],
    models: [{ name: "HAMILTON-T1", number: "T1", className: "Ventilators", fdaProductCode: "CBK", supportMonths: 48, connected: 0.2, versions: ["2.2.4", "2.2.3"], weight: 12, description: "Transport ventilator" }],
  },
  {
    name: "Hillrom",
    aliases: ["Hill-Rom", "Welch Allyn"],
    models: [
      { name: "Welch Allyn Connex Vital Signs Monitor", className: "Bedside patient monitors", fdaProductCode: "DXN", supportMonths: 30, connected: 0.9, versions: ["2.43"], weight: 50, description: "Vital signs monitor" },
      { name: "Welch Allyn Connex Central Station", className: "Central monitoring stations", supportMonths: null, connected: 1, os: ["Windows", "Server 2016"], versions: ["1.8"], weight: 3, description: "Central station" },
    ],
  },
  {
    name: "Fujifilm",
    aliases: ["FUJIFILM Medical Systems"],
    models: [
      { name: "FCR Capsula X", className: "Digital radiography", fdaProductCode: "MQB", supportMonths: -12, connected: 1, os: ["Windows", "7"], versions: ["V9.0"], weight: 4, description: "Computed radiography reader" },
      { name: "Synapse PACS", className: "PACS servers", supportMonths: 36, connected: 1, os: ["Windows", "Server 2019"], versions: ["7.3"], weight: 3, description: "PACS server" },
    ],
  },
  {
    name: "Siemens",
    aliases: ["Siemens Healthineers", "Siemens Medical Solutions"],
    models: [
      { name: "Symbia T", className: "Imaging modalities", supportMonths: -24, connected: 1, os: ["Windows", "XP"], versions: ["VB10"], weight: 2, description: "SPECT/CT system" },
      { name: "Biograph mCT", className: "Imaging modalities", supportMonths: 7, connected: 1, os: ["Windows", "7"], versions: ["VG60"], weight: 1, description: "PET/CT system" },
    ],
  },
  {
    name: "Roche Diagnostics",
    aliases: ["Roche"],
    models: [
      { name: "cobas b 123", className: "Blood gas analyzers", supportMonths: 40, connected: 1, os: ["Windows", "10 IoT Enterprise"], versions: ["4.16"], weight: 10, description: "Blood gas analyzer" },
      { name: "Accu-Chek Inform II", className: "Lab analyzers", supportMonths: null, connected: 0.9, versions: ["5.0"], weight: 40, description: "Point-of-care glucose meter" },
    ],
  },
  {
    name: "Abbott Laboratories",
    aliases: ["Abbott"],
    models: [
      { name: "i-STAT 1", className: "Blood gas analyzers", supportMonths: 24, connected: 0.5, versions: ["JAMS 140"], weight: 20, description: "Handheld blood analyzer" },
      { name: "ARCHITECT c4000", className: "Chemistry analyzers", supportMonths: 11, connected: 1, os: ["Windows", "7"], versions: ["8.1"], weight: 4, description: "Clinical chemistry analyzer" },
    ],
  },
  {
    name: "Oricare Inc.",
    aliases: ["ORICARE INC."],
    models: [
      { name: "A9800 Anesthesia Workstation", className: "Anesthesia workstations", fdaProductCode: "BSZ", supportMonths: null, connected: 0, versions: ["1.0"], weight: 6, description: "Gas-machine, anesthesia" },
      { name: "V8800 Critical Care Ventilator", className: "Ventilators", fdaProductCode: "CBK", supportMonths: null, connected: 0, versions: ["1.0"], weight: 8, description: "Ventilator, continuous, facility use" },
    ],
  },
  {
    name: "Innokas Yhtymä Oy",
    aliases: ["Innokas Medical"],
    models: [{ name: "VC150 Vital Signs Monitor", number: "VC150", className: "Bedside patient monitors", fdaProductCode: "DXN", supportMonths: 24, connected: 0.7, versions: ["1.7.14", "1.7.15"], weight: 20, description: "Vital signs monitor" }],
  },
  {
    name: "Contec Medical Systems",
    aliases: ["Contec Health", "CONTEC"],
    models: [{ name: "CMS8000", className: "Bedside patient monitors", fdaProductCode: "MHX", supportMonths: null, connected: 1, versions: [""], weight: 8, description: "Patient monitor" }],
  },
  {
    name: "Fresenius Kabi",
    aliases: ["Fresenius Kabi AG"],
    models: [{ name: "Agilia Link+", className: "Infusion pumps", supportMonths: 36, connected: 1, versions: ["3.0 D15"], weight: 6, description: "Infusion pump rack" }],
  },
  {
    name: "Physio-Control",
    aliases: ["PHYSIO-CONTROL, INC."],
    models: [{ name: "LIFEPAK 15", className: null, fdaProductCode: "MKJ", supportMonths: 30, connected: 0.1, versions: ["3.1"], weight: 25, description: "Monitor/defibrillator" }],
  },
  {
    name: "Invacare Corporation",
    aliases: ["INVACARE CORPORATION"],
    models: [{ name: "Perfecto2 Oxygen Concentrator", className: null, fdaProductCode: "CAW", supportMonths: null, connected: 0, versions: [""], weight: 20, description: "Generator, oxygen, portable" }],
  },
];

/** Departments per site kind, for generated locations ("ICU 4-12"). */
export const DEMO_DEPARTMENTS: Record<string, string[]> = {
  "Large-volume infusion pumps": ["ICU", "Med-Surg 3", "Med-Surg 4", "Oncology", "Emergency", "PACU"],
  "Syringe pumps": ["NICU", "ICU", "Pediatrics", "OR"],
  "PCA pumps": ["Med-Surg 3", "Med-Surg 4", "PACU", "Oncology"],
  "Infusion pumps": ["Pharmacy", "ICU"],
  "Bedside patient monitors": ["ICU", "Step-down", "Emergency", "PACU", "Telemetry"],
  "Central monitoring stations": ["ICU", "Telemetry", "Emergency"],
  "Telemetry transmitters": ["Telemetry", "Step-down"],
  "Physiologic monitors": ["Emergency", "Endoscopy"],
  "CT scanners": ["Radiology"],
  "MRI scanners": ["Radiology"],
  "Digital radiography": ["Radiology", "Emergency"],
  "Ultrasound systems": ["Radiology", "Women's Health", "Cardiology"],
  "Imaging modalities": ["Nuclear Medicine"],
  "PACS servers": ["Data Center"],
  "PACS workstations": ["Radiology Reading Room"],
  "Lab analyzers": ["Med-Surg 3", "Emergency", "ICU", "Outpatient"],
  "Chemistry analyzers": ["Core Lab"],
  "Blood gas analyzers": ["Core Lab", "ICU", "Respiratory Therapy"],
  Ventilators: ["ICU", "Respiratory Therapy", "NICU"],
  "Anesthesia workstations": ["OR", "Endoscopy"],
  "": ["Emergency", "Biomed Shop", "Respiratory Therapy"],
};
