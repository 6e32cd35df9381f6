import { expect, test } from "vitest";
import { cvssV3BaseScore } from "./cvss";

test.each([
  ["CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8],
  ["CVSS:3.0/AV:P/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:H", 5.2],
  ["CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:C/C:L/I:H/A:H", 8.9],
  ["CVSS:3.1/AV:N/AC:L", null],
  ["AV:N/AC:L/Au:N/C:P/I:P/A:P", null],
  ["garbage", null],
  [null, null],
])("%s → %s", (vector, score) => {
  expect(cvssV3BaseScore(vector)).toBe(score);
});
