// A real OpenID Provider for the browser tests (issue #14): the certified `oidc-provider` package on 127.0.0.1, with its
// development login form (any login; the password is not checked). The login decides the account:
//   "<name>.leader"  → <name>@lakeside.example, groups ["clearline-leadership"]
//   anything else    → <login>@lakeside.example, no groups
// Started by playwright.config.ts next to the app; the app's OIDC_* environment points at it.
import Provider from "oidc-provider";

const port = Number(process.env.OIDC_PORT ?? 3311);
const appUrl = process.env.APP_URL ?? "http://localhost:3310";
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: "clearline-e2e",
      client_secret: "clearline-e2e-secret-0123456789abcdef",
      redirect_uris: [`${appUrl}/api/auth/callback/oidc`],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"], groups: ["groups"] },
  // The claims of the requested scopes go into the ID token too (Entra ID does the same with its groups claim).
  conformIdTokenClaims: false,
  cookies: { keys: ["clearline-e2e-oidc-cookie-key-0123456789"] },
  features: { devInteractions: { enabled: true } },
  async findAccount(_ctx, id) {
    const login = String(id).toLowerCase();
    const leader = login.endsWith(".leader");
    const name = leader ? login.slice(0, -".leader".length) : login;
    return {
      accountId: login,
      async claims() {
        return { sub: login, email: `${name}@lakeside.example`, email_verified: true, name: `SSO ${name}`, groups: leader ? ["clearline-leadership"] : [] };
      },
    };
  },
});
provider.proxy = false;
provider.listen(port, "127.0.0.1", () => console.log(`oidc-provider listening on ${issuer}`));
