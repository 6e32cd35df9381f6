/**
 * One limit per kind of text, shown as a counter under the field (components/forms/fields.tsx) and checked by the
 * schemas of lib/validation/common.ts: names and titles, short texts (a reason, a comment), texts (notes,
 * observations, evidence, scenarios) and long texts (an after-action report's overview, downtime procedures).
 *
 * A module of its own, without zod: client forms import these numbers, and importing them from common.ts put all
 * of zod (~30 KiB gzip) into the first-load JavaScript of every route with such a form (issue #15).
 */
export const TEXT_LIMITS = { name: 160, shortText: 2000, text: 5000, longText: 10000 } as const;
export type TextKind = keyof typeof TEXT_LIMITS;
