import { NextResponse, type NextRequest } from "next/server";

/**
 * Sets a nonce-based Content-Security-Policy on every page response (Next applies the nonce to its
 * own scripts when it finds it in the request's CSP header). This is not an authorization check:
 * every page, action and route handler checks the session and permissions itself.
 */
/**
 * Route handlers answer data and downloads, never pages: they get a policy that runs nothing and sandboxes the
 * document (issue #10, finding 21). It is the evidence route's own policy, so whichever of the two a response ends
 * up with, an uploaded HTML or SVG file opened in the browser can run no script and reach no origin.
 */
const API_CSP = "default-src 'none'; sandbox";

export function proxy(request: NextRequest) {
  if (request.nextUrl.pathname.startsWith("/api/")) {
    const response = NextResponse.next();
    response.headers.set("Content-Security-Policy", API_CSP);
    return response;
  }
  const nonce = btoa(crypto.randomUUID());
  const dev = process.env.NODE_ENV !== "production";
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
