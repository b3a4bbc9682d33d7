// The optional peer of the harness (bench/run.sh --peer): PostGraphile v5 on Node 22, installed by run.sh into
// BENCH_PEER_DEPS (npm packages node@22 and postgraphile@5), serving the harness's database with
// bench/peer/graphile.config.mjs. Its queries are the same shapes as Ordergraph's, in PostGraphile's names.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export const PEER_CATALOG = "{ allProducts(first: 50, orderBy: [NAME_ASC, PRIMARY_KEY_ASC], condition: {visible: true, "
  + "archivedAt: null}) { edges { node { id name priceAmount priceCurrency stock } } } }";
export const peerOrderPage = (first) => `{ allCustomerOrders(first: ${first}, orderBy: [PLACED_AT_DESC, PRIMARY_KEY_DESC]) `
  + "{ edges { node { number status subtotal taxRate currency customer { name } "
  + "orderLinesByOrderId(orderBy: POSITION_ASC) { nodes { quantity unitPrice product { name } } } } } } }";

/** Starts the peer on the port and waits until it answers; the child has .base, .pid, .version and .logFile. */
export async function startPeer({ work, bench, databaseUrl, port, track, sleep }) {
  const deps = process.env.BENCH_PEER_DEPS;
  const dir = path.join(work, "peer");
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(path.join(bench, "peer/graphile.config.mjs"), path.join(dir, "graphile.config.mjs"));
  fs.symlinkSync(path.join(deps, "node_modules"), path.join(dir, "node_modules"));
  const logFile = path.join(work, "peer.log");
  const out = fs.openSync(logFile, "a");
  const node = path.join(deps, "node_modules/.bin/node");
  const child = track(spawn(node, [path.join(deps, "node_modules/postgraphile/dist/cli-run.js"), "-C", "graphile.config.mjs"],
    { cwd: dir, env: { ...process.env, PEER_DATABASE_URL: databaseUrl, PEER_PORT: String(port), NODE_ENV: "production" },
      stdio: ["ignore", out, out] }), "postgraphile");
  child.logFile = logFile;
  child.base = `http://127.0.0.1:${port}`;
  child.version = JSON.parse(fs.readFileSync(path.join(deps, "node_modules/postgraphile/package.json"), "utf8")).version;
  const deadline = Date.now() + 60000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`PostGraphile exited with ${child.exitCode}; see ${logFile}`);
    try {
      const r = await fetch(`${child.base}/graphql`, { method: "POST", headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ __typename }" }) });
      if (r.status === 200) return child;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`PostGraphile not answering after 60 s; see ${logFile}`);
}
