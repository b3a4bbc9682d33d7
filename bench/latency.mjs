// Live-update latency: a staff panel subscribed to orderEvents over graphql-transport-ws, while orders are placed
// one after another over HTTP. Measures, per order, the time from sending placeOrder to receiving its PLACED event.
// Usage: node bench/latency.mjs <base-url> <staff-token> <customer-token> <product-id> [orders]
// Needs the npm package "ws" installed in $BENCH_NODE_DEPS (bench/run.sh sets this up, outside the repository).
import { createRequire } from "node:module";

const WebSocket = createRequire(`${process.env.BENCH_NODE_DEPS}/index.js`)("ws");

const [base, staffToken, customerToken, productId, countArg] = process.argv.slice(2);
const count = Number(countArg ?? 200);
const sentAt = new Map(); // order number -> when placeOrder was sent
const arrivedAt = new Map(); // order number -> when its PLACED event arrived

const socket = new WebSocket(base.replace("http", "ws") + "/graphql", "graphql-transport-ws");
await new Promise((resolve, reject) => {
  socket.on("open", () => socket.send(JSON.stringify({ type: "connection_init", payload: { Authorization: `Bearer ${staffToken}` } })));
  socket.on("error", reject);
  socket.on("message", (raw) => {
    const message = JSON.parse(raw);
    if (message.type === "connection_ack") {
      socket.send(JSON.stringify({ id: "1", type: "subscribe", payload: { query: "subscription { orderEvents { type orderNumber } }" } }));
      setTimeout(resolve, 500); // let the subscription register
    } else if (message.type === "next") {
      const event = message.payload.data.orderEvents;
      if (event.type === "PLACED") arrivedAt.set(event.orderNumber, performance.now());
    } else if (message.type === "error") {
      reject(new Error(JSON.stringify(message.payload)));
    }
  });
});

const query = `mutation { placeOrder(input: {lines: [{productId: "${productId}", quantity: 1}]}) { order { number } } }`;
for (let i = 0; i < count; i++) {
  const sent = performance.now();
  const response = await fetch(base + "/graphql", {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${customerToken}` },
    body: JSON.stringify({ query }),
  });
  sentAt.set((await response.json()).data.placeOrder.order.number, sent);
}
const deadline = Date.now() + 10000;
const missing = () => [...sentAt.keys()].filter((n) => !arrivedAt.has(n)).length;
while (missing() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
socket.close();
const latencies = [...sentAt].filter(([n]) => arrivedAt.has(n)).map(([n, sent]) => arrivedAt.get(n) - sent);

latencies.sort((a, b) => a - b);
const at = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(1);
console.log(`orders placed: ${count}, PLACED events received: ${latencies.length}, missing: ${missing()}`);
console.log(`send -> event received (ms): p50 ${at(50)}  p95 ${at(95)}  p99 ${at(99)}  max ${latencies.at(-1).toFixed(1)}`);
