import { z } from "zod";

/**
 * Sentences for the checks a schema leaves without a message of its own, in place of zod's library text ("Invalid
 * input: expected string, received undefined", "Too big: expected string to have <=100 characters"), which a probe
 * found reaching API clients and form errors. A message a schema gives keeps precedence (zod applies this map only
 * where none was given). Installed once by the server's action and route wrappers (lib/server/action.ts, api-route.ts).
 */
export function issueSentence(issue: z.core.$ZodRawIssue): string | undefined {
  const count = (n: number | bigint, one: string, many: string) => `${Number(n).toLocaleString("en-US")} ${Number(n) === 1 ? one : many}`;
  switch (issue.code) {
    case "invalid_type": {
      if (issue.input === undefined) return "This field is required.";
      const expected =
        issue.expected === "string"
          ? "text"
          : issue.expected === "int"
            ? "a whole number"
            : `${/^[aeiou]/.test(issue.expected) ? "an" : "a"} ${issue.expected}`;
      return Number.isNaN(issue.input) ? "Enter a number." : `Give ${expected} here.`;
    }
    case "too_big":
      if (issue.origin === "string") return `At most ${count(issue.maximum, "character", "characters")}.`;
      if (issue.origin === "array" || issue.origin === "set") return `At most ${count(issue.maximum, "item", "items")}.`;
      if (issue.origin === "number" || issue.origin === "int") {
        // A safe-integer bound is no one's business rule: the number is simply too large to be an id or a count.
        if (Number(issue.maximum) >= Number.MAX_SAFE_INTEGER) return "The number is too large.";
        return issue.inclusive === false
          ? `Less than ${Number(issue.maximum).toLocaleString("en-US")}.`
          : `At most ${Number(issue.maximum).toLocaleString("en-US")}.`;
      }
      return undefined;
    case "too_small":
      if (issue.origin === "string")
        return Number(issue.minimum) <= 1 ? "This field is required." : `At least ${count(issue.minimum, "character", "characters")}.`;
      if (issue.origin === "array" || issue.origin === "set") return `At least ${count(issue.minimum, "item", "items")}.`;
      if (issue.origin === "number" || issue.origin === "int") {
        // positive(): "more than 0", which for an id or a count reads better as what to give.
        if (issue.inclusive === false && Number(issue.minimum) === 0) return "Give a number greater than 0.";
        return issue.inclusive === false
          ? `More than ${Number(issue.minimum).toLocaleString("en-US")}.`
          : `At least ${Number(issue.minimum).toLocaleString("en-US")}.`;
      }
      return undefined;
    case "invalid_value":
      return issue.values.length <= 12 ? `Choose one of: ${issue.values.map(String).join(", ")}.` : "Choose one of the values offered.";
    case "invalid_format":
      return issue.format === "email"
        ? "Enter an email address."
        : issue.format === "url"
          ? "Enter a web address (https://…)."
          : "This value is not in the expected form.";
    case "unrecognized_keys":
      return `${issue.keys.length === 1 ? "This field is" : "These fields are"} not part of this form or request: ${issue.keys.join(", ")}. Leave ${issue.keys.length === 1 ? "it" : "them"} out.`;
    case "invalid_union":
      return "This value is not one of the accepted forms.";
    default:
      return undefined;
  }
}

let installed = false;

/** Makes issueSentence zod's message for every check without a message of its own (idempotent). */
export function installZodMessages(): void {
  if (installed) return;
  installed = true;
  z.config({ customError: (issue) => issueSentence(issue) });
}
