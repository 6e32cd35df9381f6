// @secvisogram/csaf-validator-lib ships JavaScript without type declarations; this is the part Clearline uses.
declare module "@secvisogram/csaf-validator-lib/lib/schemaTests.js" {
  export interface CsafSchemaResult {
    isValid: boolean;
    errors: { instancePath: string; message: string; keyword?: string; params?: Record<string, unknown> }[];
  }
  /** Validates a document against the OASIS CSAF 2.0 JSON schema (draft 2020-12, with the FIRST CVSS schemas). */
  export function csaf_2_0(doc: unknown): CsafSchemaResult;
}
