// A stand-in OpenID provider for the harness: an RSA key made at start, its JWK set at GET /jwks (what the app's
// spring.security.oauth2.resourceserver.jwt.jwk-set-uri points at), and GET /token?sub=..&roles=a,b&name=.. which
// signs an RS256 access token with the roles where Keycloak puts them (realm_access.roles). Every instance of the
// app started by bench/run.sh trusts the same key, so one token works on all of them (scenario 5).
// Usage: node bench/lib/issuer.mjs PORT        No dependencies.
import { createServer } from "node:http";
import { generateKeyPairSync, sign, randomUUID } from "node:crypto";

const port = Number(process.argv[2] ?? 18099);
const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const kid = randomUUID();
const jwks = JSON.stringify({ keys: [{ ...publicKey.export({ format: "jwk" }), kid, alg: "RS256", use: "sig" }] });
const b64 = (value) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");

function token(subject, roles, name, lifetimeSeconds) {
  const now = Math.floor(Date.now() / 1000);
  const claims = { iss: "urn:ordergraph:bench", sub: subject, iat: now, exp: now + lifetimeSeconds, jti: randomUUID(),
    realm_access: { roles }, ...(name ? { name } : {}) };
  const signingInput = `${b64({ alg: "RS256", typ: "JWT", kid })}.${b64(claims)}`;
  return `${signingInput}.${sign("sha256", Buffer.from(signingInput), privateKey).toString("base64url")}`;
}

createServer((request, response) => {
  const url = new URL(request.url, "http://127.0.0.1");
  if (url.pathname === "/jwks") {
    response.writeHead(200, { "content-type": "application/json" }).end(jwks);
  } else if (url.pathname === "/token" && url.searchParams.get("sub")) {
    const roles = (url.searchParams.get("roles") ?? "").split(",").filter(Boolean);
    response.writeHead(200, { "content-type": "text/plain" })
      .end(token(url.searchParams.get("sub"), roles, url.searchParams.get("name"), 6 * 3600));
  } else {
    response.writeHead(404).end();
  }
}).listen(port, "127.0.0.1", () => console.log(`issuer on ${port}`));
