import { z } from "zod";

/** HTML checkbox: "on" when ticked, absent when not. */
export const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());
/** An id from a form field. */
export const id = z.coerce.number().int().positive();
/** An optional id from a <select>: "" means none. */
export const optionalId = z.preprocess((v) => (v === "" || v == null ? null : v), z.coerce.number().int().positive().nullable());
export const trimmed = (label: string, max = 200) =>
  z
    .string()
    .trim()
    .min(1, `${label} is required.`)
    .max(max, `${label} must be at most ${max} characters.`);
export const optionalText = (max = 2000) => z.string().trim().max(max).default("");
/** Arrays from repeated form keys; a single value arrives as a string. */
export const stringList = z.preprocess((v) => (v == null || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(z.string()));
