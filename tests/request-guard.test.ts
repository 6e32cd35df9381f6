import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, test } from "vitest";
// A plain ES module shared with scripts/server.mjs, which runs without a build step.
import { MESSAGES, actionRequestProblem, replaceFrameworkFailure } from "../scripts/request-guard.mjs";

const base = {
  "next-action": "7f00aa",
  origin: "http://localhost:3311",
  host: "localhost:3311",
  "content-length": "120",
  "content-type": "multipart/form-data; boundary=x",
};

describe("issue #10, finding 20: server-action requests Next.js would answer with 500 get a 4xx and a sentence", () => {
  test.each([
    ["a well-formed action request", {}, null],
    ["a page request", { "next-action": undefined }, null],
    ["a foreign Origin", { origin: "https://evil.example" }, 403],
    ["Origin null", { origin: "null" }, 403],
    ["no Origin", { origin: undefined }, 403],
    ["a look-alike Origin", { origin: "http://localhost:3311.evil.example" }, 403],
    ["an Origin with credentials", { origin: "http://user@localhost:3311" }, 403],
    ["a 6.5 MB body", { "content-length": String(6.5 * 1024 * 1024) }, 413],
    ["an empty body", { "content-length": "0" }, 400],
    ["no length at all", { "content-length": undefined }, 400],
    ["a JSON content type", { "content-type": "application/json" }, 415],
    ["a text/plain body (our client's JSON encoding)", { "content-type": "text/plain;charset=UTF-8" }, null],
  ])("%s", (_what, change, status) => {
    const headers = { ...base, ...change } as Record<string, string | undefined>;
    const problem = actionRequestProblem({ method: "POST", headers }, 0);
    expect(problem?.status ?? null).toBe(status);
    if (status === 413) expect(problem?.message).toBe("The upload is too large: the limit is 5 MB per file.");
  });

  test("behind a trusted proxy the host it forwarded counts; without one, X-Forwarded-Host is ignored", () => {
    const headers = { ...base, host: "10.0.0.5:3000", "x-forwarded-host": "localhost:3311" };
    expect(actionRequestProblem({ method: "POST", headers }, 1)).toBeNull();
    expect(actionRequestProblem({ method: "POST", headers }, 0)?.status).toBe(403);
  });

  test("a 500 written by the framework for an action request becomes a 400 with a sentence", async () => {
    const server = http.createServer((_req, res) => {
      replaceFrameworkFailure(res);
      res.statusCode = 500;
      res.setHeader("content-type", "text/html");
      res.end("<pre>Error: Malformed part header</pre>");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as AddressInfo).port;
    const res = await fetch(`http://127.0.0.1:${port}/`, { method: "POST" });
    expect(res.status).toBe(400);
    expect(await res.text()).toBe(`${MESSAGES.unreadable}\n`);
    server.close();
  });
});
