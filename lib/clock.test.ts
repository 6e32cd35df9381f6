import { afterEach, describe, expect, test } from "vitest";
import { clock, parseClockSetting } from "./clock";

describe("the one clock", () => {
  afterEach(() => clock.setForTests(null));

  test.each([
    ["2028-06-01", "2028-06-01T12:00:00.000Z"],
    ["2028-02-29", "2028-02-29T12:00:00.000Z"],
    ["2028-06-01T09:30:00Z", "2028-06-01T09:30:00.000Z"],
    ["2028-06-01T09:30", "2028-06-01T09:30:00.000Z"],
    ["2028-06-01T09:30:00+02:00", "2028-06-01T07:30:00.000Z"],
  ])("CLEARLINE_NOW=%s is %s", (setting, iso) => {
    expect(new Date(parseClockSetting(setting)).toISOString()).toBe(iso);
  });

  test.each(["tomorrow", "2027-02-29", "2028-13-01", "2028-06-31", "", "1700000000000"])("CLEARLINE_NOW=%j is refused with a sentence", (setting) => {
    expect(() => parseClockSetting(setting)).toThrow(/CLEARLINE_NOW/);
  });

  test("a moved clock runs on at real speed and says it is moved", async () => {
    clock.setForTests(new Date("2031-12-31T23:59:59.900Z"));
    expect(clock.isMoved()).toBe(true);
    const first = clock.ms();
    await new Promise((r) => setTimeout(r, 150));
    expect(clock.ms() - first).toBeGreaterThanOrEqual(140);
    expect(clock.today()).toBe("2032-01-01");
  });

  test("CLEARLINE_NOW, when set for this run, is the clock's day", () => {
    const setting = process.env.CLEARLINE_NOW;
    if (!setting) return;
    expect(clock.today()).toBe(new Date(parseClockSetting(setting)).toISOString().slice(0, 10));
  });
});
