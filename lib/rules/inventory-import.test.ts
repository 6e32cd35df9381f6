import { describe, expect, test } from "vitest";
import {
  collapseSpaces,
  decodeText,
  detectHeaderRow,
  detectLayout,
  diffDevice,
  duplicateTagErrors,
  mappingProblems,
  missingFromFullExport,
  parseDateCell,
  parseIp,
  parseHostname,
  parseMac,
  parseStatus,
  profileFits,
  proposeMapping,
  sniffFile,
  validateRow,
  type StoredDevice,
} from "./inventory-import";

const bytes = (s: string) => new TextEncoder().encode(s);

describe("proposing a column mapping from CMMS header names", () => {
  test.each([
    ["Asset Tag", "assetTag"],
    ["Equipment ID", "assetTag"],
    ["Control Number", "assetTag"],
    ["Tag No.", "assetTag"],
    ["Serial", "serialNumber"],
    ["Serial Number", "serialNumber"],
    ["SN", "serialNumber"],
    ["S/N", "serialNumber"],
    ["Manufacturer", "manufacturer"],
    ["Make", "manufacturer"],
    ["Vendor", "manufacturer"],
    ["Model", "model"],
    ["Model Number", "model"],
    ["Description", "description"],
    ["Type", "description"],
    ["Equipment Type", "description"],
    ["Site", "site"],
    ["Facility", "site"],
    ["Campus", "site"],
    ["Location", "location"],
    ["Department", "location"],
    ["Room", "location"],
    ["Status", "status"],
    ["IP Address", "ipAddress"],
    ["MAC", "macAddress"],
    ["Hostname", "hostname"],
    ["OS", "osName"],
    ["\uFEFFAsset Tag", "assetTag"],
    ["  asset_tag ", "assetTag"],
    ["Code", null],
    ["Purchase price", null],
  ])("%j → %s", (header, field) => expect(proposeMapping([header])[header]).toBe(field));

  test("a field goes to its first column only; later ones stay unmapped for the person to choose", () => {
    expect(proposeMapping(["Department", "Room", "Asset"])).toEqual({ Department: "location", Room: null, Asset: "assetTag" });
  });

  test("the EWH hospital inventory's headers: Code is not recognised, the rest are", () => {
    const m = proposeMapping(["Location", "Code", "Serial Number", "Equipment Type", "Model", "Status", "Manufacturer"]);
    expect(m).toEqual({
      Location: "location",
      Code: null,
      "Serial Number": "serialNumber",
      "Equipment Type": "description",
      Model: "model",
      Status: "status",
      Manufacturer: "manufacturer",
    });
  });

  test("mapping problems are sentences; a mapping with an asset tag and a site (or a default site) has none", () => {
    const headers = ["Tag", "Site", "Make", "Vendor"];
    expect(mappingProblems({ Tag: "assetTag", Site: "site" }, headers, { hasDefaultSite: false })).toEqual([]);
    expect(mappingProblems({ Tag: null, Site: "site" }, headers, { hasDefaultSite: false })).toEqual([
      "No column is mapped to Asset tag: choose the column that holds each device's asset tag.",
    ]);
    expect(mappingProblems({ Tag: "assetTag" }, headers, { hasDefaultSite: false })[0]).toMatch(/No column is mapped to Site/);
    expect(mappingProblems({ Tag: "assetTag" }, headers, { hasDefaultSite: true })).toEqual([]);
    expect(mappingProblems({ Tag: "assetTag", Make: "manufacturer", Vendor: "manufacturer" }, headers, { hasDefaultSite: true })).toEqual([
      "Manufacturer is mapped from 2 columns (Make, Vendor): keep one.",
    ]);
    expect(mappingProblems({ Tag: "assetTag", Nope: "model" }, headers, { hasDefaultSite: true })).toEqual([
      'The mapping names a column "Nope" that this file does not have.',
    ]);
  });

  test("a saved profile fits a file that has every column it maps", () => {
    expect(profileFits({ Code: "assetTag", Location: "location", Extra: null }, ["Location", "Code", "Model"])).toBe(true);
    expect(profileFits({ Code: "assetTag", Site: "site" }, ["Location", "Code"])).toBe(false);
  });
});

describe("what a file is and how it is encoded", () => {
  test.each([
    [new Uint8Array([]), "empty"],
    [bytes("   \r\n\r\n"), "empty"],
    [new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), "xlsx"],
    [bytes("Asset Tag,Model\r\nA1,X\r\n"), "text"],
    [new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34, 0x0a, 0x00, 0x01]), "not-tabular"],
    [new Uint8Array(Array.from({ length: 500 }, (_, i) => (i * 7919) % 256)), "not-tabular"],
    [new Uint8Array([0xff, 0xfe, 0x41, 0x00]), "text"],
  ])("sniff %#", (b, kind) => expect(sniffFile(b)).toBe(kind));

  test("UTF-8 with BOM, without BOM, UTF-16 and Windows-1252 all decode to the same text", () => {
    const text = "Make;Model\r\nDräger;Fabius\r\n";
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes(text)]))).toEqual({ text, encoding: "utf-8-bom" });
    expect(decodeText(bytes(text))).toEqual({ text, encoding: "utf-8" });
    const cp1252 = new Uint8Array([...text].map((c) => c.charCodeAt(0)));
    expect(decodeText(cp1252)).toEqual({ text, encoding: "windows-1252" });
    const utf16 = new Uint8Array([0xff, 0xfe, ...[...text].flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(decodeText(utf16)).toEqual({ text, encoding: "utf-16le" });
    // Windows-1252's own characters at 0x80–0x9F: the euro sign and curly quotes.
    expect(decodeText(new Uint8Array([0x80, 0x93, 0x41, 0x94])).text).toBe("€“A”");
  });
});

describe("delimiter and header row", () => {
  test.each([
    [["Asset Tag,Serial,Model", "A1,S1,M1", "A2,S2,M2"], ",", 0],
    [["Asset Tag;Serial;Model", "A1;S1;M1", "A2;S2,with comma;M2"], ";", 0],
    [["Asset Tag\tSerial\tModel", "A1\tS1\tM1"], "\t", 0],
    [["Lakeside equipment list", "Printed 3/1/2026 by CMMS", "", "Asset Tag,Serial,Model", "A1,S1,M1", "A2,S2,M2"], ",", 3],
    [['"Equipment, all sites"', "Asset Tag;Serial;Model;Description", "A1;S1;M1;Pump, infusion", "A2;S2;M2;Monitor"], ";", 1],
    [["Location,Code,Serial Number,Equipment Type", 'Surgery,1817,FARX O1093,"Analyzers, Laboratory, Blood Gas"'], ",", 0],
  ])("%#: %j", (lines, delimiter, headerIndex) => expect(detectLayout(lines)).toEqual({ delimiter, headerIndex }));

  test("one column only, or nothing, is not a table", () => {
    expect(detectLayout(["just one column", "a", "b"])).toBeNull();
    expect(detectLayout([])).toBeNull();
  });

  test("a worksheet's header row follows its title rows", () => {
    expect(detectHeaderRow([["Inventory"], ["", ""], ["Equipment ID", "Make", "Model"], ["1", "GE", "X"]])).toBe(2);
    expect(
      detectHeaderRow([
        ["Foo", "Bar"],
        ["1", "2"],
      ]),
    ).toBe(0);
  });
});

describe("cell values", () => {
  test.each([
    ["2026-03-01", "2026-03-01"],
    ["2026-3-1", "2026-03-01"],
    ["3/1/2026", "2026-03-01"],
    ["12/31/2025", "2025-12-31"],
    ["2/29/2024", "2024-02-29"],
    ["2026-03-01T10:20:00Z", "2026-03-01"],
    ["2026-03-01 10:20", "2026-03-01"],
    ["2026-02-30", null],
    ["2/29/2025", null],
    ["31/12/2025", null],
    ["13/01/2026", null],
    ["next Tuesday", null],
    ["2026-03", null],
  ])("date %j → %j", (raw, out) => expect(parseDateCell(raw)).toBe(out));

  test.each([
    ["10.20.30.40", "10.20.30.40"],
    [" 192.168.1.5 ", "192.168.1.5"],
    ["FE80::1", "fe80::1"],
    ["256.1.1.1", null],
    ["10.1.1", null],
    ["010.1.1.1", null],
    ["host.example", null],
  ])("IP %j → %j", (raw, out) => expect(parseIp(raw)).toBe(out));

  test.each([
    ["00:1a:2b:3c:4d:5e", "00:1A:2B:3C:4D:5E"],
    ["00-1A-2B-3C-4D-5E", "00:1A:2B:3C:4D:5E"],
    ["001a.2b3c.4d5e", "00:1A:2B:3C:4D:5E"],
    ["001A2B3C4D5E", "00:1A:2B:3C:4D:5E"],
    ["00:1A-2B:3C:4D:5E", null],
    ["00:1A:2B:3C:4D", null],
    ["GG:1A:2B:3C:4D:5E", null],
  ])("MAC %j → %j", (raw, out) => expect(parseMac(raw)).toBe(out));

  test.each([
    ["icu-pump-01", "icu-pump-01"],
    [" ICU_PUMP_01.lakeside.local. ", "ICU_PUMP_01.lakeside.local."],
    ["bad host name!!", null],
    ["a..b", null],
    [".lead", null],
    ["x".repeat(64), null],
    [`${"a".repeat(63)}.${"b".repeat(63)}`, `${"a".repeat(63)}.${"b".repeat(63)}`],
    ["", null],
  ])("host name %j → %j", (raw, out) => expect(parseHostname(raw)).toBe(out));

  test.each([
    ["Operational", "in_service"],
    ["PartiallyOperational", "in_service"],
    ["UnderMaintenance", "out_for_repair"],
    ["Out for repair", "out_for_repair"],
    ["IN STORAGE", "in_storage"],
    ["in_service", "in_service"],
    ["Retired", "retired"],
    ["Condemned", "retired"],
    ["Lost?", null],
  ])("status %j → %j", (raw, out) => expect(parseStatus(raw)).toBe(out));
});

describe("checking a row", () => {
  const sites = new Map([
    ["lakeside main hospital", 1],
    ["lmh", 1],
    ["nch", 2],
  ]);
  const ctx = { siteIdByName: sites, defaultSiteId: null };
  const cell = (header: string, value: string) => ({ header, value });

  test("a good row becomes a device; an address makes it connected", () => {
    const { device, errors } = validateRow(
      4,
      {
        assetTag: cell("Tag", " LMH-001 "),
        site: cell("Site", "LMH"),
        ipAddress: cell("IP", "10.1.2.3"),
        macAddress: cell("MAC", "001a2b3c4d5e"),
        status: cell("Status", "Operational"),
        lastInventoriedOn: cell("Inventoried", "3/1/2026"),
        model: cell("Model", "  Alaris   8015 "),
      },
      ctx,
    );
    expect(errors).toEqual([]);
    expect(device).toEqual({
      assetTag: "LMH-001",
      siteId: 1,
      ipAddress: "10.1.2.3",
      macAddress: "00:1A:2B:3C:4D:5E",
      status: "in_service",
      lastInventoriedOn: "2026-03-01",
      model: "Alaris 8015",
      connected: true,
    });
  });

  test.each([
    [{ assetTag: cell("Tag", "  "), site: cell("Site", "LMH") }, "Tag", "The asset tag is missing: every device needs one."],
    [{ assetTag: cell("Tag", "A1"), site: cell("Site", "Westfield") }, "Site", '"Westfield" is not a site of this organization: use a site\'s name or code.'],
    [
      { assetTag: cell("Tag", "A1"), site: cell("Site", "LMH"), lastInventoriedOn: cell("Last inventory", "2026-02-30") },
      "Last inventory",
      '"2026-02-30" is not a date (use YYYY-MM-DD or M/D/YYYY).',
    ],
    [
      { assetTag: cell("Tag", "A1"), site: cell("Site", "LMH"), ipAddress: cell("IP Address", "10.0.0.300") },
      "IP Address",
      '"10.0.0.300" is not an IP address.',
    ],
    [
      { assetTag: cell("Tag", "A1"), site: cell("Site", "LMH"), macAddress: cell("MAC", "12:34") },
      "MAC",
      '"12:34" is not a MAC address (six pairs of hex digits).',
    ],
    [
      { assetTag: cell("Tag", "A1"), site: cell("Site", "LMH"), status: cell("Status", "Lost") },
      "Status",
      '"Lost" is not a status Clearline knows: use in service, in storage, out for repair or retired.',
    ],
    [
      { assetTag: cell("Tag", "A1"), site: cell("Site", "LMH"), serialNumber: cell("SN", '=HYPERLINK("http://x","y")') },
      "SN",
      'The cell holds a spreadsheet formula (=HYPERLINK("http://x","y")); export the value instead of the formula.',
    ],
    [{ assetTag: cell("Tag", "A1"), site: cell("Site", "LMH"), connected: cell("Networked", "maybe") }, "Networked", '"maybe" is not yes or no.'],
    [
      { assetTag: cell("Tag", "A1"), site: cell("Site", "LMH"), location: cell("Room", "x".repeat(501)) },
      "Room",
      "The value is 501 characters long; at most 500 are kept.",
    ],
  ])("row error %#", (cells, column, message) => {
    const r = validateRow(7, cells, ctx);
    expect(r.device).toBeNull();
    expect(r.errors).toEqual([{ row: 7, column, message }]);
  });

  test("a last-inventoried or last-seen date after the latest date given is refused; the latest date itself is kept", () => {
    const dated = { ...ctx, latestDate: "2026-12-03" };
    const row = (f: "lastInventoriedOn" | "lastSeenOn", v: string) =>
      validateRow(4, { assetTag: cell("Tag", "A1"), site: cell("Site", "LMH"), [f]: cell("When", v) }, dated);
    expect(row("lastInventoriedOn", "2199-01-01").errors).toEqual([
      { row: 4, column: "When", message: "2199-01-01 is in the future: a device cannot have been inventoried after today." },
    ]);
    expect(row("lastSeenOn", "12/04/2026").errors).toEqual([
      { row: 4, column: "When", message: "2026-12-04 is in the future: a device cannot have been seen on the network after today." },
    ]);
    expect(row("lastSeenOn", "2026-12-03").device?.lastSeenOn).toBe("2026-12-03");
    // Without a latest date (as before), any calendar date is kept.
    expect(validateRow(4, { assetTag: cell("Tag", "A1"), site: cell("Site", "LMH"), lastSeenOn: cell("When", "2199-01-01") }, ctx).device?.lastSeenOn).toBe(
      "2199-01-01",
    );
  });

  test("control characters (NUL, BEL, ESC, DEL) in any value are a row error naming the column; tabs and line breaks are spaces", () => {
    for (const v of ["P-\u0000-1", "A\u0007B", "\u001b[31mred", "x\u007f"]) {
      expect(validateRow(3, { assetTag: cell("Tag", v), site: cell("Site", "LMH") }, ctx).errors).toEqual([
        { row: 3, column: "Tag", message: "The value holds control characters (invisible bytes such as NUL): export it as plain text." },
      ]);
    }
    expect(validateRow(3, { assetTag: cell("Tag", "A\t1\r\n"), site: cell("Site", "LMH") }, ctx).device?.assetTag).toBe("A 1");
  });

  test("a default site applies when the file has no site column", () => {
    expect(validateRow(2, { assetTag: cell("Code", "1817") }, { siteIdByName: sites, defaultSiteId: 2 }).device).toEqual({ assetTag: "1817", siteId: 2 });
  });

  test("an asset tag twice in the file marks every row that carries it", () => {
    expect(
      duplicateTagErrors(
        [
          { row: 2, assetTag: "A" },
          { row: 3, assetTag: "B" },
          { row: 9, assetTag: "A" },
        ],
        "Tag",
      ),
    ).toEqual([
      { row: 2, column: "Tag", message: "Asset tag A appears 2 times in the file (rows 2, 9): keep one row per device." },
      { row: 9, column: "Tag", message: "Asset tag A appears 2 times in the file (rows 2, 9): keep one row per device." },
    ]);
  });
});

describe("import diff", () => {
  const stored: StoredDevice = {
    assetTag: "A1",
    serialNumber: "S1",
    manufacturerId: 1,
    modelId: 2,
    description: null,
    siteId: 1,
    location: "ICU",
    status: "in_service",
    connected: true,
    hostname: "icu-pump-1",
    ipAddress: "10.0.0.1",
    macAddress: null,
    osName: null,
    osVersion: null,
    softwareVersion: "9.1",
    storesPhi: false,
    cmmsId: null,
    lastInventoriedOn: null,
    lastSeenOn: null,
  };
  test.each([
    [{ assetTag: "A1", serialNumber: "S1", location: "ICU" }, {}],
    [{ assetTag: "A1", location: "ER" }, { location: { old: "ICU", new: "ER" } }],
    [{ assetTag: "A1", softwareVersion: "9.2", ipAddress: undefined }, { softwareVersion: { old: "9.1", new: "9.2" } }],
    [
      { assetTag: "A1", modelId: 3, status: "retired" as const },
      { modelId: { old: 2, new: 3 }, status: { old: "in_service", new: "retired" } },
    ],
  ])("%j", (incoming, changes) => expect(diffDevice(stored, incoming)).toEqual(changes));

  test("only a full export retires what it no longer lists, only from its own source, never twice", () => {
    const rows = [
      { id: 1, cmmsSource: "Maximo", status: "in_service" as const },
      { id: 2, cmmsSource: "Maximo", status: "in_service" as const },
      { id: 3, cmmsSource: "Maximo", status: "retired" as const },
      { id: 4, cmmsSource: "Other", status: "in_service" as const },
      { id: 5, cmmsSource: null, status: "in_service" as const },
    ];
    expect(missingFromFullExport(rows, new Set([1]), "Maximo", true).map((d) => d.id)).toEqual([2]);
    expect(missingFromFullExport(rows, new Set([1]), "Maximo", false)).toEqual([]);
  });
});

describe("IPv6 and edge cases of IPv4", () => {
  test.each([
    ["::1", "::1"],
    ["2001:DB8::8a2e:370:7334", "2001:db8::8a2e:370:7334"],
    ["::ffff:10.0.0.1", "::ffff:10.0.0.1"],
    ["2001:db8::g", null],
    ["1:2:3:4:5:6:7:8:9", null],
    ["0.0.0.0", "0.0.0.0"],
    ["255.255.255.255", "255.255.255.255"],
    ["1.2.3.4 ", "1.2.3.4"],
    ["1.2.3.04", null],
    ["fe80::1%eth0", null],
  ])("%j → %j", (raw, out) => expect(parseIp(raw)).toBe(out));
});

describe("collapseSpaces", () => {
  test("gives what replace(/\\s+/g, ' ').trim() gives, on every kind of white space", () => {
    for (const s of ["", " ", "a", " a ", "a b", "a  b", "a\tb", "a\u00a0b", "\u2003a\nb\r\n", "Unit 7", "  x  y  ", "a \t b"]) {
      expect(collapseSpaces(s)).toBe(s.replace(/\s+/g, " ").trim());
    }
  });
});
