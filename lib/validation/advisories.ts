import { z } from "zod";

const filesOnly = (v: unknown) => (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((f) => f instanceof File && f.size > 0);

/** CSAF 2.0 advisories: one or many JSON files, or ZIPs of them. */
export const importAdvisoriesSchema = z.strictObject({
  files: z.preprocess(
    filesOnly,
    z
      .array(z.instanceof(File))
      .min(1, "Choose one or more CSAF 2.0 advisory files (.json) or a ZIP of them.")
      .max(200, "Choose at most 200 files at a time, or put them in one ZIP."),
  ),
});
export type ImportAdvisoriesInput = z.infer<typeof importAdvisoriesSchema>;

/** CISA's KEV catalog: the JSON feed or the CSV export. */
export const importKevSchema = z.strictObject({
  file: z.preprocess((v) => filesOnly(v)[0], z.instanceof(File, { message: "Choose the KEV catalog file (JSON or CSV) from CISA." })),
});

/** The advisory list's query string. A bad value falls back to the default rather than failing the page. */
export const advisoryListQuerySchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  kev: z.enum(["1"]).optional().catch(undefined),
});
