import { describe, expect, test } from "vitest";
// scripts/client-address.mjs is a plain ES module shared with scripts/server.mjs, which runs without a build step.
import { clientAddress, servedOverHttps, trustedHopsFromEnv } from "../scripts/client-address.mjs";

describe("the client address for the sign-in throttle", () => {
  test.each([
    // [X-Forwarded-For as received, TCP peer, trusted hops, address used]
    [undefined, "203.0.113.7", 0, "203.0.113.7"],
    ["6.6.6.6", "203.0.113.7", 0, "203.0.113.7"], // no proxy: a header the client wrote is ignored
    ["1.1.1.1, 2.2.2.2, 3.3.3.3", "203.0.113.7", 0, "203.0.113.7"],
    ["198.51.100.4", "10.0.0.2", 1, "198.51.100.4"], // one proxy: the entry it appended
    ["6.6.6.6, 198.51.100.4", "10.0.0.2", 1, "198.51.100.4"], // a spoofed entry left of it is ignored
    ["6.6.6.6, 198.51.100.4, 10.0.0.3", "10.0.0.2", 2, "198.51.100.4"], // two proxies
    [undefined, "10.0.0.2", 1, "10.0.0.2"], // a proxy that added nothing: its own address, not a guess
    [["6.6.6.6", "198.51.100.4"], "10.0.0.2", 1, "198.51.100.4"], // the header sent twice
    [undefined, "::ffff:192.0.2.1", 0, "192.0.2.1"],
    [undefined, undefined, 0, "unknown"],
  ])("X-Forwarded-For %j from %s with %i trusted hop(s) → %s", (xff, peer, hops, expected) => {
    expect(clientAddress(xff, peer, hops)).toBe(expected);
  });

  test("TRUSTED_PROXY_HOPS: unset is 0; a number of hops is taken; anything else is refused with what to write", () => {
    expect(trustedHopsFromEnv(undefined)).toBe(0);
    expect(trustedHopsFromEnv("")).toBe(0);
    expect(trustedHopsFromEnv("2")).toBe(2);
    expect(() => trustedHopsFromEnv("yes")).toThrowError(
      'TRUSTED_PROXY_HOPS must be the number of reverse proxies in front of Clearline (0 to 10), not "yes".',
    );
    expect(() => trustedHopsFromEnv("-1")).toThrowError(/0 to 10/);
  });
});

describe("HSTS only for responses that travelled over HTTPS (issue #10, finding 21)", () => {
  test.each([
    // [X-Forwarded-Proto as received, TLS socket, trusted hops, HTTPS?]
    [undefined, true, 0, true], // our own TLS
    [undefined, false, 0, false],
    ["https", false, 0, false], // no proxy: the client's own words
    ["https", false, 1, true], // the trusted proxy terminated TLS
    ["http", false, 1, false],
    ["https, http", false, 2, false], // the proxy nearest to us spoke plain HTTP
    ["http, HTTPS", false, 2, true],
    [["http", "https"], false, 1, true],
  ])("X-Forwarded-Proto %j, TLS %s, %i hop(s) → %s", (proto, encrypted, hops, expected) => {
    expect(servedOverHttps(proto, encrypted, hops)).toBe(expected);
  });
});
