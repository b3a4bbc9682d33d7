// The abuse load of issue 9: heavy staff order pages and anonymous catalog pages sent all at once, while liveness and
// readiness are probed one after the other every 100 ms. Returns status counts (a 503 counts as the gate's only if
// its body is GraphQL), latencies and the health probes. No dependencies.
const HEAVY = JSON.stringify({ query: "{ orders(first: 100) { edges { node { number status total { amount currency } "
  + "customer { name } lines { quantity unitPrice { amount } product { name } } } } } }" });
const CATALOG = JSON.stringify({ query: "{ products(first: 50) { edges { node { id name stock price { amount } } } } }" });

async function post(base, body, token) {
  const started = performance.now();
  try {
    const response = await fetch(`${base}/graphql`, { method: "POST", body,
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) } });
    const text = await response.text();
    let classification = "";
    if (response.status !== 200 || text.includes('"errors":[{')) {
      classification = text.match(/"classification":"([A-Z_]+)"/)?.[1] ?? "unparsed";
    }
    return { status: response.status, classification, ms: performance.now() - started, graphql: text.startsWith("{") };
  } catch (error) {
    return { status: "network", classification: String(error.cause?.code ?? error), ms: performance.now() - started };
  }
}

function summary(results) {
  const counts = {};
  for (const r of results) {
    const key = `${r.status}${r.classification ? " " + r.classification : ""}${r.status === 503 && !r.graphql ? " (not GraphQL)" : ""}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  const ms = results.map((r) => r.ms).sort((a, b) => a - b);
  const p = (q) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))];
  return { counts, p50_ms: p(0.5), p99_ms: p(0.99), max_ms: ms.at(-1) };
}

// The health prober runs on a thread of its own (its own event loop): the main thread is busy sending 700 requests and
// reading their answers, and a probe timed there would measure that thread's lag, not the server.
const PROBER = `
const { parentPort, workerData } = require("node:worker_threads");
const probes = [];
let probing = true;
parentPort.on("message", () => { probing = false; });
(async () => {
  const t0 = performance.now();
  while (probing) {
    for (const path of ["/actuator/health/liveness", "/actuator/health/readiness"]) {
      const started = performance.now();
      const response = await fetch(workerData.base + path).catch(() => ({ status: "network" }));
      if (response.text) await response.text();
      probes.push({ path, status: response.status, ms: performance.now() - started, at_ms: started - t0 });
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  parentPort.postMessage(probes);
})();
`;

export async function abuse(base, staffToken, heavyCount, anonymousCount) {
  // health may be served on its own management port (BENCH_HEALTH_BASE, e.g. http://127.0.0.1:18083)
  const healthBase = process.env.BENCH_HEALTH_BASE || base;
  const { Worker } = await import("node:worker_threads");
  const worker = new Worker(PROBER, { eval: true, workerData: { base: healthBase } });
  const probed = new Promise((resolve, reject) => { worker.once("message", resolve); worker.once("error", reject); });
  const started = performance.now();
  const [heavy, anonymous] = await Promise.all([
    Promise.all(Array.from({ length: heavyCount }, () => post(base, HEAVY, staffToken))),
    Promise.all(Array.from({ length: anonymousCount }, () => post(base, CATALOG))),
  ]);
  const wallMs = performance.now() - started;
  worker.postMessage("stop");
  const health = await probed;
  await worker.terminate();
  const all = [...heavy, ...anonymous];
  const other5xx = all.filter((r) => r.status === "network" || (r.status >= 500 && !(r.status === 503 && r.graphql))).length;
  const healthMs = health.map((h) => h.ms).sort((a, b) => a - b);
  return { heavy: { requests: heavyCount, ...summary(heavy) }, anonymous: { requests: anonymousCount, ...summary(anonymous) },
    other_5xx: other5xx, wall_ms: wallMs,
    health: { probes: health.length, all_200: health.every((h) => h.status === 200), max_ms: healthMs.at(-1) ?? null,
      p99_ms: healthMs[Math.floor(0.99 * healthMs.length)] ?? null,
      // the slowest probes and when they were sent (ms after the load started), to see what they waited behind
      slowest: [...health].sort((a, b) => b.ms - a.ms).slice(0, 5)
        .map((h) => ({ path: h.path, ms: Math.round(h.ms), at_ms: Math.round(h.at_ms), status: h.status })) } };
}
