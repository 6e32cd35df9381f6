import { expect, test, type Page, type Request } from "@playwright/test";
import { DEMO, signIn, unique } from "./fixtures";

/** Submits the "Add a site" form as the admin and returns the server action request it sent. */
async function captureAction(page: Page): Promise<Request> {
  await signIn(page, DEMO.admin);
  await page.goto("/organization");
  await page.getByText("Add a site").click();
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Add site" }) });
  const name = unique("Guard Clinic");
  await form.getByLabel("Site name").fill(name);
  await form.getByLabel("Code").fill(`G${Date.now().toString(36).slice(-5)}`);
  const [req] = await Promise.all([
    page.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"])),
    form.getByRole("button", { name: "Add site" }).click(),
  ]);
  await expect(page.getByText(`Site "${name}" added.`)).toBeVisible();
  return req;
}

const multipart = (boundary: string, parts: { name: string; filename?: string; type?: string; body: string | Buffer }[]) =>
  Buffer.concat([
    ...parts.flatMap((p) => [
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ""}\r\n${p.type ? `Content-Type: ${p.type}\r\n` : ""}\r\n`,
        "latin1",
      ),
      Buffer.isBuffer(p.body) ? p.body : Buffer.from(p.body),
      Buffer.from("\r\n"),
    ]),
    Buffer.from(`--${boundary}--\r\n`),
  ]);

test("issue #10, finding 20: malformed server-action requests get a 4xx with a sentence, never a 500", async ({ page, baseURL }) => {
  const req = await captureAction(page);
  const action = req.headers()["next-action"]!;
  const post = (headers: Record<string, string>, data: string | Buffer) =>
    page.request.post(req.url(), {
      headers: { "next-action": action, accept: "text/x-component", origin: baseURL!, ...headers },
      data,
      failOnStatusCode: false,
      maxRedirects: 0,
    });

  const b = "----clearlineGuard";
  const cases: [string, Record<string, string>, string | Buffer, number, RegExp][] = [
    ["empty body", { "content-type": "text/plain;charset=UTF-8" }, "", 400, /could not be read/],
    ["a body that is not JSON", { "content-type": "text/plain;charset=UTF-8" }, "this is {not json", 400, /could not be read/],
    [
      "a 6.5 MB upload",
      { "content-type": `multipart/form-data; boundary=${b}` },
      multipart(b, [{ name: "file", filename: "big.pdf", type: "application/pdf", body: Buffer.alloc(6.5 * 1024 * 1024, 0x25) }]),
      413,
      /the limit is 5 MB/,
    ],
    [
      "a raw newline in an upload's file name",
      { "content-type": `multipart/form-data; boundary=${b}` },
      multipart(b, [{ name: "file", filename: "a\nb.csv", type: "text/csv", body: "a,b\n" }]),
      400,
      /could not be read|control character/,
    ],
    ["a foreign Origin", { "content-type": "text/plain;charset=UTF-8", origin: "https://evil.example" }, "[]", 403, /did not come from Clearline's own pages/],
    ["Origin null", { "content-type": "text/plain;charset=UTF-8", origin: "null" }, "[]", 403, /did not come from Clearline's own pages/],
    [
      "a look-alike Origin",
      { "content-type": "text/plain;charset=UTF-8", origin: `${baseURL}.evil.example` },
      "[]",
      403,
      /did not come from Clearline's own pages/,
    ],
  ];
  const seen: string[] = [];
  for (const [what, headers, data, status, sentence] of cases) {
    const res = await post(headers, data);
    const text = await res.text();
    seen.push(`${what}: ${res.status()}`);
    expect.soft(res.status(), `${what}: ${text.slice(0, 200)}`).toBe(status);
    expect.soft(text, what).toMatch(sentence);
  }
  expect(seen.filter((s) => s.endsWith(": 500"))).toEqual([]);
});

test("issue #10, finding 21: route handlers keep a sandbox CSP; no HSTS over plain HTTP even if the client claims https", async ({ page }) => {
  const health = await page.request.get("/api/health", { headers: { "x-forwarded-proto": "https" } });
  expect(health.headers()["content-security-policy"]).toBe("default-src 'none'; sandbox");
  expect(health.headers()["strict-transport-security"]).toBeUndefined();
  const signInPage = await page.request.get("/sign-in");
  expect(signInPage.headers()["content-security-policy"]).toMatch(/script-src 'self' 'nonce-/);
});
