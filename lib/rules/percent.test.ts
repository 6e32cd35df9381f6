import { expect, test } from "vitest";
import { percentOf } from "./percent";

test.each([
  [20, 106, 19],
  [105, 106, 99],
  [106, 106, 100],
  [1, 1000, 1],
  [999, 1000, 99],
  [1, 2, 50],
  [1, 3, 33],
  [2, 3, 67],
  [0, 106, 0],
  [0, 0, 0],
  [5, 0, 0],
])("%i of %i is %i%", (part, whole, want) => expect(percentOf(part, whole)).toBe(want));
