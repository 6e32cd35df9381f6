import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/next-auth";
import { defineRoute } from "@/lib/server/route";

/** next-auth's own endpoints (csrf, callback, signout), behind the same wrapper as every route handler. */
const handle = defineRoute({
  auth: "public",
  handler: ({ req, params }) => NextAuth(authOptions())(req, { params: Promise.resolve(params) }) as Promise<Response>,
});

export { handle as GET, handle as POST };
