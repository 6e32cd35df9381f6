/**
 * The one clock of Clearline. Every "now" in services, pages, seeds and tests comes from here, so the whole
 * product can be moved in time at once: `CLEARLINE_NOW` (an ISO date such as `2028-06-01` or a full timestamp)
 * sets the clock to that instant when the process starts, and it runs on from there at the speed of real time
 * (durations, session idle times and throttle windows still pass).
 *
 * Why: the demo and every rule take `now`, but a test that wrote a calendar date into its expectation passed only
 * on the day it was written. CI runs the unit and service tests twice, once today and once a year and a half
 * ahead (across a year end and a leap day), so such a test fails the day it is written (decision 0009).
 *
 * Honoured outside production, and in a production build only with `CLEARLINE_TEST_MODE=1` (the browser tests'
 * server): a hospital's server never runs on a moved clock by accident. ESLint forbids `new Date()` and
 * `Date.now()` everywhere else.
 */

const ISO = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** Parses a CLEARLINE_NOW value into epoch milliseconds, or explains what is wrong with it. */
export function parseClockSetting(value: string): number {
  const m = ISO.exec(value.trim());
  if (!m) throw new Error(`CLEARLINE_NOW must be an ISO date such as 2028-06-01 or 2028-06-01T09:30:00Z, not "${value}".`);
  const [, y, mo, d, time] = m;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d)) {
    throw new Error(`CLEARLINE_NOW is not a calendar date: "${value}".`);
  }
  // A date alone means noon UTC, so that the local calendar day is the same one in every time zone of the Americas and Europe.
  const ms = time ? Date.parse(time.endsWith("Z") || /[+-]\d{2}:\d{2}$/.test(time) ? value.trim() : `${value.trim()}Z`) : date.getTime() + 12 * 3_600_000;
  if (!Number.isFinite(ms)) throw new Error(`CLEARLINE_NOW is not a valid time: "${value}".`);
  return ms;
}

function clockAllowed(env: NodeJS.ProcessEnv): boolean {
  return env.NODE_ENV !== "production" || env.CLEARLINE_TEST_MODE === "1";
}

function initialOffset(): number {
  // `process` is absent in the browser bundle: client components read the real clock.
  const env = typeof process === "undefined" ? undefined : process.env;
  const setting = env?.CLEARLINE_NOW;
  if (!env || !setting || !clockAllowed(env)) return 0;
  return parseClockSetting(setting) - Date.now();
}

let offsetMs = initialOffset();

export const clock = {
  /** The current instant. */
  now(): Date {
    return new Date(Date.now() + offsetMs);
  },
  /** The current instant in epoch milliseconds. */
  ms(): number {
    return Date.now() + offsetMs;
  },
  /** Today's calendar date in UTC, `YYYY-MM-DD`. */
  today(): string {
    return new Date(Date.now() + offsetMs).toISOString().slice(0, 10);
  },
  /** True when CLEARLINE_NOW moved this process's clock. */
  isMoved(): boolean {
    return offsetMs !== 0;
  },
  /** Tests only: moves the clock to `at` (or back to real time with `null`). */
  setForTests(at: Date | null): void {
    offsetMs = at ? at.getTime() - Date.now() : initialOffset();
  },
};
