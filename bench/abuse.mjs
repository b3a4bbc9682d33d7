// The abuse load test of issue 9: 200 concurrent heavy staff requests and 500 concurrent anonymous ones, while
// health is probed every 100 ms. Prints status counts, health latency, and how long requests kept arriving.
// Usage: node bench/abuse.mjs BASE STAFF_TOKEN
const [base, staff] = process.argv.slice(2);
const heavy = JSON.stringify({ query: '{ orders(first: 100) { edges { node { number status total { amount currency } '
  + 'customer { name } lines { quantity unitPrice { amount } product { name } } } } } }' });
const catalog = JSON.stringify({ query: '{ products(first: 50) { edges { node { id name stock price { amount } } } } }' });

async function post(body, token) {
  const started = performance.now();
  try {
    const response = await fetch(base + '/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: 'Bearer ' + token } : {}) },
      body,
    });
    const text = await response.text();
    let classification = '';
    if (response.status !== 200 || text.includes('"errors"')) {
      const match = text.match(/"classification":"([A-Z_]+)"/);
      classification = match ? match[1] : 'unparsed';
    }
    return { status: response.status, classification, ms: performance.now() - started, graphql: text.startsWith('{') };
  }
  catch (error) {
    return { status: 'network', classification: String(error.cause?.code ?? error), ms: performance.now() - started };
  }
}

let probing = true;
const health = [];
async function probe() {
  while (probing) {
    for (const path of ['/actuator/health/liveness', '/actuator/health/readiness']) {
      const started = performance.now();
      const response = await fetch(base + path).catch(() => ({ status: 'network' }));
      health.push({ path, status: response.status, ms: performance.now() - started });
      if (response.text) await response.text();
    }
    await new Promise(r => setTimeout(r, 100));
  }
}

function summary(name, results) {
  const counts = {};
  for (const r of results) {
    const key = `${r.status}${r.classification ? ' ' + r.classification : ''}${r.status === 503 && !r.graphql ? ' (not GraphQL)' : ''}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  const ms = results.map(r => r.ms).sort((a, b) => a - b);
  const p = q => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))].toFixed(0);
  console.log(`${name}: ${JSON.stringify(counts)} p50 ${p(0.5)} ms, p99 ${p(0.99)} ms, max ${p(1)} ms`);
}

const prober = probe();
const started = performance.now();
const [heavyResults, anonymousResults] = await Promise.all([
  Promise.all(Array.from({ length: 200 }, () => post(heavy, staff))),
  Promise.all(Array.from({ length: 500 }, () => post(catalog))),
]);
const lastAnswer = performance.now();
probing = false;
await prober;
summary('200 heavy staff order pages (first: 100)', heavyResults);
summary('500 anonymous catalog pages (first: 50)', anonymousResults);
const healthMs = health.map(h => h.ms).sort((a, b) => a - b);
console.log(`health probes: ${health.length}, all 200: ${health.every(h => h.status === 200)}, max ${healthMs.at(-1).toFixed(0)} ms, `
  + `p99 ${healthMs[Math.floor(0.99 * healthMs.length)].toFixed(0)} ms`);
console.log(`wall time to the last answer: ${((lastAnswer - started) / 1000).toFixed(1)} s`);
